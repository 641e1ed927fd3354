// Issue 22: staff sign in with a second factor, clicked through in Kazakh, Russian and English. An
// administrator and a centre staff member are each sent to set one up at their first sign-in (a QR
// code drawn by the server, ten recovery codes shown once), then sign in with the password and a
// code from the app, and once with a recovery code; a wrong code is refused in the reader's
// language; the security page lists the browser signed in; every page passes axe.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LOGINS, enrolSecondFactor, launchProfile, runAxe, screenshots, startServer } from './lib/harness.mjs';
import { message } from './lib/messages.mjs';

const path = (page) => new URL(page.url()).pathname;
const heading = (page) => page.textContent('main h1');

async function typePassword(page, server, who, lang) {
  const { login, password } = LOGINS[who];
  await page.goto(server.url(`/lang/${lang}?next=/login`));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('form[action="/login"] button[type=submit]')]);
}

async function typeCode(page, code) {
  await page.fill('input[name=code]', code);
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click('form[action="/login/code"] button[type=submit]')]);
}

async function axeClean(page, what) {
  assert.deepEqual((await runAxe(page)).map((v) => v.id), [], `${what} passes axe`);
}

test('an administrator and centre staff set up and use a second factor in kk, ru and en', async () => {
  const server = await startServer();
  const shot = screenshots('second-factor');
  try {
    for (const who of ['admin', 'centre']) {
      const { login } = LOGINS[who];
      let recovery = [];
      for (const [round, lang] of ['kk', 'ru', 'en'].entries()) {
        const { page, close } = await launchProfile({ bypassCSP: true });
        try {
          await typePassword(page, server, who, lang);
          if (round === 0) {
            assert.equal(path(page), '/account/two-factor', `${who} must set one up first`);
            assert.equal(await heading(page), message(lang, 'enrol-title'));
            assert.match(await page.textContent('main'), new RegExp(message(lang, 'second-factor-required-notice').slice(0, 30)));
            assert.equal(await page.locator('figure.qr svg path').count(), 1, 'a QR code drawn on the page');
            await axeClean(page, 'the enrolment page');
            await shot(page, `${who}-enrol-${lang}`);
            await page.goto(server.url(`/${who === 'admin' ? 'admin' : 'centre'}`));
            assert.equal(path(page), '/account/two-factor', 'no other page opens before it');
            recovery = await enrolSecondFactor(page, server, login);
            assert.equal(await heading(page), message(lang, 'recovery-codes-title'));
            assert.equal(recovery.length, 10);
            assert.equal(new Set(recovery).size, 10);
            await axeClean(page, 'the recovery codes page');
            await shot(page, `${who}-recovery-codes-${lang}`);
          } else {
            assert.equal(path(page), '/login/code', 'the password alone does not sign in');
            assert.equal(await heading(page), message(lang, 'code-title'));
            await axeClean(page, 'the code page');
            await typeCode(page, '000000');
            assert.equal(path(page), '/login/code');
            assert.equal(await page.textContent('main .field p.error'), message(lang, 'code-wrong'));
            await shot(page, `${who}-code-wrong-${lang}`);
            const code = round === 1 ? await server.authenticator.next(login) : recovery[0].toLowerCase();
            await typeCode(page, code);
            assert.notEqual(path(page), '/login/code', `${round === 1 ? 'the app' : 'a recovery'} code signs in`);
          }
          await page.goto(server.url('/account/security'));
          assert.equal(await heading(page), message(lang, 'security-title'));
          assert.equal(await page.locator('main table tbody tr', { hasText: message(lang, 'sessions-this-one') }).count(), 1);
          if (round === 2) {
            assert.match(await page.textContent('main'), /9/, 'one recovery code fewer');
            await axeClean(page, 'the security page');
            await shot(page, `${who}-security-${lang}`);
          }
          await Promise.all([page.waitForURL('**/login'), page.click('form[action="/logout"] button')]);
        } finally {
          await close();
        }
      }
    }
  } finally {
    await server.stop();
  }
});
