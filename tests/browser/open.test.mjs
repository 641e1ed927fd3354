// Scenario (o): the open figures, read by someone who never signs in (issue 21). The demo's region
// page of the last published period renders in kk/ru/en, names no school or class, leaves no cookie,
// offers its CSV, passes axe, and is no wider than the viewport at 320 px and at 1280 px; the list
// of regions likewise.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { htmlLang, launchProfile, runAxe, screenshots, startServer } from './lib/harness.mjs';

const SCHOOL_NAMES = ['SCH-DEMO', 'гимназия', 'Gymnasium', '№ 1', '5A', '10A'];

async function scrollWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('(o) open figures without signing in', () => {
  let server;
  const shot = screenshots('o-open');
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  for (const lang of ['kk', 'ru', 'en']) {
    test(`the region page in ${lang}, naming no school, leaving no cookie`, async () => {
      const profile = await launchProfile({ bypassCSP: true });
      try {
        const { page, context } = profile;
        const reply = await page.goto(server.url(`/open/KZ-71?lang=${lang}`));
        assert.equal(reply.status(), 200);
        assert.equal(await htmlLang(page), lang);
        assert.ok(!new URL(page.url()).pathname.startsWith('/login'), 'no sign-in');
        const text = await page.innerText('main');
        for (const name of SCHOOL_NAMES) assert.ok(!text.includes(name), `${lang}: "${name}" on the public page`);
        assert.ok(await page.$('main table.figures-table'), 'the region\'s climate figures are shown');
        assert.deepEqual(await context.cookies(), [], 'reading open figures leaves no cookie');
        const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(violations.map((v) => v.id), [], `${lang}: serious axe findings`);
        await shot(page, `region-${lang}`);
        const csv = await page.getAttribute('main a[download]', 'href');
        assert.ok(csv && csv.includes('/open/KZ-71/figures.csv'), 'the page links its CSV');
        const download = await context.request.get(server.url(csv));
        assert.equal(download.status(), 200);
        assert.match(download.headers()['content-type'], /^text\/csv/);
        assert.ok((await download.text()).includes('referrals,received,'));
      } finally { await profile.close(); }
    });
  }

  test('the list of regions links each region and passes axe', async () => {
    const profile = await launchProfile({ bypassCSP: true });
    try {
      const { page } = profile;
      await page.goto(server.url('/open?lang=ru'));
      const links = await page.$$eval('main a[href^="/open/KZ-"]', (as) => as.length);
      assert.equal(links, 20, 'every region');
      const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(violations.map((v) => v.id), []);
      await page.click('footer a[href^="/open"]');
      assert.equal(new URL(page.url()).pathname, '/open', 'every page\'s footer leads here');
    } finally { await profile.close(); }
  });

  for (const width of [320, 1280]) {
    test(`no open page is wider than a ${width} px viewport`, async () => {
      const profile = await launchProfile({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
      try {
        const { page } = profile;
        for (const path of ['/open?lang=kk', '/open/KZ-71?lang=kk', '/open/KZ-71?lang=ru']) {
          await page.goto(server.url(path));
          const wide = await scrollWidth(page);
          await shot(page, `w${width}${path.replace(/[/?=]/g, '-')}`);
          assert.ok(wide <= width, `${path}: scrollWidth ${wide} > ${width}`);
        }
      } finally { await profile.close(); }
    });
  }
});
