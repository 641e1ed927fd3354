// Scenario (g): weight. The survey page of the default instrument (school-climate) must be at most
// 60 KB (61,440 bytes) as sent, and load no web fonts or images. Measured for the largest form (grade
// 10: every section) in each language:
// - as the browser received it: playwright's responseBodySize (encoded bytes, whatever Chromium
//   negotiated: it offers gzip, deflate, br, zstd);
// - as a gzip-only client receives it (an old browser): raw bytes of a Node request sending
//   `Accept-Encoding: gzip`. Without compression this is the plain size.
// The uncompressed size and the stylesheet/script are printed for information.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { launchProfile, screenshots, startServer } from './lib/harness.mjs';
import { enterPassword } from './lib/pupil.mjs';

const LIMIT = 60 * 1024;

/** GET with only `Accept-Encoding: gzip`; the bytes on the wire (body only) and the encoding. */
function rawGet(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] || 'identity' }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('(g) weight of the survey page', () => {
  let server;
  let password;
  before(async () => {
    server = await startServer();
    ({ classes: [{ password }] } = await server.openWave({ classes: ['10A'] }));
  });
  after(async () => { await server?.stop(); });

  for (const lang of ['kk', 'ru', 'en']) {
    test(`school-climate, grade 10, ${lang}: <= 60 KB as sent, no fonts, no images`, async (t) => {
      const profile = await launchProfile();
      const shot = screenshots('g-weight');
      const { page } = profile;
      try {
        await page.goto(server.url(`/?lang=${lang}`));
        const requests = [];
        page.on('request', (r) => requests.push(r));
        const [response] = await Promise.all([
          page.waitForResponse((r) => /\/survey\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET'),
          enterPassword(page, password),
        ]);
        await page.waitForLoadState('load');
        await shot(page, `survey-${lang}`, { fullPage: false });
        const sizes = await response.request().sizes();
        const headers = await response.allHeaders();
        const browserBytes = sizes.responseBodySize;
        const gzip = await rawGet(page.url(), 'gzip');
        const plain = await rawGet(page.url(), 'identity');
        assert.equal(gzip.status, 200);
        const kinds = requests.map((r) => `${r.resourceType()} ${new URL(r.url()).pathname}`);
        const line = `${lang}: browser got ${browserBytes} B (${headers['content-encoding'] || 'identity'}), ` +
          `gzip-only client ${gzip.bytes} B (${gzip.encoding}), uncompressed ${plain.bytes} B; requests: ${kinds.join(', ')}`;
        t.diagnostic(line);

        assert.ok(browserBytes > 0, 'response size measured');
        assert.ok(browserBytes <= LIMIT, `as sent to Chromium: ${browserBytes} B > ${LIMIT} B`);
        assert.ok(gzip.bytes <= LIMIT, `as sent to a gzip-only browser: ${gzip.bytes} B > ${LIMIT} B`);
        const heavy = requests.filter((r) => ['font', 'image', 'media'].includes(r.resourceType()))
          .map((r) => `${r.resourceType()} ${r.url()}`);
        assert.deepEqual(heavy, [], 'the survey page loads no fonts, images or media');
        const faces = await page.evaluate(() => document.fonts.size);
        assert.equal(faces, 0, 'no @font-face is declared');
        assert.deepEqual(profile.offsite, [], 'no request left 127.0.0.1');
      } finally {
        await profile.close();
      }
    });
  }
});
