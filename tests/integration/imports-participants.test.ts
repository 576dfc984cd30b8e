import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { TestApp, makeUser, startTestApp } from '../support/app';
import * as service from '../../src/imports/import.service';
import { CurrentUser } from '../../src/http/context';
import { User } from '../../src/users/user.entity';

// People on events and cases (issue 13): an events row names people with roles, a people row names its case.
let t: TestApp;
let researcher: CurrentUser;
let admin: CurrentUser;
const cu = (u: User): CurrentUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

beforeEach(async () => {
  t = await startTestApp();
  researcher = cu(await makeUser(t.ds, 'researcher'));
  admin = cu(await makeUser(t.ds, 'admin'));
});
afterEach(() => t.close());

async function importFile(user: CurrentUser, name: string, rows: string[][], kind?: string) {
  const file = path.join(t.dir, `upload-${Math.random().toString(36).slice(2)}-${name}`);
  fs.writeFileSync(file, stringify(rows));
  let batch = await service.createBatch(t.ds, user, { path: file, originalName: name });
  if (kind) batch = await service.saveMapping(t.ds, user, batch.id, { sheets: batch.sheets.map((s) => ({ name: s.name, kind: kind as never, columns: batch.mapping.sheets[0].columns })) });
  return service.checkBatch(t.ds, user, batch.id);
}
const committed = async (user: CurrentUser, name: string, rows: string[][], kind?: string) => {
  const b = await importFile(user, name, rows, kind);
  expect(b.status).toBe('checked');
  return service.commitBatch(t.ds, user, b.id);
};
const q = (sql: string, params: unknown[] = []) => t.ds.query(sql, params);
const personId = async (name: string) => Number((await q('SELECT id FROM person WHERE primary_name = ?', [name]))[0].id);

const CASES = [['external_id', 'title'], ['c1', 'Detention of A. Ivanov'], ['c2', 'Beating in SIZO-1']];
const PEOPLE = [
  ['Внешний ID', 'ФИО', 'Дело', 'Роль в деле'],
  ['p1', 'Иванов Аслан', 'c1', 'victim'],
  ['p2', 'Петров Иван Сергеевич', 'c1', 'Свидетель'],
];
const EVENTS = [
  ['external_id', 'case', 'type', 'date', 'person', 'person role'],
  ['e1', 'c1', 'arrest', '2005-10-13', 'p1|Петров Иван Сергеевич', 'victim|witness'],
  ['e2', 'c1', 'detention', '2005-10', 'Иванов Аслан', 'victim'],
];

