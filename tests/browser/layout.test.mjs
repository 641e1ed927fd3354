// Scenario (f): layout.
// - Pupil pages at 320 CSS px wide (old or small screens, WCAG 1.4.10 Reflow): no horizontal scroll
//   (document.documentElement.scrollWidth <= 320), and every answer option, "prefer not to say"
//   included, lies on screen.
// - Staff pages at 320x640, 1024x768, 1280x800 and at 200% zoom. Zoom is emulated the way the browser's own zoom works:
//   a 1024x768 window at 200% lays out a 512x384 CSS-px viewport drawn at 2 device pixels per CSS px,
//   so the profile gets viewport 512x384 with deviceScaleFactor 2 (media queries see 512 px, like real
//   zoom; CSS `zoom` on <html> would not change the viewport and is NOT used). Usable means: no
//   horizontal scroll of the page (a wide table may scroll inside its own box), the heading, the
//   navigation and every form control within the viewport's width.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchProfile, screenshots, signIn, startServer } from './lib/harness.mjs';
import { answerByClicking, enterPassword, send } from './lib/pupil.mjs';

async function widths(page) {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    inner: window.innerWidth,
    // The elements sticking out past the right edge, innermost first, for the failure message.
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5))
      .slice(0, 6)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} right=${Math.round(r.right)}`;
      }),
  }));
}

describe('(f) pupil pages at 320 px', () => {
  let server;
  let profile;
  let page;
  let password;
  const shot = screenshots('f-pupil-320');
  before(async () => {
    server = await startServer();
    ({ classes: [{ password }] } = await server.openWave({ classes: ['10A'] }));
    profile = await launchProfile({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 });
    page = profile.page;
  });
  after(async () => { await profile?.close(); await server?.stop(); });

  async function noHorizontalScroll(name) {
    await shot(page, name);
    const w = await widths(page);
    assert.ok(w.scroll <= 320, `${name}: scrollWidth ${w.scroll} > 320; sticking out: ${w.wide.join(', ')}`);
  }

  let surveyUrl;
  for (const lang of ['kk', 'ru']) {
    test(`start page (${lang})`, async () => {
      await page.goto(server.url(`/?lang=${lang}`));
      await noHorizontalScroll(`start-${lang}`);
    });
    test(`survey (${lang}, grade 10)`, async () => {
      await page.goto(server.url(`/?lang=${lang}`));
      await enterPassword(page, password);
      if (lang === 'kk') surveyUrl = page.url();
      await noHorizontalScroll(`survey-${lang}`);
    });
  }
  test('every answer option, "prefer not to say" included, is on screen at 320 px', async () => {
    assert.ok(surveyUrl);
    await page.goto(surveyUrl);
    const off = await page.$$eval('form fieldset label', (labels) => labels
      .map((l) => ({ text: l.innerText.trim(), r: l.getBoundingClientRect(), name: l.querySelector('input')?.name }))
      .filter(({ r }) => r.width === 0 || r.left < 0 || r.right > 320)
      .map(({ text, r, name }) => `${name}: "${text}" at x=${Math.round(r.left)}..${Math.round(r.right)}`));
    await shot(page, 'survey-options', { fullPage: false });
    assert.equal(off.length, 0, `${off.length} answer option(s) off screen, e.g.\n  ${off.slice(0, 4).join('\n  ')}`);
  });
  test('"leave now" is on screen at 320 px', async () => {
    await page.goto(surveyUrl);
    const r = await page.locator('#leave').boundingBox();
    assert.ok(r && r.x >= 0 && r.x + r.width <= 320, `#leave at ${JSON.stringify(r)}`);
  });
  test('thanks and already-sent', async () => {
    await page.goto(surveyUrl);
    await answerByClicking(page, () => 0);
    await send(page);
    await noHorizontalScroll('thanks-kk');
    await page.goto(surveyUrl);
    await noHorizontalScroll('already-sent-kk');
  });
  test('privacy (kk, ru)', async () => {
    await page.goto(server.url('/privacy?lang=kk'));
    await noHorizontalScroll('privacy-kk');
    await page.goto(server.url('/privacy?lang=ru'));
    await noHorizontalScroll('privacy-ru');
  });
});

