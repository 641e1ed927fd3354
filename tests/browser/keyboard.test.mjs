// Scenario (d): keyboard only. The pupil reaches the password field with Tab, types the password,
// starts with Enter, answers every question with Tab and Space, sends with Enter, and reaches the
// "next pupil" link with Tab. No mouse, no arrow keys. Every element that takes focus on the way must
// show where the focus is.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { htmlLang, launchProfile, screenshots, startServer } from './lib/harness.mjs';

/** What has the focus: tag, type, name, value, checked, and whether a focus ring is drawn. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      name: el.getAttribute('name') || '',
      value: el.value ?? '',
      checked: !!el.checked,
      text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
      href: el.getAttribute('href') || '',
      inMain: el.closest('main') !== null,
      ring,
      outlineColor: cs.outlineColor,
    };
  });
}

function describeEl(f) {
  return f ? `<${f.tag}${f.type ? ` type=${f.type}` : ''}${f.name ? ` name=${f.name}` : ''}> "${f.text}"` : '(body)';
}

/** Presses Tab until `want(focused)` holds; every stop must show a focus ring. */
async function tabTo(page, want, what, max = 40, noRing = []) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && !f.ring) noRing.push(describeEl(f));
    if (f && want(f)) return f;
  }
  throw new Error(`${max} presses of Tab did not reach ${what}`);
}

/** sRGB relative luminance and contrast ratio (WCAG 2). */
function luminance([r, g, b]) {
  const lin = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a, b) {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
const rgb = (css) => (css.match(/\d+(\.\d+)?/g) || []).slice(0, 3).map(Number);

describe('(d) keyboard only', () => {
  let server;
  let password;
  before(async () => {
    server = await startServer();
    ({ classes: [{ password }] } = await server.openWave({ classes: ['7A'] }));
  });
  after(async () => { await server?.stop(); });

  test('the survey can be completed with Tab, Space and Enter alone', async () => {
    const profile = await launchProfile();
    const { page } = profile;
    const shot = screenshots('d-keyboard');
    const noRing = [];
    try {
      await page.goto(server.url('/'));
      await tabTo(page, (f) => f.tag === 'input' && f.name === 'password', 'the password field', 40, noRing);
      await page.keyboard.type(password);
      await shot(page, 'password-typed');
      await Promise.all([page.waitForURL(/\/survey\//), page.keyboard.press('Enter')]);
      assert.equal(await htmlLang(page), 'kk');

      const names = await page.$$eval('form fieldset', (sets) =>
        sets.map((s) => s.querySelector('input[type=radio]').name));
      const answered = new Set();
      let presses = 0;
      for (;;) {
        await page.keyboard.press('Tab');
        presses += 1;
        assert.ok(presses < names.length * 4 + 30, `Tab never reached the send button (${answered.size} answered)`);
        const f = await focused(page);
        if (f && !f.ring) noRing.push(describeEl(f));
        if (!f) continue;
        if (f.tag === 'input' && f.type === 'radio' && !answered.has(f.name)) {
          await page.keyboard.press('Space');
          const now = await focused(page);
          assert.ok(now.checked, `Space checks the focused answer of ${f.name}`);
          answered.add(f.name);
          if (answered.size === 1) await shot(page, 'first-answer', { fullPage: false });
        }
        if (f.tag === 'button' && f.type === 'submit') break;
      }
      assert.deepEqual([...answered], names, 'every question was answered, in order, with Tab and Space');
      await shot(page, 'send-button-focused', { fullPage: false });
      await Promise.all([page.waitForURL(/\/thanks/), page.keyboard.press('Enter')]);
      await shot(page, 'thanks');

      // The "back to the start for the next pupil" link of the thank-you page, then Enter.
      await tabTo(page, (f) => f.tag === 'a' && f.inMain && /^\/\?lang=/.test(f.href),
        'the "back to the start" link of the thank-you page', 20, noRing);
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.keyboard.press('Enter')]);
      assert.equal(await page.inputValue('input[name=password]'), '', 'start screen is clean again');
      assert.ok(noRing.length === 0, `focused elements without a focus ring: ${[...new Set(noRing)].join(', ')}`);
    } finally {
      await profile.close();
    }
  });

  test('the focus ring contrasts 3:1 with the page around it (WCAG 1.4.11)', async () => {
    const profile = await launchProfile();
    const { page } = profile;
    try {
      await page.goto(server.url('/'));
      const weak = [];
      for (const sel of ['nav.langs a', 'input[name=password]', 'form button[type=submit]', 'main a']) {
        await page.focus(sel);
        const info = await page.evaluate(() => {
          const el = document.activeElement;
          let bgEl = el.parentElement;
          let bg = 'rgba(0, 0, 0, 0)';
          while (bgEl) {
            bg = getComputedStyle(bgEl).backgroundColor;
            if (!/rgba\(\s*0,\s*0,\s*0,\s*0\s*\)|transparent/.test(bg)) break;
            bgEl = bgEl.parentElement;
          }
          return { outline: getComputedStyle(el).outlineColor, bg: bgEl ? bg : 'rgb(255, 255, 255)' };
        });
        const ratio = contrast(rgb(info.outline), rgb(info.bg));
        if (ratio < 3) weak.push(`${sel}: outline ${info.outline} on ${info.bg} = ${ratio.toFixed(2)}:1`);
      }
      assert.ok(weak.length === 0, `focus outline contrast below 3:1:\n  - ${weak.join('\n  - ')}`);
    } finally {
      await profile.close();
    }
  });
});
