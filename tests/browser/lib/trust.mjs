// Pupil steps in the trust box (docs/trust-box.md): writing a message and reading its receipt, coming
// back with the receipt, and what a shared computer may keep of it afterwards.

import assert from 'node:assert/strict';

import { travel } from './history.mjs';

/** A receipt as the page shows it: sixteen digits in four groups of four. */
export const RECEIPT_SHOWN = /^\d{4} \d{4} \d{4} \d{4}$/;

/** Clicks a link or button and waits for the page it leads to; the main response's HTTP status. */
export async function follow(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response ? response.status() : null;
}

/**
 * Fills the writing form (`/trust`) as a pupil does: types the school code, clicks the labels of the
 * topic and the addressee, ticks "in danger" when asked, types the words and the PIN (if any).
 */
export async function fillLetter(page, { school, topic, to, danger = false, text, pin = '' }) {
  await page.click('#school');
  await page.keyboard.type(school);
  await page.click(`label.choice:has(input[name=topic][value="${topic}"])`);
  await page.click(`label.choice:has(input[name=to][value="${to}"])`);
  if (danger) await page.click('label[for=danger]');
  await page.click('#text');
  await page.keyboard.type(text);
  if (pin) {
    await page.click('#pin');
    await page.keyboard.type(pin);
  }
}

/** Sends the writing form; the HTTP status of the answer. */
export async function sendLetter(page) {
  return follow(page, 'form[action^="/trust?"] button[type=submit]');
}

/** The receipt on a receipt page, as shown. */
export async function receiptShown(page) {
  const receipt = (await page.locator('p.receipt').innerText()).trim();
  assert.match(receipt, RECEIPT_SHOWN, 'the receipt is sixteen digits in groups of four');
  return receipt;
}

/** On `/trust/back`: types the receipt (and PIN) and opens the conversation; the HTTP status. */
export async function comeBack(page, receipt, pin = '') {
  await page.click('#receipt');
  await page.keyboard.type(receipt);
  if (pin) {
    await page.click('#pin');
    await page.keyboard.type(pin);
  }
  return follow(page, 'form[action^="/trust/back?"] button[type=submit]');
}

/**
 * Everything of the current page and profile a next pupil could find: the page's HTML (hidden fields
 * included) and visible text, the values in its fields, the cookies, and Web Storage (local and
 * session) of every origin.
 */
export async function whatIsLeft(page, context) {
  const html = await page.content();
  const text = await page.locator('body').innerText().catch(() => '');
  const values = await page.$$eval('input, textarea', (els) =>
    els.filter((e) => !['radio', 'checkbox', 'submit', 'hidden'].includes(e.type) && e.value !== '')
      .map((e) => `${e.name}="${e.value}"`)
      .concat(els.filter((e) => (e.type === 'radio' || e.type === 'checkbox') && e.checked).map((e) => `${e.name}=${e.value} checked`)));
  const state = await context.storageState();
  const session = await page.evaluate(() => {
    try {
      return Object.entries(sessionStorage).map(([k, v]) => `${k}=${v}`);
    } catch { return []; }
  }).catch(() => []);
  const local = state.origins.flatMap((o) => o.localStorage.map((e) => `${o.origin} ${e.name}=${e.value}`));
  return { html, text, values, cookies: state.cookies.map((c) => `${c.name}=${c.value}`), local, session };
}

/**
 * Asserts that nothing of an earlier pupil's message is left on the page or in the profile: none of
 * `secrets` (the words, the receipt as shown and as bare digits) in the page, no typed field, no
 * cookie, no Web Storage. `where` names the step.
 */
export async function assertNoTrace(page, context, secrets, where) {
  const left = await whatIsLeft(page, context);
  for (const secret of secrets) {
    assert.ok(!left.html.includes(secret), `${where}: the page holds "${secret}" of an earlier pupil`);
    assert.ok(!left.text.includes(secret), `${where}: the page shows "${secret}" of an earlier pupil`);
  }
  assert.deepEqual(left.values, [], `${where}: an earlier pupil's typing or choice is in the form`);
  assert.deepEqual(left.cookies, [], `${where}: a cookie is kept`);
  assert.deepEqual(left.local, [], `${where}: localStorage holds something`);
  assert.deepEqual(left.session, [], `${where}: sessionStorage holds something`);
}

/**
 * The next pupil presses Back through the tab's whole history, and on each page finds nothing of
 * `secrets` (see `assertNoTrace`). Where Back lands on the answer to an earlier pupil's form, Chromium
 * shows "Confirm Form Resubmission" (net::ERR_CACHE_MISS: the answer was not kept); the pupil presses
 * Reload, which sends that form again, and the answer must take nothing and show nothing: no receipt,
 * no conversation. `lastNavigation` is `watchNavigations`'s; `shot` takes the screenshots. Returns
 * what was passed on the way, for messages.
 */
export async function walkBack(page, context, { lastNavigation, secrets, shot, where }) {
  const seen = [];
  for (let step = 1; step <= 12; step++) {
    let how;
    try {
      how = await travel(page, 'back', lastNavigation);
    } catch (e) {
      await page.waitForLoadState('load').catch(() => {});
      await page.waitForTimeout(300);
      how = ` (${e.message.split('\n')[0]})`;
    }
    const url = page.url();
    if (url === 'about:blank') break; // the start of the tab's history
    const at = `${where}, Back x${step}`;
    await shot(page, `back-${step}`);
    if (url.startsWith('chrome-error:')) {
      seen.push('(resubmit?)');
      await assertNoTrace(page, context, secrets, `${at} to a form's answer${how}`);
      const response = await page.reload(); // "Continue": the form is sent again
      const status = response ? response.status() : 'none';
      seen.push(`${new URL(page.url()).pathname}:${status}`);
      await shot(page, `back-${step}-reloaded`);
      assert.equal(await page.locator('p.receipt, article.message').count(), 0,
        `${at}, Reload sent an earlier pupil's form again and got a receipt or a conversation (HTTP ${status})`);
      await assertNoTrace(page, context, secrets, `${at}, then Reload (HTTP ${status})`);
    } else {
      seen.push(new URL(url).pathname);
      await assertNoTrace(page, context, secrets, `${at} to ${new URL(url).pathname}${how}`);
    }
  }
  return seen;
}

/**
 * Writes a letter to the trust box over plain HTTP, as its page would (with the page's single-use
 * form token), for tests that need a conversation to exist; the receipt shown.
 */
export async function letterOverHttp(server, { school, topic, to, text, pin = '', lang = 'kk' }) {
  const page = await (await fetch(server.url(`/trust?lang=${lang}`))).text();
  const token = /name="form" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the writing page carries a form token');
  const body = new URLSearchParams({ form: token, school, topic, to, text, pin });
  const response = await fetch(server.url(`/trust?lang=${lang}`), { method: 'POST', body });
  const answer = await response.text();
  assert.equal(response.status, 200, `the letter is taken: ${answer}`);
  return /<p class="receipt"><strong>([\d ]+)<\/strong>/.exec(answer)?.[1];
}
