import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { TestApp, signIn, startTestApp } from '../support/app';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { DemoWriter } from '../../src/demo/demo-writer';
import { rawDb } from '../../src/search/sqlite';
import { User } from '../../src/users/user.entity';
import { expectHostileParametersAnswered, permissionCast } from '../support/permission-users';

/**
 * Exports of any search result set: the cases the search counts for the same words and filters
 * and user; with words, the events, allegations and complaints that themselves match them.
 * Restricted cases and protected identities never leak; the audit trail records the filters.
 */
let t: TestApp;
let users: Record<string, User> = {};
let tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const ROLES = ['admin', 'member', 'otherResearcher', 'lawyer', 'analyst'] as const;
const CLEARED = ['admin', 'member'];
const BULK = 1100;
const BULK_RESTRICTED = 40;

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens } = await permissionCast(t.ds));
  const w = new DemoWriter(rawDb(t.ds));
  const day = (d: string) => DemoWriter.date('date', { precision: 'day', start: d, end: d });

  ids.parent = w.insert('institution', { name: 'MVD of Chechnya', name_latin: 'mvd of chechnya', match_key: 'mvd chechnya', type: 'police_unit' });
  ids.child = w.insert('institution', { name: 'ROVD Shali', name_latin: 'rovd shali', match_key: 'rovd shali', type: 'police_unit', parent_id: ids.parent });

  // A: "gazelle" in one of its two events and in one of its two complaints.
  ids.a = w.insert('case_record', { code: 'RU-2005-0001', title: 'Shali detention', status: 'open', region: 'chechnya', restricted: 0 });
  ids.aEvent = w.insert('case_event', { case_id: ids.a, type: 'arrest', description: 'Gazelle van stopped at the checkpoint.', ...day('2005-10-23') });
  w.insert('case_event', { case_id: ids.a, type: 'detention', description: 'Held overnight.', ...day('2005-10-24') });
  w.insert('event_institution', { event_id: ids.aEvent, institution_id: ids.child });
  const aAllegation = w.insert('allegation', { case_id: ids.a, summary: 'Beaten during questioning', status: 'alleged' });
  w.insert('allegation_method', { allegation_id: aAllegation, code: 'beating' });
  w.insert('complaint', { case_id: ids.a, request: 'open_criminal_investigation', description: 'About the gazelle van.' });
  w.insert('complaint', { case_id: ids.a, request: 'open_criminal_investigation', description: 'About the night.' });

  // B: "gazelle" only in a statement (not exported): its case is selected, none of its events.
  ids.b = w.insert('case_record', { code: 'RU-2010-0001', title: 'Makhachkala hearing', status: 'closed', region: 'dagestan', restricted: 0 });
  w.insert('case_event', { case_id: ids.b, type: 'hearing', description: 'Hearing.', ...day('2010-06-01') });
  w.insert('statement', { case_id: ids.b, maker_description: 'a neighbour', kind: 'witness_statement', content: 'I saw the gazelle leave.' });

  // R: restricted, "gazelle" in its event and its allegation; `member` is its member.
  const created = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${tokens.member}`).send({ title: 'Restricted operation', status: 'open', region: 'ingushetia', restricted: true }).expect(201);
  ids.r = created.body.data.id;
  w.insert('case_event', { case_id: ids.r, type: 'arrest', description: 'Gazelle raid at dawn.', ...day('2019-05-01') });
  w.insert('allegation', { case_id: ids.r, summary: 'Mock execution by the gazelle', status: 'alleged' });

  // P: a protected witness, named in a statement of the one case she takes part in, and a victim of it.
  ids.p = w.insert('case_record', { code: 'RU-2018-0001', title: 'Magas hearing', status: 'open', region: 'ingushetia', restricted: 0 });
  ids.protected = w.insert('person', { primary_name: 'Zarema Protectedova', gender: 'female', protected_identity: 1, created_by_id: users.member.id });
  w.personName(ids.protected, 'Zarema Protectedova', 'primary', 'latin', null);
  w.insert('case_participant', { case_id: ids.p, person_id: ids.protected, role: 'victim' });
  w.insert('statement', { case_id: ids.p, maker_description: 'a witness', kind: 'witness_statement', content: 'Zarema Protectedova told the investigator.' });

  // V: evidence only lawyers and admins may read (privileged), with a word of its own.
  ids.v = w.insert('case_record', { code: 'RU-2021-0001', title: 'Interview case', status: 'open', restricted: 0 });
  w.insert('evidence_item', { case_id: ids.v, type: 'testimony_transcript', title: 'Hedgehog notes of the confidential interview', confidentiality: 'privileged' });

  // Many cases in one region, each with two events of which one says "ocelot", some restricted:
  // more than one batch and more than one chunk of cases, with gaps between the selected ids.
  rawDb(t.ds).transaction(() => {
    for (let i = 1; i <= BULK; i++) {
      const id = w.insert('case_record', { code: `RU-1999-${String(i).padStart(5, '0')}`, title: `Bulk case ${i}`, status: 'open', region: 'tatarstan', restricted: i <= BULK_RESTRICTED ? 1 : 0 });
      w.insert('case_event', { case_id: id, type: 'arrest', description: `Ocelot number ${i}.`, ...day('1999-01-01') });
      w.insert('case_event', { case_id: id, type: 'detention', description: 'Nothing to see.', ...day('1999-01-02') });
      if (i % 3 === 0) w.insert('case_record', { code: `RU-1998-${String(i).padStart(5, '0')}`, title: 'Unrelated', status: 'closed', region: 'dagestan', restricted: 0 });
    }
  })();
});
afterAll(() => t.close());

const api = (role: string, path: string, query: Record<string, string> = {}) =>
  request(t.app)
    .get(`/api/v1${path}`)
    .query(query)
    .set('Authorization', `Bearer ${tokens[role]}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