const STAFF = {
  admin: ['/admin', '/admin/schools', '/admin/users', '/admin/roster', '/admin/settings', '/admin/outbox', '/account/security'],
  centre: ['/centre', '/centre/region', '/centre/referrals', '/centre/waves', '/centre/trust', '/centre/trust/figures'],
  psy: ['/school', '/school/classes', '/school/roster', '/school/waves', '/school/waves/new', '/school/waves/*',
    '/school/referrals', '/school/trust', '/account/two-factor', '/account/security'],
  national: ['/national', '/national/trust', '/national/centres'],
};

for (const [label, options, scenario] of [
  ['320x640 (a small phone)', { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 }, 'f-staff-320'],
  ['1024x768', { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 }, 'f-staff-1024'],
  ['1280x800', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }, 'f-staff-1280'],
  ['200% zoom (512x384 CSS px at deviceScaleFactor 2)', { viewport: { width: 512, height: 384 }, deviceScaleFactor: 2 }, 'f-staff-200pct'],
]) {
  describe(`(f) staff pages at ${label}`, () => {
    let server;
    const shot = screenshots(scenario);
    before(async () => { server = await startServer(); await server.openWave({ classes: ['7A'] }); });
    after(async () => { await server?.stop(); });
    test('login page', async () => {
      const profile = await launchProfile(options);
      try {
        await profile.page.goto(server.url('/login'));
        await shot(profile.page, 'login');
        await assertUsable(profile.page, '/login', options.viewport.width);
      } finally { await profile.close(); }
    });
    for (const [who, paths] of Object.entries(STAFF)) {
      test(`${who}: ${paths.join(' ')}`, async () => {
        const profile = await launchProfile(options);
        const problems = [];
        try {
          await signIn(profile.page, server, who);
          for (const path of paths) {
            const { page } = profile;
            if (path.endsWith('/*')) {
              await page.goto(server.url(path.slice(0, -2)));
              const href = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href'))
                .find((h) => /^\/school\/waves\/[^/]+$/.test(h) && !h.endsWith('/new')));
              await page.goto(server.url(href));
            } else {
              await page.goto(server.url(path));
            }
            await shot(page, `${who}${path.replace(/\//g, '-').replace('*', 'item')}`);
            try { await assertUsable(page, path, options.viewport.width); } catch (e) { problems.push(e.message); }
          }
        } finally { await profile.close(); }
        assert.ok(problems.length === 0, `${problems.length} page(s) not usable at ${label}:\n  - ${problems.join('\n  - ')}`);
      });
    }
  });
}

async function assertUsable(page, path, width) {
  const w = await widths(page);
  const controls = await page.evaluate((vw) => [...document.querySelectorAll('h1, nav a, main a, main button, main input:not([type=hidden]), main select, main textarea, form.signout button')]
    .filter((el) => el.getClientRects().length > 0)
    .filter((el) => { const r = el.getBoundingClientRect(); return r.left < -0.5 || r.right > vw + 0.5; })
    .slice(0, 6)
    .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${(el.innerText || el.value || '').trim().slice(0, 25)}" right=${Math.round(el.getBoundingClientRect().right)}`), width);
  const msgs = [];
  if (w.scroll > w.client) msgs.push(`page scrolls sideways: scrollWidth ${w.scroll} > ${w.client}; sticking out: ${w.wide.join(', ')}`);
  if (controls.length) msgs.push(`controls beyond the ${width}px viewport: ${controls.join('; ')}`);
  if (msgs.length) throw new Error(`${path}: ${msgs.join(' | ')}`);
}
