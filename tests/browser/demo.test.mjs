// Scenario (p): what `serve --demo` shows a first-time visitor (issue 21). The centre's region page
// draws a funnel of many schools, the demo school's wave page a trend over its two closed waves, the
// centre's referral inbox has overdue work in it, the national page compares at least two regions,
// and the trust box inboxes hold letters. The README's screenshots are taken here: with
// AHUAL_WRITE_SCREENSHOTS=1 they are written to docs/screenshots/ (1280x800, the viewport only).

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO_DIR, launchProfile, screenshots, signIn, startServer } from './lib/harness.mjs';
import { message } from './lib/messages.mjs';
import { switchLanguage } from './lib/staff.mjs';

const README_SHOTS = join(REPO_DIR, 'docs', 'screenshots');

/** Saves the viewport as docs/screenshots/<name>.png when asked to (the README's pictures). */
async function readmeShot(page, name) {
  if (process.env.AHUAL_WRITE_SCREENSHOTS !== '1') return;
  await mkdir(README_SHOTS, { recursive: true });
  await page.screenshot({ path: join(README_SHOTS, `${name}.png`), fullPage: false });
}

/** Scrolls `selector` to the top of the viewport, for a picture of what matters. */
async function scrollTo(page, selector) {
  await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

describe('(p) the demo shows a region at work', () => {
  let server;
  const shot = screenshots('p-demo');
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('the centre: a funnel of many schools, and an inbox with overdue referrals', async () => {
    const profile = await launchProfile();
    try {
      const { page } = profile;
      await signIn(page, server, 'centre');
      await switchLanguage(page, 'en');
      await page.goto(server.url('/centre/region'));
      const dots = await page.locator('svg[aria-labelledby^="chart-region-funnel"] circle.mark').count();
      assert.ok(dots >= 25, `the funnel plot shows many schools (${dots} points)`);
      await shot(page, 'centre-region');
      await scrollTo(page, 'svg[aria-labelledby^="chart-region-funnel"]');
      await page.evaluate(() => window.scrollBy(0, -24));
      await readmeShot(page, 'region-funnel');

      await page.goto(server.url('/centre/referrals'));
      const rows = page.locator('table.referrals tbody tr');
      assert.ok((await rows.count()) >= 10, `the inbox has work in it (${await rows.count()} referrals)`);
      const overdue = await page.locator('table.referrals tbody tr.overdue').count();
      assert.ok(overdue >= 2, `overdue referrals stand out (${overdue})`);
      const statuses = (await page.locator('table.referrals tbody').innerText());
      for (const key of ['referral-status-new', 'referral-status-acknowledged', 'referral-status-in-progress', 'referral-status-closed']) {
        assert.ok(statuses.includes(message('en', key)), `a referral in the state "${message('en', key)}"`);
      }
      await shot(page, 'centre-referrals');
      await readmeShot(page, 'referral-inbox');

      await page.goto(server.url('/centre/trust'));
      const letters = await page.locator('table.referrals tbody tr').count();
      assert.ok(letters >= 3, `the centre's trust box has letters (${letters})`);
      await shot(page, 'centre-trust');
      assert.deepEqual(profile.offsite, [], 'no request left 127.0.0.1');
    } finally { await profile.close(); }
  });

  test("the psychologist: the demo school's latest wave has a trend over two waves", async () => {
    const profile = await launchProfile();
    try {
      const { page } = profile;
      await signIn(page, server, 'psy');
      await switchLanguage(page, 'en');
      await page.goto(server.url('/school/waves'));
      const waves = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href'))
        .filter((h) => /^\/school\/waves\/[0-9a-f-]+$/.test(h)));
      assert.ok(waves.length >= 2, `two closed waves are listed (${waves.join(' ')})`);
      let trend = null;
      for (const href of waves) {
        await page.goto(server.url(href));
        if (await page.locator('svg[aria-labelledby^="trend-"]').count()) { trend = href; break; }
      }
      assert.ok(trend, 'a wave page of the demo school draws a trend chart');
      await shot(page, 'school-wave');
      await scrollTo(page, 'svg[aria-labelledby^="trend-"]');
      await page.evaluate(() => window.scrollBy(0, -160));
      await shot(page, 'school-wave-trend', { fullPage: false });
      await readmeShot(page, 'school-trend');

      await page.goto(server.url('/school/trust'));
      assert.ok((await page.locator('table.referrals tbody tr').count()) >= 3, "the school's trust box has letters");
      assert.deepEqual(profile.offsite, [], 'no request left 127.0.0.1');
    } finally { await profile.close(); }
  });

  test('the national analyst compares at least two regions', async () => {
    const profile = await launchProfile();
    try {
      const { page } = profile;
      await signIn(page, server, 'national');
      await page.goto(server.url('/national'));
      const text = await page.locator('main').innerText();
      const regions = ['Астана', 'Алматы'].filter((name) => text.includes(name));
      assert.deepEqual(regions, ['Астана', 'Алматы'], 'Astana and Almaty are side by side');
      await shot(page, 'national');
    } finally { await profile.close(); }
  });
});
