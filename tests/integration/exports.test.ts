import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { User } from '../../src/users/user.entity';

let t: TestApp;
const tokens: Record<string, string> = {};
let researcher: User;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const) {
    const u = await makeUser(t.ds, role);
    if (role === 'researcher') researcher = u;
    tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, u.id, 't')).token;
  }
});
afterAll(() => t.close());

const get = (role: string, path: string) => request(t.app).get(path).set('Authorization', `Bearer ${tokens[role]}`).buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
});
const post = (role: string, path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[role]}`).send(body);

describe('exports', () => {
  let open: number;
  let secret: number;
  beforeAll(async () => {
    open = (await post('researcher', '/cases', { title: '=HYPERLINK("http://evil.example","click")', status: 'open', region: 'chechnya', summary: 'Кудаев, arrested in Nalchik', tags: ['nalchik'] }).expect(201)).body.data.id;
    secret = (await post('admin', '/cases', { title: 'Restricted export case', status: 'open', restricted: true }).expect(201)).body.data.id;
    const witness = await insertPerson(t.ds, 'Protected Witness', { protectedIdentity: true, createdById: researcher.id });
    await insertParticipant(t.ds, open, witness.id, 'victim');
    // Many cases, inserted directly: the export must stream them all, with no cap.
    await t.ds.query(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
      INSERT INTO case_record (code, title, status, restricted, created_at, updated_at) SELECT 'RU-1999-' || printf('%05d', i), 'Bulk case ' || i, 'open', 0, datetime('now'), datetime('now') FROM n`);
  });

  it('streams every visible case as UTF-8 CSV with a byte-order mark, formulas defused, no row cap', async () => {
    const res = await get('analyst', '/api/v1/exports/cases?format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="casebook-cases-\d{4}-\d{2}-\d{2}\.csv"/);
    const text: string = res.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows: Record<string, string>[] = parse(text.slice(1), { columns: true });
    expect(rows.length).toBe(2501);
    const kudaev = rows.find((r) => r.summary?.includes('Кудаев'))!;
    expect(kudaev.title.startsWith("'=HYPERLINK")).toBe(true);
    expect(kudaev.tags).toBe('nalchik');
    expect(kudaev.region).toBe('Chechen Republic');
    expect(kudaev.victims).toMatch(/^Person P-\d{4}$/);
    expect(text).not.toContain('Protected Witness');
    expect(text).not.toContain('Restricted export case');
  });

  it('gives cleared users the names, and admins the restricted cases', async () => {
    const mine = await get('researcher', '/api/v1/exports/cases?format=json').expect(200);
    const rows = JSON.parse(mine.body);
    expect(rows.find((r: { victims: string }) => r.victims === 'Protected Witness')).toBeTruthy();
    const all = JSON.parse((await get('admin', '/api/v1/exports/cases?format=json').expect(200)).body);
    expect(all.map((r: { title: string }) => r.title)).toContain('Restricted export case');
    expect(all.length).toBe(2502);
  });

  it('keeps the exact text in JSON, and narrows to the filters of the case list', async () => {
    const rows = JSON.parse((await get('lawyer', '/api/v1/exports/cases?format=json&tag=nalchik').expect(200)).body);
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe('=HYPERLINK("http://evil.example","click")');
    await get('lawyer', '/api/v1/exports/events?format=csv&region=nowhere').expect(422);
    const none = await get('lawyer', '/api/v1/exports/events?format=csv&region=dagestan').expect(200);
    expect(parse(none.body.slice(1), { columns: true })).toEqual([]);
    expect(none.body.split('\n')[0]).toContain('caseCode');
  });

  it('is refused to viewers, and recorded in the audit trail without the typed search text', async () => {
    await get('viewer', '/api/v1/exports/cases').expect(403);
    await get('analyst', '/api/v1/exports/cases?format=json&q=Kudaev').expect(200);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'export' }, order: { seq: 'DESC' }, take: 2 });
    expect(entries.map((e) => e.action).sort()).toEqual(['export.complete', 'export.start']);
    expect(entries.map((e) => e.detail).join()).not.toContain('Kudaev');
    expect(JSON.parse(entries[0].detail)).toMatchObject({ kind: 'cases', format: 'json', filteredByText: true });
  });

  it('gives every date as it reads, its precision and its earliest and latest day, never an edge as the date', async () => {
    const id = (await post('researcher', '/cases', { title: 'Dates export case', status: 'open', tags: ['datesexport'] }).expect(201)).body.data.id;
    await post('researcher', `/cases/${id}/events`, { type: 'arrest', title: 'Arrested', date: { precision: 'day', value: '2005-10-23' } }).expect(201);
    await post('researcher', `/cases/${id}/events`, { type: 'medical_examination', title: 'Examined', date: { precision: 'approximate', value: '2005-11' } }).expect(201);
    await post('researcher', `/cases/${id}/events`, { type: 'verdict', title: 'Sentenced', date: { precision: 'year', value: '2014' } }).expect(201);
    // Starts before the arrest but is centred after it: not the first event.
    await post('researcher', `/cases/${id}/events`, { type: 'torture_ill_treatment', title: 'Beaten', date: { precision: 'range', start: '2005-10-01', end: '2005-12-31' } }).expect(201);
    const complaint = (await post('researcher', `/cases/${id}/complaints`, { request: 'open_criminal_investigation', date: { precision: 'month', value: '2006-01' } }).expect(201)).body.data.id;
    await post('researcher', `/cases/${id}/complaints/${complaint}/responses`, { outcome: 'refused_to_open', date: { precision: 'approximate', value: '2006' } }).expect(201);

    const events = parse((await get('analyst', '/api/v1/exports/events?format=csv&tag=datesexport').expect(200)).body.slice(1), { columns: true }) as Record<string, string>[];
    const examined = events.find((r) => r.title === 'Examined')!;
    expect(examined).toMatchObject({ date: 'c. Nov 2005', datePrecision: 'approximate', dateEarliest: '2005-10-01', dateLatest: '2005-12-31' });
    expect(events.find((r) => r.title === 'Sentenced')).toMatchObject({ date: '2014', datePrecision: 'year', dateEarliest: '2014-01-01', dateLatest: '2014-12-31' });

    const complaints = JSON.parse((await get('analyst', '/api/v1/exports/complaints?format=json&tag=datesexport').expect(200)).body);
    expect(complaints[0]).toMatchObject({ date: 'Jan 2006', datePrecision: 'month', dateEarliest: '2006-01-01', dateLatest: '2006-01-31', lastOutcomeDate: 'c. 2006', lastOutcomeDatePrecision: 'approximate', lastOutcomeDateEarliest: '2005-01-01', lastOutcomeDateLatest: '2007-12-31' });

    const cases = JSON.parse((await get('analyst', '/api/v1/exports/cases?format=json&tag=datesexport').expect(200)).body);
    expect(cases[0]).toMatchObject({ firstEvent: '23 Oct 2005', firstEventPrecision: 'day', firstEventEarliest: '2005-10-23', firstEventLatest: '2005-10-23', lastEvent: '2014', lastEventPrecision: 'year', lastEventEarliest: '2014-01-01', lastEventLatest: '2014-12-31', events: 4 });
    // The CSV header of every kind carries the four columns of each date.
    const header = (await get('analyst', '/api/v1/exports/cases?format=csv&tag=datesexport').expect(200)).body.split('\n')[0];
    expect(header).toContain('firstEvent,firstEventPrecision,firstEventEarliest,firstEventLatest,lastEvent,lastEventPrecision,lastEventEarliest,lastEventLatest');
  });

  it('answers unknown export kinds with 404', async () => {
    await get('analyst', '/api/v1/exports/passwords').expect(404);
  });
});
