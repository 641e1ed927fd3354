// Staff steps shared by the scenarios: the language switch in the staff header, pressing a form's
// button by its text, and reading the notification e-mails the demo server wrote.

import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { htmlLang } from './harness.mjs';

/** Clicks the language link for `code` in the staff header and waits for the page to come back in it. */
export async function switchLanguage(page, code) {
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/lang/')), page.click(`nav.langs a[hreflang=${code}]`)]);
  assert.equal(await htmlLang(page), code, `the page is in ${code} after the switch`);
}

/** Clicks a submit button by its visible text and waits for the page that the form leads to. */
export async function press(page, text) {
  const button = page.locator('main button[type=submit]', { hasText: text });
  assert.equal(await button.count(), 1, `one "${text}" button on ${page.url()}`);
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), button.click()]);
}

/** The text of an .eml file written by the server (headers as they are, the body decoded). */
export function decodeMail(eml) {
  const [head, ...rest] = eml.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const decoded = /content-transfer-encoding:\s*base64/i.test(head) ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { head, body: decoded };
}

/** Every e-mail the `--demo` server wrote into its mail folder so far, decoded. */
export async function sentMails(server) {
  const mailDir = join(server.dir, 'mail');
  const files = (await readdir(mailDir).catch(() => [])).filter((f) => f.endsWith('.eml'));
  return (await Promise.all(files.map((f) => readFile(join(mailDir, f), 'utf8')))).map(decodeMail);
}
