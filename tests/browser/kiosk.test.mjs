// Scenarios (a) and (b): two pupils in a row on ONE browser profile, as on a shared school computer.
// The first answers in Kazakh, the second in Russian, both by clicking. Checked: the second pupil
// starts from a clean screen (no typed password, no language cookie), and Back after sending never
// shows an earlier pupil's answers (an empty form or the "already sent" notice).
//
// The profile keeps Chromium's back-forward cache ON (playwright turns it off by default), because a
// school computer has it on and it is the cache that could bring a sent form back.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkedRadios, htmlLang, launchProfile, screenshots, startServer } from './lib/harness.mjs';
import { inEveryLanguage } from './lib/messages.mjs';
import {
  answerByClicking, assertNothingLeft, assertThanksPage, chooseLanguage, enterPassword, isAlreadySent, send,
} from './lib/pupil.mjs';

const ALREADY_SENT = inEveryLanguage('pupil-already-sent-title');

async function twoPupils({ scenario, javaScriptEnabled, waitForAutoReturn }) {
  const server = await startServer();
  const profile = await launchProfile({ realBackForwardCache: true, javaScriptEnabled });
  const shot = screenshots(scenario);
  const { page, context } = profile;
  try {
    const { classes } = await server.openWave({ classes: ['7A'] });
    const password = classes[0].password;

    // Pupil 1, Kazakh.
    await page.goto(server.url('/'));
    await shot(page, 'start');
    await chooseLanguage(page, 'kk');
    await enterPassword(page, password);
    assert.equal(await htmlLang(page), 'kk', 'pupil 1 survey is in Kazakh');
    assert.deepEqual(await checkedRadios(page), [], 'pupil 1 starts with no answer checked');
    await shot(page, 'pupil1-survey-kk-empty');
    const firstSurveyUrl = page.url();
    const answers1 = await answerByClicking(page, (i, n) => n - 1); // the last option of each question
    await shot(page, 'pupil1-survey-kk-answered');
    await send(page);
    await assertThanksPage(page, 'kk');
    await shot(page, 'pupil1-thanks-kk');
    assert.deepEqual(await context.cookies(), [], 'pupil pages leave no cookie on the computer');

    // Pupil 1 presses Back once, curious: the sent form must not come back.
    await page.goBack();
    assert.equal(page.url(), firstSurveyUrl, 'Back after sending returns to the survey address');
    await shot(page, 'pupil1-back-after-send');
    if (!(await isAlreadySent(page, ALREADY_SENT))) {
      assert.deepEqual(await checkedRadios(page), [], 'Back after sending shows none of pupil 1\'s answers');
    }
    await page.goForward();
    assert.match(page.url(), /\/thanks/, 'Forward returns to the thank-you page');

    // The next pupil arrives: the screen returns to the start by itself (no JavaScript needed), or the
    // pupil follows the "next pupil" link.
    if (waitForAutoReturn) {
      await page.waitForURL((u) => u.pathname === '/', { timeout: 40_000 });
    } else {
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('main a[href^="/?"]')]);
    }
    await shot(page, 'pupil2-start-screen');
    await assertNothingLeft(page, 'start screen for pupil 2');
    assert.equal(await page.locator('.error').count(), 0, 'start screen for pupil 2 shows no message');
    assert.deepEqual(await context.cookies(), [], 'no cookie carries anything to pupil 2');

    // Pupil 2, Russian.
    await chooseLanguage(page, 'ru');
    await shot(page, 'pupil2-start-ru');
    await enterPassword(page, password);
    assert.equal(await htmlLang(page), 'ru', 'pupil 2 survey is in Russian');
    assert.notEqual(page.url(), firstSurveyUrl, 'pupil 2 gets a form of their own');
    await assertNothingLeft(page, 'pupil 2 fresh survey');
    await shot(page, 'pupil2-survey-ru-empty');
    const answers2 = await answerByClicking(page, (i, n) => (i % 2 === 0 ? 0 : Math.min(1, n - 1)));
    assert.notDeepEqual(answers2, answers1, 'the two pupils answered differently (so leaks would show)');
    await send(page);
    await assertThanksPage(page, 'ru');
    await shot(page, 'pupil2-thanks-ru');
    assert.deepEqual(await context.cookies(), [], 'still no cookie after pupil 2');

    // Back, again and again, through both pupils' history: no page may show an answer or a password.
    const seen = [];
    for (let step = 1; step <= 12; step++) {
      const before = page.url();
      await page.goBack().catch(() => null);
      await page.waitForLoadState('domcontentloaded');
      if (page.url() === before) break; // start of history
      const url = new URL(page.url());
      seen.push(url.pathname + url.search);
      await shot(page, `back-${step}`);
      if (url.pathname.startsWith('/survey/')) {
        const notice = await isAlreadySent(page, ALREADY_SENT);
        if (!notice) {
          assert.deepEqual(await checkedRadios(page), [],
            `Back x${step} to ${url.pathname.slice(0, 20)}...: a sent form shows its answers again`);
        }
      }
      await assertNothingLeft(page, `Back x${step}`);
    }
    assert.ok(seen.some((p) => p.startsWith('/survey/')), `Back reached the sent forms (went through ${seen.join(' ')})`);

    // A bare start address speaks the default language: nothing of pupil 2's Russian was kept.
    await page.goto(server.url('/'));
    assert.equal(await htmlLang(page), 'kk', 'after a Russian pupil, "/" is in the default language (no cookie)');
    assert.deepEqual(profile.offsite, [], 'no request left 127.0.0.1');
  } finally {
    await profile.close();
    await server.stop();
  }
}

describe('(a) two pupils in a row on one profile, by clicking', () => {
  test('Kazakh then Russian, JavaScript on', async () => {
    await twoPupils({ scenario: 'a-two-pupils', javaScriptEnabled: true, waitForAutoReturn: false });
  });
});

describe('(b) the same without JavaScript', () => {
  test('Kazakh then Russian, JavaScript off, start screen comes back by itself', async () => {
    await twoPupils({ scenario: 'b-two-pupils-no-js', javaScriptEnabled: false, waitForAutoReturn: true });
  });
});