const rows = async (role: string, kind: string, query: Record<string, string>): Promise<Record<string, unknown>[]> => JSON.parse((await api(role, `/exports/${kind}`, { format: 'json', ...query }).expect(200)).body);
const searchCases = async (role: string, query: Record<string, string>) =>
  (await request(t.app).get('/api/v1/search').query({ ...query, include: 'facets' }).set('Authorization', `Bearer ${tokens[role]}`).expect(200)).body.facets.cases as number;
const codes = (r: Record<string, unknown>[], key = 'code') => r.map((x) => x[key] as string).sort();

describe('exports of a search result set', () => {
  it('exports the cases the search counts for the same words, per role', async () => {
    for (const role of ROLES) {
      const sees = CLEARED.includes(role);
      const cases = await rows(role, 'cases', { q: 'gazelle' });
      const expected = ['RU-2005-0001', 'RU-2010-0001', ...(sees ? [`RU-2019-0001`] : [])];
      expect([role, cases.length]).toEqual([role, expected.length]);
      expect([role, cases.length]).toEqual([role, await searchCases(role, { q: 'gazelle' })]);
      expect([role, cases.some((c) => c.title === 'Restricted operation')]).toEqual([role, sees]);
    }
  });

  it('with words, exports only the events, allegations and complaints that match them', async () => {
    for (const role of ROLES) {
      const sees = CLEARED.includes(role);
      const events = await rows(role, 'events', { q: 'gazelle' });
      expect([role, events.map((e) => e.description).sort()]).toEqual([role, [...(sees ? ['Gazelle raid at dawn.'] : []), 'Gazelle van stopped at the checkpoint.']]);
      expect(events[0].institutions).toBe('ROVD Shali');
      const allegations = await rows(role, 'allegations', { q: 'gazelle' });
      expect([role, allegations.map((a) => a.summary)]).toEqual([role, sees ? ['Mock execution by the gazelle'] : []]);
      const complaints = await rows(role, 'complaints', { q: 'gazelle' });
      expect([role, complaints.map((c) => c.description)]).toEqual([role, ['About the gazelle van.']]);
    }
    // Without words: every record of the selected cases.
    const all = await rows('analyst', 'events', { region: 'chechnya' });
    expect(all.map((e) => e.description).sort()).toEqual(['Gazelle van stopped at the checkpoint.', 'Held overnight.']);
    expect((await rows('analyst', 'complaints', { institution: String(ids.parent) })).length).toBe(2);
  });

  it("never selects a case through a protected person's name for users not cleared for her, nor names her", async () => {
    for (const role of ROLES) {
      const cases = await rows(role, 'cases', { q: 'Protectedova' });
      expect([role, codes(cases)]).toEqual([role, CLEARED.includes(role) ? ['RU-2018-0001'] : []]);
      expect([role, cases.length]).toEqual([role, await searchCases(role, { q: 'Protectedova' })]);
      const magas = await rows(role, 'cases', { q: 'Magas' });
      expect([role, magas.length]).toEqual([role, 1]);
      expect([role, magas[0].victims]).toEqual([role, CLEARED.includes(role) ? 'Zarema Protectedova' : expect.stringMatching(/^Person P-\d{4}$/)]);
    }
  });

  it('never selects a case through evidence the user may not read (privileged: lawyers and admins only)', async () => {
    for (const role of ROLES) {
      const reads = ['admin', 'lawyer'].includes(role);
      for (const query of [{ q: 'hedgehog' }, { evidence_type: 'testimony_transcript' }] as Record<string, string>[]) {
        const cases = await rows(role, 'cases', query);
        expect([role, query, codes(cases)]).toEqual([role, query, reads ? ['RU-2021-0001'] : []]);
        expect([role, query, cases.length]).toEqual([role, query, await searchCases(role, query)]);
        const r = (await api(role, '/reports', query).expect(200)).body;
        expect([role, query, JSON.parse(r).data.cases]).toEqual([role, query, cases.length]);
      }
    }
  });

  it('streams every row of a large selection once, in batches across chunks of cases', async () => {
    for (const [role, visible] of [['admin', BULK], ['analyst', BULK - BULK_RESTRICTED]] as const) {
      const cases = await rows(role, 'cases', { q: 'ocelot' });
      expect([role, cases.length, new Set(codes(cases)).size]).toEqual([role, visible, visible]);
      expect(cases.length).toBe(await searchCases(role, { q: 'ocelot', region: 'tatarstan' }));
      const events = await rows(role, 'events', { q: 'ocelot' });
      expect([role, events.length, new Set(events.map((e) => e.description)).size]).toEqual([role, visible, visible]);
      expect(events.every((e) => /^Ocelot number \d+\.$/.test(e.description as string))).toBe(true);
      const csv = await api(role, '/exports/events', { format: 'csv', region: 'tatarstan' }).expect(200);
      const parsed: Record<string, string>[] = parse(csv.body.slice(1), { columns: true });
      expect([role, parsed.length]).toEqual([role, visible * 2]);
      // Within the selection, rows come once each, case by case.
      expect(new Set(parsed.map((r) => `${r.caseCode}/${r.description}`)).size).toBe(visible * 2);
    }
  });

  it('records in the audit trail which filters were used, never the words', async () => {
    await api('analyst', '/exports/cases', { format: 'csv', q: 'gazelle Zarema', region: 'chechnya', institution: String(ids.parent), method: 'beating', from: '2005', retracted: '1' }).expect(200);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'export' }, order: { seq: 'DESC' }, take: 2 });
    expect(entries.map((e) => e.action).sort()).toEqual(['export.complete', 'export.start']);
    expect(entries.map((e) => e.detail).join()).not.toMatch(/gazelle|Zarema/i);
    expect(JSON.parse(entries[0].detail)).toEqual({
      kind: 'cases',
      format: 'csv',
      headers: 'codes',
      filteredByText: true,
      filters: { region: 'chechnya', institution: ids.parent, method: 'beating', from: '2005', retracted: true },
      tag: false,
      rows: 0,
    });
  });

  it('answers invalid parameters with 422 and a message per field, on the API and the pages; never a 5xx', async () => {
    const bad = await api('analyst', '/exports/events', { region: 'atlantis', status: 'NOT A CODE', to: '2005-02-30' }).expect(422);
    expect(JSON.parse(bad.body).error.fields).toEqual({ region: expect.stringContaining('atlantis'), status: 'Give a status (a known id or code).', to: expect.stringContaining('not a date') });
    const { agent } = await signIn(t.app, users.analyst.email);
    const page = await agent.get('/exports/cases.csv?region=atlantis').expect(422);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/class="field has-error"[\s\S]*?“atlantis” is not a term of the region list/);
    expect(page.text).not.toContain('href="/exports/cases');
    await agent.get('/exports?region=atlantis').expect(422);
    const params = ['q', 'region', 'status', 'institution', 'method', 'event_type', 'from', 'to', 'outcome', 'refusals', 'retracted', 'relied', 'profile', 'tag', 'kind', 'page', 'evidence_type'];
    await expectHostileParametersAnswered({
      params,
      api: (query) => api('analyst', '/exports/cases', query),
      more: (s) => api('analyst', '/exports/events', { q: s }),
      page: (query) => agent.get('/exports').query(query),
    });
  }, 120_000);

  it('shows the export page with the search form, what is selected, and links that keep the selection', async () => {
    const { agent } = await signIn(t.app, users.analyst.email);
    const page = await agent.get('/exports').query({ q: 'gazelle', status: 'open', kind: 'event', page: '3' }).expect(200);
    for (const name of ['q', 'region', 'status', 'institution', 'method', 'event_type', 'from', 'to', 'outcome', 'refusals', 'retracted', 'relied', 'profile']) expect(page.text).toContain(`name="${name}"`);
    expect(page.text).toContain('1 case selected');
    expect(page.text).toMatch(/Case status: <strong>Open<\/strong>/i);
    expect(page.text).toContain('only those of the selected cases that themselves match the words');
    expect(page.text).toContain('href="/exports/events.csv?q=gazelle&amp;status=open"');
    expect(page.text).toContain('href="/reports?q=gazelle&amp;status=open"');
    expect(page.text).toContain('href="/search?q=gazelle&amp;status=open"');
    const plain = await agent.get('/exports').expect(200);
    expect(plain.text).toContain('every one of the selected cases');
    await api('viewer', '/exports/cases', { q: 'gazelle' }).expect(403);
    const viewer = await signIn(t.app, users.viewer.email);
    await viewer.agent.get('/exports?q=gazelle').expect(403);
    await viewer.agent.get('/exports/cases.csv?q=gazelle').expect(403);
  });
});
