// Pupil steps shared by the scenarios: the start screen, answering by clicking, sending, and the
// checks a shared computer needs after each pupil.

import assert from 'node:assert/strict';

import { checkedRadios, htmlLang } from './harness.mjs';

/** Clicks the language link `code` on a pupil page and waits for the page in that language. */
export async function chooseLanguage(page, code) {
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('lang') === code),
    page.click(`nav.langs a[hreflang=${code}]`),
  ]);
  assert.equal(await htmlLang(page), code, `start page after choosing ${code} is in ${code}`);
}

/** Types the class password and presses the start button; waits for the questionnaire. */
export async function enterPassword(page, password) {
  await page.click('input[name=password]');
  await page.keyboard.type(password);
  await Promise.all([
    page.waitForURL(/\/survey\/[^/]+$/),
    page.click('form[action^="/survey/start"] button[type=submit]'),
  ]);
}

/**
 * Answers every question by clicking the label of option `pick(index, options)` (a 0-based index into
 * the question's answer options, "prefer not to say" excluded). Returns the chosen `name=value`s.
 */
export async function answerByClicking(page, pick) {
  const sets = page.locator('form fieldset');
  const count = await sets.count();
  assert.ok(count > 0, 'the survey shows questions');
  const chosen = [];
  for (let i = 0; i < count; i++) {
    const options = sets.nth(i).locator('label:has(input[type=radio]:not([value=""]))');
    const n = await options.count();
    assert.ok(n > 0, `question ${i + 1} has answer options`);
    const which = pick(i, n);
    const label = options.nth(which);
    await label.click();
    const input = label.locator('input');
    assert.ok(await input.isChecked(), `question ${i + 1}: clicking option ${which + 1} checks it`);
    chosen.push(`${await input.getAttribute('name')}=${await input.getAttribute('value')}`);
  }
  return chosen;
}

/** Presses the send button and waits for the thank-you page. */
export async function send(page) {
  await Promise.all([
    page.waitForURL(/\/thanks(\?|$)/),
    page.click('form[method=post]:not([action]) button[type=submit]'), // the questionnaire posts to its own address
  ]);
}

/**
 * What every thank-you page must show: help contacts 111, 150, 112 and a way back to the start. (The
 * return after 30 s is checked by behaviour in scenario (b), not by looking for a meta tag.)
 */
export async function assertThanksPage(page, lang) {
  assert.equal(await htmlLang(page), lang, 'thank-you page language');
  const text = await page.innerText('main');
  for (const number of ['111', '150', '112']) {
    assert.ok(text.includes(number), `thank-you page shows help number ${number}`);
  }
  const back = page.locator('main a[href^="/?"], main a[href="/"]');
  assert.ok((await back.count()) >= 1, 'thank-you page links back to the start');
}

/** Is this the "already sent" notice? (Recognised by the link back to the start and no form.) */
export async function isAlreadySent(page, titles) {
  const h1 = (await page.locator('h1').first().innerText()).trim();
  return titles.includes(h1);
}

/**
 * What a page the next pupil can reach may show: no checked answer, no typed password.
 * `where` names the step for messages.
 */
export async function assertNothingLeft(page, where) {
  const checked = await checkedRadios(page);
  assert.ok(checked.length === 0, `${where}: ${checked.length} answers of an earlier pupil are checked`);
  const typed = await page.$$eval('input[type=text], input[type=password], input:not([type])', (els) =>
    els.filter((e) => e.value !== '').map((e) => `${e.name}="${e.value}"`));
  assert.ok(typed.length === 0, `${where}: an earlier pupil's typing is still in the form (${typed.join(', ')})`);
}
