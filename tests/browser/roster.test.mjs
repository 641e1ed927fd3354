// Issue 21: rosters from spreadsheets, clicked through. An administrator (in Russian) uploads an XLSX
// class list with two bad rows, sees both rows and cells named and nothing imported, uploads the
// fixed file and imports it; then an e-journal export with other headers, through the mapping step.
// The school psychologist (in Kazakh) uploads their school's class list as
// CSV without a school column and imports it; the new classes are on their classes page.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { launchProfile, runAxe, screenshots, signIn, startServer } from './lib/harness.mjs';
import { message } from './lib/messages.mjs';
import { press, switchLanguage } from './lib/staff.mjs';
import { xlsx } from './lib/xlsx.mjs';

const HEADERS = ['Код школы', 'Класс', 'Параллель', 'Число учеников'];

/** Chooses the kind (when offered), sets the file and presses the upload button. */
async function uploadFile(page, lang, { kind, name, mimeType, buffer }) {
  if (kind && (await page.locator('input[name=kind][type=radio]').count()) > 0) {
    await page.check(`input[name=kind][value=${kind}]`);
  }
  await page.setInputFiles('input[type=file][name=file]', { name, mimeType, buffer });
  await press(page, message(lang, 'roster-upload'));
}

/** The (row, column, value) of every bad cell the preview lists. */
async function badCells(page) {
  return page.$$eval('#roster-errors tbody tr', (rows) => rows.map((r) => [...r.cells].slice(0, 3).map((c) => c.innerText.trim())));
}

test('an administrator fixes an XLSX roster with two bad rows; a psychologist imports their class list', async () => {
  const server = await startServer();
  const admin = await launchProfile({ bypassCSP: true });
  const shot = screenshots('roster');
  let psy;
  try {
    const { page } = admin;
    await signIn(page, server, 'admin');
    await switchLanguage(page, 'ru');
    await Promise.all([page.waitForURL('**/admin/roster'), page.click('nav.main a[href="/admin/roster"]')]);
    await shot(page, 'admin-upload-ru');
    const bad = xlsx([HEADERS, ['SCH-DEMO', '5А', '5', '24'], ['SCH-DEMO', '5Б', '4', '25'], ['SCH-DEMO', '6А', '6', '26'],
      ['SCH-DEMO', '6Б', '6', '99']]);
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await uploadFile(page, 'ru', { kind: 'classes', name: 'классы.xlsx', mimeType: type, buffer: bad });
    assert.match(new URL(page.url()).pathname, /^\/admin\/roster\/[0-9a-f-]+$/);
    assert.deepEqual(await badCells(page), [['3', 'C (Параллель)', '4'], ['5', 'D (Число учеников)', '99']]);
    assert.equal(await page.locator('form[action$="/import"]').count(), 0, 'nothing to import while a row is bad');
    assert.deepEqual((await runAxe(page)).map((v) => v.id), [], 'the preview passes axe');
    await shot(page, 'admin-two-bad-rows-ru');

    await page.click(`main a[href="/admin/roster"]`);
    await page.waitForURL('**/admin/roster');
    const fixed = xlsx([HEADERS, ['SCH-DEMO', '5А', '5', '24'], ['SCH-DEMO', '5Б', '5', '25'], ['SCH-DEMO', '6А', '6', '26'],
      ['SCH-DEMO', '6Б', '6', '25']]);
    await uploadFile(page, 'ru', { kind: 'classes', name: 'классы.xlsx', mimeType: type, buffer: fixed });
    assert.equal(await page.locator('#roster-errors').count(), 0, 'no bad cell now');
    assert.equal(await page.locator('#roster-rows tbody tr').count(), 4);
    await shot(page, 'admin-preview-ru');
    await press(page, message('ru', 'roster-apply'));
    assert.equal(await page.locator('main h1').innerText(), message('ru', 'roster-result-title'));
    assert.match(await page.locator('main p.notice').innerText(), /Создано: 4\. Обновлено: 0\./);
    await shot(page, 'admin-imported-ru');

    // An e-journal export whose headers are not ours: the mapping step, one select per column.
    await page.click('main a[href="/admin/roster"]');
    await page.waitForURL('**/admin/roster');
    const export_ = Buffer.from('Школа;Класс;Учитель;Параллель;Кол-во\r\nSCH-DEMO;11А;Иванова А. К.;11;22\r\n', 'utf8');
    await uploadFile(page, 'ru', { kind: 'classes', name: 'выгрузка.csv', mimeType: 'text/csv', buffer: export_ });
    assert.equal(await page.locator('main h1').innerText(), message('ru', 'roster-mapping-title'));
    assert.equal(await page.locator('main form select').count(), 5, 'one choice per column');
    assert.deepEqual((await runAxe(page)).map((v) => v.id), [], 'the mapping page passes axe');
    await shot(page, 'admin-mapping-ru');
    for (const [column, field] of [['col0', 'school'], ['col1', 'label'], ['col2', ''], ['col3', 'grade'], ['col4', 'roll']]) {
      await page.selectOption(`select[name=${column}]`, field);
    }
    await press(page, message('ru', 'roster-mapping-save'));
    assert.equal(await page.locator('#roster-rows tbody tr').count(), 1, 'the preview after the mapping');
    await press(page, message('ru', 'roster-apply'));
    assert.match(await page.locator('main p.notice').innerText(), /Создано: 1\./);

    psy = await launchProfile();
    await signIn(psy.page, server, 'psy');
    await Promise.all([psy.page.waitForURL('**/school/roster'), psy.page.click('nav.main a[href="/school/roster"]')]);
    assert.equal(await psy.page.locator('input[name=kind][type=radio]').count(), 0, 'only classes are offered');
    const csv = Buffer.from('\ufeffСынып;Параллель;Оқушылар саны\r\n11Ә;11;18\r\n', 'utf8');
    await uploadFile(psy.page, 'kk', { name: 'сыныптар.csv', mimeType: 'text/csv', buffer: csv });
    await shot(psy.page, 'psy-preview-kk');
    await press(psy.page, message('kk', 'roster-apply'));
    assert.match(await psy.page.locator('main p.notice').innerText(), /Жасалды: 1\./);
    await psy.page.goto(server.url('/school/classes'));
    const labels = await psy.page.$$eval('main table tbody tr td:first-child', (tds) => tds.map((td) => td.innerText.trim()));
    assert.ok(labels.includes('11Ә') && labels.includes('5Б'), `the classes of both imports are listed: ${labels}`);
    await shot(psy.page, 'psy-classes-kk');
  } finally {
    await psy?.close();
    await admin.close();
    await server.stop();
  }
});
