// Scenario (g): weight. The survey page of the default instrument (school-climate) must be at most
// 60 KB (61,440 bytes) as sent, and load no web fonts or images. Measured for the largest form (grade
// 10: every section) in each language:
// - as the browser received it: playwright's responseBodySize (encoded bytes, whatever Chromium
//   negotiated: it offers gzip, deflate, br, zstd);
// - as a gzip-only client receives it (an old browser): raw bytes of a Node request sending
//   `Accept-Encoding: gzip`. Without compression this is the plain size.
// The uncompressed size and the stylesheet/script are printed for information.
//
// The trust box's pupil pages (writing, the receipt, the way out, coming back, the conversation) are
// held to the same budget, in each language, measured the same two ways.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { launchProfile, screenshots, startServer } from './lib/harness.mjs';
import { enterPassword } from './lib/pupil.mjs';
import { comeBack, fillLetter, follow, receiptShown, sendLetter } from './lib/trust.mjs';

const LIMIT = 60 * 1024;

/**
 * GET (or, with `form`, a urlencoded POST) with only `Accept-Encoding: acceptEncoding`; the bytes on
 * the wire (body only) and the encoding.
 */
function rawGet(url, acceptEncoding, form) {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : null;
    const headers = { 'Accept-Encoding': acceptEncoding };
    if (body) Object.assign(headers, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) });
    const req = http.request(url, { method: body ? 'POST' : 'GET', headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] || 'identity' }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body ?? undefined);
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

describe('(g) weight of the trust box pages', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  /**
   * Checks the page just loaded by `response` against the budget, as Chromium received it and as a
   * gzip-only client would (the same request again: a GET, or the POST with `form`, a fresh token in
   * it); returns the line to print.
   */
  async function withinBudget(name, response, requests, form) {
    const browserBytes = (await response.request().sizes()).responseBodySize;
    const url = response.url();
    let again = form;
    if (form) {
      // A form is taken once: the gzip-only client sends it with a fresh token from the same
      // address's form page (GET /trust for POST /trust, GET /trust/back for POST /trust/back).
      const page = await (await fetch(url)).text();
      again = { ...form, form: /name="form" value="([^"]+)"/.exec(page)[1] };
    }
    const gzip = await rawGet(url, 'gzip', again);
    assert.equal(gzip.status, response.status(), `${name}: the gzip-only client gets the same answer`);
    assert.ok(browserBytes > 0, `${name}: response size measured`);
    assert.ok(browserBytes <= LIMIT, `${name}: as sent to Chromium: ${browserBytes} B > ${LIMIT} B`);
    assert.ok(gzip.bytes <= LIMIT, `${name}: as sent to a gzip-only browser: ${gzip.bytes} B > ${LIMIT} B`);
    const heavy = requests.filter((r) => ['font', 'image', 'media'].includes(r.resourceType())).map((r) => r.url());
    assert.deepEqual(heavy, [], `${name}: no fonts, images or media`);
    return `${name}: browser ${browserBytes} B, gzip-only ${gzip.bytes} B (${gzip.encoding})`;
  }

  for (const lang of ['kk', 'ru', 'en']) {
    test(`trust box pupil pages, ${lang}: each <= 60 KB as sent, no fonts, no images`, async (t) => {
      const profile = await launchProfile();
      const shot = screenshots('g-weight');
      const { page } = profile;
      const requests = [];
      page.on('request', (r) => requests.push(r));
      const lines = [];
      const measure = async (name, action, form) => {
        requests.length = 0;
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().resourceType() === 'document'),
          action(),
        ]);
        await page.waitForLoadState('load');
        lines.push(await withinBudget(`${name} (${lang})`, response, requests, form));
      };
      try {
        const text = 'Мені сыныпта үнемі мазақтайды, не істерімді білмеймін.';
        await measure('writing', () => page.goto(server.url(`/trust?lang=${lang}`)));
        await fillLetter(page, { school: 'SCH-DEMO', topic: 'bullying', to: 'school', text, pin: '1357' });
        const letter = { school: 'SCH-DEMO', topic: 'bullying', to: 'school', text, pin: '1357' };
        await measure('receipt', () => sendLetter(page), letter);
        const receipt = await receiptShown(page);
        await shot(page, `trust-receipt-${lang}`, { fullPage: false });
        await measure('way out', () => follow(page, `main a[href="/trust/done?lang=${lang}"]`));
        await measure('coming back', () => page.goto(server.url(`/trust/back?lang=${lang}`)));
        await measure('conversation', () => comeBack(page, receipt, '1357'), { receipt, pin: '1357' });
        for (const line of lines) t.diagnostic(line);
        assert.equal(await page.evaluate(() => document.fonts.size), 0, 'no @font-face is declared');
        assert.deepEqual(profile.offsite, [], 'no request left 127.0.0.1');
      } finally {
        await profile.close();
      }
    });
  }
});