describe('import of people on events and cases', () => {
  it('links people to cases (a matched person too) and to events with roles; re-import changes nothing; a change updates with history; undo removes the links', async () => {
    await committed(researcher, 'cases.csv', CASES);
    // An existing person, recorded before any import of this file: matched by name, linked, not overwritten.
    await committed(admin, 'seed.csv', [['name', 'notes'], ['Петров Иван Сергеевич', 'seeded']], 'people');
    const petrov = await personId('Петров Иван Сергеевич');

    const people = await importFile(researcher, 'people.csv', PEOPLE);
    expect(people.mapping.sheets[0]).toMatchObject({ kind: 'people', columns: ['external_id', 'name', 'case_ref', 'case_role'] });
    expect(people.counts).toMatchObject({ create: 1, update: 1, error: 0 });
    await service.commitBatch(t.ds, researcher, people.id);
    const ivanov = await personId('Иванов Аслан');
    expect(await q('SELECT c.title, p.person_id AS personId, p.role FROM case_participant p JOIN case_record c ON c.id = p.case_id ORDER BY p.id')).toEqual([
      { title: 'Detention of A. Ivanov', personId: ivanov, role: 'victim' },
      { title: 'Detention of A. Ivanov', personId: petrov, role: 'witness' },
    ]);
    expect(await q('SELECT notes FROM person WHERE id = ?', [petrov])).toEqual([{ notes: 'seeded' }]);
    expect(await q(`SELECT count(*) AS n FROM audit_entry WHERE record_type = 'person' AND record_id = ? AND action = 'person.update'`, [String(petrov)])).toEqual([{ n: 0 }]);
    const adds = await q(`SELECT detail FROM audit_entry WHERE action = 'case.participant_add' ORDER BY seq`);
    expect(adds.map((a: { detail: string }) => JSON.parse(a.detail))).toEqual([
      expect.objectContaining({ personId: ivanov, role: 'victim', importBatchId: people.id }),
      expect.objectContaining({ personId: petrov, role: 'witness', importBatchId: people.id }),
    ]);

    const events = await importFile(researcher, 'events.csv', EVENTS);
    expect(events.mapping.sheets[0].columns).toEqual(['external_id', 'case_ref', 'type', 'date', 'people', 'people_roles']);
    expect(events.counts).toMatchObject({ create: 2, error: 0 });
    await service.commitBatch(t.ds, researcher, events.id);
    const links = async () => q('SELECT e.type, p.person_id AS personId, p.role FROM event_person p JOIN case_event e ON e.id = p.event_id ORDER BY e.id, p.person_id, p.role');
    expect(await links()).toEqual([
      { type: 'arrest', personId: Math.min(ivanov, petrov), role: ivanov < petrov ? 'victim' : 'witness' },
      { type: 'arrest', personId: Math.max(ivanov, petrov), role: ivanov < petrov ? 'witness' : 'victim' },
      { type: 'detention', personId: ivanov, role: 'victim' },
    ]);
    const created = await q(`SELECT fields FROM audit_entry WHERE action = 'event.create' ORDER BY seq LIMIT 1`);
    expect(JSON.parse(created[0].fields)).toContain('people');

    // The same files again: nothing written but the batches' own entries.
    const audit = Number((await q('SELECT count(*) AS n FROM audit_entry'))[0].n);
    const peopleAgain = await importFile(researcher, 'people.csv', PEOPLE);
    expect(peopleAgain.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    await service.commitBatch(t.ds, researcher, peopleAgain.id);
    const eventsAgain = await importFile(researcher, 'events.csv', EVENTS);
    expect(eventsAgain.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    await service.commitBatch(t.ds, researcher, eventsAgain.id);
    expect(Number((await q('SELECT count(*) AS n FROM audit_entry'))[0].n)).toBe(audit + 2);
    expect(await q('SELECT count(*) AS n FROM case_participant')).toEqual([{ n: 2 }]);

    // A changed role: the event is updated, its history says by which import.
    const changed = EVENTS.map((r) => [...r]);
    changed[1][5] = 'victim|relative';
    const third = await importFile(researcher, 'events.csv', changed);
    expect(third.counts).toMatchObject({ update: 1, unchanged: 1 });
    await service.commitBatch(t.ds, researcher, third.id);
    expect((await links()).filter((l: { personId: number }) => l.personId === petrov)).toEqual([{ type: 'arrest', personId: petrov, role: 'relative' }]);
    const update = await q(`SELECT fields, detail FROM audit_entry WHERE action = 'event.update'`);
    expect(update).toHaveLength(1);
    expect(JSON.parse(update[0].fields)).toEqual(['people']);
    expect(JSON.parse(update[0].detail)).toMatchObject({ importBatchId: third.id, importFile: 'events.csv' });

    // Undo: the events batch first (its event was changed since by the third import: listed, then forced).
    const refused = await service.undoBatch(t.ds, researcher, events.id, {});
    expect(refused).toMatchObject({ undone: false, editedSince: [expect.objectContaining({ kind: 'events' })] });
    expect(await service.undoBatch(t.ds, researcher, events.id, { force: true })).toEqual({ undone: true, removed: 1 });
    expect((await links()).map((l: { type: string }) => l.type)).toEqual(['arrest', 'arrest']);
    const reimported = await service.undoBatch(t.ds, researcher, third.id, {});
    expect(reimported).toEqual({ undone: true, removed: 0 });
    // The people batch: Ivanov is named by an event the batch did not make, so he is listed; forced, Petrov's link goes, Petrov stays.
    const refusedPeople = await service.undoBatch(t.ds, researcher, people.id, {});
    expect(refusedPeople).toMatchObject({ undone: false, editedSince: [expect.objectContaining({ kind: 'people', id: ivanov })] });
    await q('DELETE FROM event_person');
    expect(await service.undoBatch(t.ds, researcher, people.id, {})).toEqual({ undone: true, removed: 1 });
    expect(await q('SELECT count(*) AS n FROM case_participant')).toEqual([{ n: 0 }]);
    expect(await q('SELECT primary_name AS name FROM person ORDER BY id')).toEqual([{ name: 'Петров Иван Сергеевич' }]);
    const removes = await q(`SELECT detail FROM audit_entry WHERE action = 'case.participant_remove'`);
    expect(removes).toHaveLength(2);
  });

  it('puts each problem beside its cell and never finds a protected person for a user not cleared', async () => {
    await committed(researcher, 'cases.csv', CASES);
    await committed(admin, 'seed.csv', [['name', 'protected identity'], ['Кадыров Тайный', 'yes'], ['Сидоров Пётр', 'no'], ['Sidorov Petr Ivanovich', 'no']], 'people');
    const secret = await personId('Кадыров Тайный');
    const batch = await importFile(researcher, 'events.csv', [
      ['external_id', 'case', 'type', 'date', 'person', 'person role'],
      ['e1', 'c1', 'arrest', '2005-10-13', 'Кадыров Тайный', 'victim'],
      ['e2', 'c1', 'arrest', '2005-10-14', 'Sidorov Petr', 'witness'],
      ['e3', 'c1', 'arrest', '2005-10-15', 'Кадыров Тайный|Sidorov Petr', 'victim|witness|judge'],
      ['e4', 'c1', 'arrest', '2005-10-16', '', 'victim'],
      ['e5', 'c1', 'arrest', '2005-10-17', 'Nobody Known', 'палач'],
    ]);
    expect(batch.status).toBe('has-problems');
    const rows = (await service.previewRows(t.ds, researcher, batch.id, { page: 1, perPage: 20 })).rows;
    const problems = (line: number) => rows.find((r) => r.line === line)!.problems.map((p) => [p.column, p.code]);
    expect(problems(2)).toEqual([['person', 'unknown-reference']]);
    expect(rows.find((r) => r.line === 2)!.problems[0].params).not.toHaveProperty('candidates');
    expect(problems(3)).toEqual([['person', 'ambiguous-person']]);
    expect(rows.find((r) => r.line === 3)!.problems[0].params.candidates).not.toContain(secret);
    expect(problems(4)).toEqual([['person role', 'roles-mismatch']]);
    expect(problems(5)).toEqual([['person', 'required']]);
    expect(problems(6)).toEqual([['person role', 'unknown-term'], ['person', 'unknown-reference']]);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`"candidates":\\[[^\\]]*\\b${secret}\\b`));

    // The admin is cleared for everyone: the protected person is found.
    const asAdmin = await importFile(admin, 'events-admin.csv', [['external_id', 'case', 'type', 'date', 'person', 'person role'], ['a1', 'c1', 'arrest', '2005', 'Кадыров Тайный', 'victim']]);
    expect(asAdmin.counts).toMatchObject({ create: 1, error: 0 });
  });

  it('lets only researchers and admins import people links', async () => {
    for (const role of ['viewer', 'lawyer'] as const) {
      const u = cu(await makeUser(t.ds, role));
      const file = path.join(t.dir, `x-${role}.csv`);
      fs.writeFileSync(file, stringify(EVENTS));
      await expect(service.createBatch(t.ds, u, { path: file, originalName: 'events.csv' })).rejects.toMatchObject({ status: 403 });
    }
    const batch = await importFile(researcher, 'cases.csv', CASES);
    const other = cu(await makeUser(t.ds, 'researcher'));
    await expect(service.commitBatch(t.ds, other, batch.id)).rejects.toMatchObject({ status: 404 });
  });
});
