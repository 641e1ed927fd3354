// Scenario (d): the demo's closed wave has put its planted classes into the centre's inbox. Centre
// staff, reading in Russian, open the most urgent referral, acknowledge it, start work, write a note
// and close it with an outcome, all by clicking. The school psychologist, reading in Kazakh, then
// finds the referral closed with the centre's note. The notification e-mail the demo wrote says only
// that a referral exists and where: no figure.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { launchProfile, screenshots, signIn, startServer } from './lib/harness.mjs';
import { message } from './lib/messages.mjs';
import { press, sentMails, switchLanguage } from './lib/staff.mjs';

/** The text of the definition whose term is `term` in the referral's summary list. */
async function summaryValue(page, term) {
  return page.locator('dl.settings div', { has: page.locator('dt', { hasText: term }) }).locator('dd').innerText();
}

test('(d) centre staff acknowledge, work and close a referral; the school sees it closed', async () => {
  const server = await startServer();
  const centre = await launchProfile();
  const shot = screenshots('d-referral');
  let school;
  try {
    const ru = (key) => message('ru', key);
    const kk = (key) => message('kk', key);
    const { page } = centre;

    await signIn(page, server, 'centre');
    await switchLanguage(page, 'ru');
    await Promise.all([page.waitForURL('**/centre/referrals'), page.click('nav.main a[href="/centre/referrals"]')]);
    await shot(page, 'centre-inbox-ru');
    const rows = page.locator('table.referrals tbody tr');
    assert.ok((await rows.count()) >= 2, 'the planted classes are in the inbox');
    const severities = await page.locator('table.referrals tbody tr td:first-child').allInnerTexts();
    assert.equal(severities[0].trim(), ru('severity-urgent'), `the urgent referral comes first (${severities.join(', ')})`);
    assert.ok(!severities.map((s) => s.trim()).includes(ru('severity-watch')), 'watch-only classes are not referred');

    // The urgent one.
    const link = rows.first().locator('a');
    const subject = (await link.innerText()).trim();
    await Promise.all([page.waitForURL(/\/centre\/referrals\/[0-9a-f-]+$/), link.click()]);
    const referralPath = new URL(page.url()).pathname;
    const id = referralPath.split('/').pop();
    assert.equal(await summaryValue(page, ru('col-status')), ru('referral-status-new'));
    assert.ok((await page.locator('section svg, section table').count()) > 0, 'the page shows evidence');
    await shot(page, 'referral-new-ru');

    await press(page, ru('referral-acknowledge'));
    assert.equal(new URL(page.url()).pathname, referralPath, 'back on the referral after acknowledging');
    assert.equal(await summaryValue(page, ru('col-status')), ru('referral-status-acknowledged'));
    await shot(page, 'referral-acknowledged-ru');

    await press(page, ru('referral-start'));
    assert.equal(await summaryValue(page, ru('col-status')), ru('referral-status-in-progress'));
    await shot(page, 'referral-in-progress-ru');

    // Closing without an outcome is stopped (the radio is required), so choose one and write a note.
    await page.check('input[name=outcome][value=intervention_held]');
    const note = 'Беседа с классным руководителем и занятие с классом проведены.';
    await page.fill('#step-note', note);
    await shot(page, 'referral-closing-ru');
    await press(page, ru('referral-close'));
    assert.equal(await summaryValue(page, ru('col-status')), ru('referral-status-closed'));
    assert.match(await page.locator('main').innerText(), new RegExp(ru('referral-outcome-intervention-held')));
    assert.equal(await page.locator('main button[type=submit]', { hasText: ru('referral-close') }).count(), 0,
      'a closed referral offers no further step');
    assert.match(await page.locator('ol.notes').innerText(), new RegExp(note), 'the closing note is kept');
    await shot(page, 'referral-closed-ru');

    // Back in the inbox, filtered to closed ones, it is there.
    await page.goto(server.url('/centre/referrals?status=closed'));
    assert.ok((await page.locator(`table.referrals a[href$="${id}"]`).count()) === 1, 'the closed filter finds it');
    await shot(page, 'centre-inbox-closed-ru');

    // The school psychologist, in Kazakh.
    school = await launchProfile();
    const psy = school.page;
    await signIn(psy, server, 'psy');
    await switchLanguage(psy, 'kk');
    await Promise.all([psy.waitForURL('**/school/referrals'), psy.click('nav.main a[href="/school/referrals"]')]);
    await shot(psy, 'school-referrals-kk');
    const row = psy.locator('table.referrals tbody tr', { has: psy.locator(`a[href$="${id}"]`) });
    assert.equal(await row.count(), 1, 'the school sees the referral');
    assert.match(await row.innerText(), new RegExp(kk('referral-status-closed')), 'and that it is closed');
    await Promise.all([psy.waitForURL(`**/school/referrals/${id}`), row.locator('a').click()]);
    assert.equal(await summaryValue(psy, kk('col-status')), kk('referral-status-closed'));
    assert.match(await psy.locator('ol.notes').innerText(), new RegExp(note), "the centre's note reaches the school");
    assert.equal(await psy.locator('main button[type=submit]', { hasText: kk('referral-close') }).count(), 0,
      'the school cannot move the life cycle');
    await shot(psy, 'school-referral-closed-kk');
    assert.ok(subject.length > 0);

    // The notification the demo wrote for this referral: where, not what.
    // Delivered every few seconds, 20 at a time: the demo region queues a few dozen at start.
    let mails = [];
    let about;
    for (let i = 0; i < 60 && !about; i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      mails = await sentMails(server);
      about = mails.find((m) => m.body.includes(`/centre/referrals/${id}`));
    }
    assert.ok(mails.length >= 2, `one e-mail per referral in ${server.dir}/mail (found ${mails.length})`);
    assert.ok(about, 'an e-mail links to the referral');
    const withoutLinks = about.body.replace(/https?:\/\/\S+/g, '');
    assert.doesNotMatch(withoutLinks, /%|\d+[.,]\d+/, `the e-mail carries no figure:\n${about.body}`);
    for (const problem of [...centre.offsite, ...school.offsite]) assert.fail(`a request left 127.0.0.1: ${problem}`);
  } finally {
    await centre.close();
    if (school) await school.close();
    await server.stop();
  }
});
