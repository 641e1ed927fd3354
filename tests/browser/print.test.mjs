// Scenario (c): a psychologist signs in, opens a wave through the pages, and prints the passwords
// sheet. The sheet is shown once and says it prints "a page per class" (src/web/views/school/waves.rs),
// so the print checks are: every class's password is on paper, the staff chrome and the no-print link
// are not, and the PDF has one page per class.
//
// Later the psychologist opens the demo's closed wave and reads its dashboard, in Kazakh and in Russian:
// every chart is an <svg role="img"> named by its <title> and <desc>, its figures are also in a table
// (nothing is said by colour alone), and the charts still show when the page is printed.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';

import { SCREENSHOT_DIR, htmlLang, launchProfile, screenshots, signIn, startServer } from './lib/harness.mjs';
import { message } from './lib/messages.mjs';

/** Pages of a PDF written by Chromium (Skia writes plain, uncompressed page dictionaries). */
function pdfPageCount(bytes) {
  const text = bytes.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

test('(c) psychologist opens a wave, prints the passwords one page per class, and later reads the dashboard charts', async () => {
  const server = await startServer();
  const profile = await launchProfile();
  const shot = screenshots('c-print-passwords');
  const { page } = profile;
  try {
    await signIn(page, server, 'psy');
    assert.equal(new URL(page.url()).pathname, '/school', 'the psychologist lands on the school home');
    await shot(page, 'school-home');

    await page.click('nav.main a[href="/school/waves"]');
    await page.waitForURL('**/school/waves');
    await Promise.all([page.waitForURL('**/school/waves/new'), page.click('main a[href="/school/waves/new"]')]);
    await shot(page, 'new-wave-form');
    const classCount = await page.locator('input[type=checkbox][name=class]:checked').count();
    assert.ok(classCount >= 2, `the form pre-selects the school's classes (${classCount})`);

    await Promise.all([
      page.waitForURL('**/school/waves'),
      page.click('form[action="/school/waves"] button[type=submit]'),
    ]);
    const secrets = await page.locator('p.secret').allInnerTexts();
    assert.equal(secrets.length, classCount, 'one password per chosen class');
    for (const secret of secrets) assert.match(secret.trim(), /^[A-Z0-9]{5}-[A-Z0-9]{5}$/, 'password shape');
    await shot(page, 'passwords-screen');

    // The password works for a pupil (the sheet is the only place it is ever shown).
    const res = await fetch(server.url('/survey/start?lang=kk'), {
      method: 'POST',
      body: new URLSearchParams({ password: secrets[0].trim() }),
      redirect: 'manual',
    });
    assert.equal(res.status, 303, 'the first printed password opens a survey');
    assert.match(res.headers.get('location') ?? '', /^\/survey\//);

    // Print.
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'passwords-print-media');
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    await writeFile(join(SCREENSHOT_DIR, 'c-print-passwords', 'passwords.pdf'), pdf);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'page.pdf() produced a PDF');

    const printed = await page.evaluate(() => {
      const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      return {
        secrets: [...document.querySelectorAll('p.secret')].filter(shown).map((e) => e.innerText.trim()),
        chrome: ['header.top', 'nav.main', 'nav.langs', 'form.signout', 'footer.bottom', '.no-print']
          .filter((sel) => [...document.querySelectorAll(sel)].some(shown)),
        breaks: [...document.querySelectorAll('section.sheet')].map((s) => {
          const cs = getComputedStyle(s);
          return { before: cs.breakBefore, after: cs.breakAfter, inside: cs.breakInside };
        }),
      };
    });
    // Every print property is checked, then all that fail are reported together.
    const problems = [];
    const missing = secrets.map((x) => x.trim()).filter((x) => !printed.secrets.includes(x));
    if (missing.length) problems.push(`passwords missing from the printed sheet: ${missing.join(', ')}`);
    if (printed.chrome.length) problems.push(`printed although screen-only: ${printed.chrome.join(', ')}`);
    const pages = pdfPageCount(pdf);
    if (pages !== classCount) {
      problems.push(`one printed page per class expected: ${classCount} classes, the A4 PDF has ${pages} page(s); ` +
        `section.sheet computed break-before/after/inside: ${JSON.stringify(printed.breaks[0])}`);
    }
    if (profile.offsite.length) problems.push(`requests left 127.0.0.1: ${profile.offsite.join(', ')}`);
    assert.ok(problems.length === 0, `${problems.length} print problem(s):\n  - ${problems.join('\n  - ')}`);

    // Later: the dashboard of the demo's closed wave, by clicking, in Kazakh then Russian.
    await page.emulateMedia({ media: 'screen' });
    for (const lang of ['kk', 'ru']) {
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/lang/')), page.click(`nav.langs a[hreflang=${lang}]`)]);
      assert.equal(await htmlLang(page), lang);
      await Promise.all([page.waitForURL('**/school/waves'), page.click('nav.main a[href="/school/waves"]')]);
      const closed = page.locator('table tbody tr', { hasText: message(lang, 'wave-status-closed') }).locator('a');
      assert.ok((await closed.count()) >= 1, `the demo's closed wave is listed (${lang})`);
      await Promise.all([page.waitForURL(/\/school\/waves\/[0-9a-f-]+$/), closed.first().click()]);
      const charts = await page.evaluate(() => [...document.querySelectorAll('main svg')].map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
        const named = ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
        const box = svg.getBoundingClientRect();
        return { role: svg.getAttribute('role'), named, width: box.width, height: box.height };
      }));
      assert.ok(charts.length >= 2, `the dashboard shows its charts (${lang}: ${charts.length})`);
      for (const chart of charts) {
        assert.equal(chart.role, 'img', 'each chart is an image to assistive technology');
        assert.ok(chart.named.length === 2 && chart.named.every((t) => t.length > 0), `each chart has a title and a description: ${JSON.stringify(chart.named)}`);
        assert.ok(chart.width > 200 && chart.height > 50, `each chart is drawn at a readable size: ${chart.width}x${chart.height}`);
      }
      assert.ok((await page.locator('main table').count()) >= 1, 'the figures are also given as a table');
      await shot(page, `dashboard-${lang}`);
    }
    await page.emulateMedia({ media: 'print' });
    const printedCharts = await page.evaluate(() => [...document.querySelectorAll('main svg')]
      .filter((svg) => svg.getClientRects().length > 0 && getComputedStyle(svg).visibility !== 'hidden').length);
    assert.ok(printedCharts >= 2, `the charts print (${printedCharts} visible in print media)`);
    await shot(page, 'dashboard-ru-print-media');
    const dashboardPdf = await page.pdf({ format: 'A4', printBackground: false });
    await writeFile(join(SCREENSHOT_DIR, 'c-print-passwords', 'dashboard.pdf'), dashboardPdf);
    assert.ok(pdfPageCount(dashboardPdf) >= 1, 'the dashboard prints');
  } finally {
    await profile.close();
    await server.stop();
  }
});
