// Scenario (e): axe-core on every page type, pupil and staff. A page fails on any `serious` or
// `critical` violation; `moderate` and `minor` ones are printed (test diagnostics) but do not fail.
// axe is injected from node_modules; the app's CSP (`script-src 'self'`) would refuse it, so these
// profiles use bypassCSP: true (only here).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchProfile, runAxe, screenshots, signIn, startServer } from './lib/harness.mjs';
import { answerByClicking, enterPassword, send } from './lib/pupil.mjs';
import { comeBack, fillLetter, follow, letterOverHttp, sendLetter } from './lib/trust.mjs';

function format(violations) {
  return violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 8).map((n) => `      ${n.target}`).join('\n')}` +
      (v.nodes.length > 8 ? `\n      ... and ${v.nodes.length - 8} more` : ''))
    .join('\n');
}

/** Runs axe on the current page, prints everything, fails on serious/critical. */
async function check(t, page, shot, name) {
  await shot(page, name);
  const violations = await runAxe(page);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = violations.filter((v) => !blocking.includes(v));
  if (other.length) t.diagnostic(`${name}: non-blocking axe findings\n${format(other)}`);
  assert.equal(blocking.length, 0, `${name} (${new URL(page.url()).pathname}): serious/critical axe violations:\n${format(blocking)}`);
}

describe('(e) accessibility: pupil pages', () => {
  let server;
  let profile;
  let page;
  let password;
  let surveyUrl;
  const shot = screenshots('e-axe-pupil');
  before(async () => {
    server = await startServer();
    ({ classes: [{ password }] } = await server.openWave({ classes: ['10A'] })); // grade 10: every section
    profile = await launchProfile({ bypassCSP: true });
    page = profile.page;
  });
  after(async () => { await profile?.close(); await server?.stop(); });

  test('start page', async (t) => {
    await page.goto(server.url('/?lang=kk'));
    await check(t, page, shot, 'start-kk');
  });
  test('start page after a wrong password', async (t) => {
    await page.goto(server.url('/?lang=ru'));
    await page.fill('input[name=password]', 'WRONG-WRONG');
    await Promise.all([page.waitForLoadState('load'), page.click('form button[type=submit]')]);
    await page.waitForSelector('.error');
    await check(t, page, shot, 'start-wrong-password-ru');
  });
  test('survey (grade 10, every section)', async (t) => {
    await page.goto(server.url('/?lang=kk'));
    await enterPassword(page, password);
    surveyUrl = page.url();
    await check(t, page, shot, 'survey-kk');
  });
  test('thanks', async (t) => {
    assert.ok(surveyUrl, 'needs the survey test');
    await page.goto(surveyUrl);
    await answerByClicking(page, () => 0);
    await send(page);
    await check(t, page, shot, 'thanks-kk');
  });
  test('already-sent notice', async (t) => {
    assert.ok(surveyUrl, 'needs the survey test');
    await page.goto(surveyUrl);
    await check(t, page, shot, 'already-sent-kk');
  });
  test('privacy', async (t) => {
    await page.goto(server.url('/privacy?lang=kk'));
    await check(t, page, shot, 'privacy-kk');
  });

  // The trust box, from writing to reading the answer.
  let receipt;
  test('trust box: writing page', async (t) => {
    await page.goto(server.url('/trust?lang=kk'));
    await check(t, page, shot, 'trust-write-kk');
  });
  test('trust box: writing page, "in danger now" ticked', async (t) => {
    await page.goto(server.url('/trust?lang=ru'));
    await page.click('label[for=danger]');
    await page.waitForSelector('.danger-now', { state: 'visible' });
    await check(t, page, shot, 'trust-write-danger-ru');
  });
  test('trust box: a letter with a problem', async (t) => {
    await page.goto(server.url('/trust?lang=kk'));
    await fillLetter(page, { school: 'SCH-DEMO', topic: 'bullying', to: 'school', text: 'Мені мазақтайды', pin: '12' });
    assert.equal(await sendLetter(page), 400);
    await check(t, page, shot, 'trust-write-problem-kk');
  });
  test('trust box: receipt', async (t) => {
    await page.goto(server.url('/trust?lang=kk'));
    await fillLetter(page, { school: 'SCH-DEMO', topic: 'bullying', to: 'school', text: 'Мені мазақтайды', pin: '2468' });
    assert.equal(await sendLetter(page), 200);
    receipt = (await page.locator('p.receipt').innerText()).trim();
    await check(t, page, shot, 'trust-receipt-kk');
  });
  test('trust box: done, after sending', async (t) => {
    assert.ok(receipt, 'needs the receipt test');
    await follow(page, 'main a[href="/trust/done?lang=kk"]');
    await check(t, page, shot, 'trust-done-kk');
  });
  test('trust box: coming back', async (t) => {
    await page.goto(server.url('/trust/back?lang=kk'));
    await check(t, page, shot, 'trust-back-kk');
  });
  test('trust box: a wrong receipt', async (t) => {
    await page.goto(server.url('/trust/back?lang=ru'));
    assert.equal(await comeBack(page, '0000 0000 0000 0000', ''), 401);
    await check(t, page, shot, 'trust-back-wrong-ru');
  });
  test('trust box: the conversation', async (t) => {
    assert.ok(receipt, 'needs the receipt test');
    await page.goto(server.url('/trust/back?lang=kk'));
    assert.equal(await comeBack(page, receipt, '2468'), 200);
    await check(t, page, shot, 'trust-thread-kk');
  });
  test('trust box: a form sent again', async (t) => {
    assert.ok(receipt, 'needs the receipt test');
    await page.goto(server.url('/trust/back?lang=kk'));
    const token = await page.getAttribute('input[name=form]', 'value');
    await comeBack(page, receipt, '2468');
    await page.goto(server.url('/trust/back?lang=kk'));
    await page.evaluate((t) => { document.querySelector('input[name=form]').value = t; }, token);
    assert.equal(await comeBack(page, receipt, '2468'), 409);
    await check(t, page, shot, 'trust-sent-again-kk');
  });
});

describe('(e) accessibility: staff pages', () => {
  let server;
  const shot = screenshots('e-axe-staff');
  before(async () => {
    server = await startServer();
    await server.openWave({ classes: ['7A', '8A'] });
    // A conversation at each desk, for the trust box's conversation pages.
    for (const to of ['school', 'centre']) {
      await letterOverHttp(server, { school: 'SCH-DEMO', topic: 'bullying', to, text: 'Мені сыныпта мазақтайды' });
    }
  });
  after(async () => { await server?.stop(); });

  test('login page', async (t) => {
    const profile = await launchProfile({ bypassCSP: true });
    try {
      await profile.page.goto(server.url('/login'));
      await check(t, profile.page, shot, 'login');
      await profile.page.fill('input[name=login]', 'admin');
      await profile.page.fill('input[name=password]', 'not-the-password');
      await Promise.all([profile.page.waitForLoadState('load'), profile.page.click('form[action="/login"] button')]);
      await profile.page.waitForSelector('.error');
      await check(t, profile.page, shot, 'login-refused');
    } finally { await profile.close(); }
  });

  const roles = {
    admin: ['/admin', '/admin/schools', '/admin/schools/*', '/admin/users', '/admin/users/*', '/admin/roster',
      '/admin/settings', '/admin/outbox', '/account/security', '/account/password'],
    centre: ['/centre', '/centre/schools/*', '/centre/referrals', '/centre/referrals/*', '/centre/region',
      '/centre/waves', '/centre/waves/*', '/centre/trust', '/centre/trust/*', '/centre/trust/figures', '/account/api-token', '/account/password'],
    psy: ['/school', '/school/classes', '/school/classes/*', '/school/roster', '/school/waves', '/school/waves/new',
      '/school/waves/*', '/school/referrals', '/school/referrals/new', '/school/referrals/*', '/school/trust',
      '/school/trust/*', '/school/trust/poster', '/account/security', '/account/two-factor', '/account/password'],
    national: ['/national', '/national/trust', '/national/centres', '/account/password'],
  };
  for (const [who, paths] of Object.entries(roles)) {
    describe(`${who}`, () => {
      let profile;
      before(async () => {
        profile = await launchProfile({ bypassCSP: true });
        await signIn(profile.page, server, who);
      });
      after(async () => { await profile?.close(); });
      for (const path of paths) {
        test(path, async (t) => {
          const { page } = profile;
          if (path.endsWith('/*')) {
            // The first item page linked from the list page (a real id of the demo data).
            const list = path.slice(0, -2);
            await page.goto(server.url(list === '/centre/schools' ? '/centre' : list));
            const href = await page.$$eval('main a[href]', (as, prefix) => as.map((a) => a.getAttribute('href'))
              .find((h) => h.startsWith(prefix + '/') && !h.endsWith('/new')), list);
            assert.ok(href, `a link to an item under ${list}`);
            await page.goto(server.url(href));
          } else {
            await page.goto(server.url(path));
          }
          assert.ok(!new URL(page.url()).pathname.startsWith('/login'), `${who} may open ${path}`);
          await check(t, page, shot, `${who}${path.replace(/\//g, '-').replace('*', 'item')}`);
        });
      }
      if (who === 'psy') {
        test('passwords sheet after opening a wave', async (t) => {
          const { page } = profile;
          await page.goto(server.url('/school/waves/new'));
          // The pupil pages' wave (opened before) takes the school's current reporting period: one wave
          // per school and half-year, so this one opens in the next (1 January or 1 September).
          const today = new Date();
          const next = today.getMonth() >= 8 ? `${today.getFullYear() + 1}-01-01` : `${today.getFullYear()}-09-01`;
          await page.fill('input[name=opens_on]', next);
          await page.fill('input[name=closes_on]', next);
          await Promise.all([page.waitForLoadState('load'), page.click('form[action="/school/waves"] button[type=submit]')]);
          await page.waitForSelector('p.secret');
          await check(t, page, shot, 'psy-passwords-sheet');
        });
      }
    });
  }

  test('404 page', async (t) => {
    const profile = await launchProfile({ bypassCSP: true });
    try {
      await profile.page.goto(server.url('/no-such-page'));
      await check(t, profile.page, shot, 'not-found');
    } finally { await profile.close(); }
  });
});
