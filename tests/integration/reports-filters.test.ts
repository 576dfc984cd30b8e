import request from 'supertest';
import { TestApp, signIn, startTestApp } from '../support/app';
import { DemoWriter } from '../../src/demo/demo-writer';
import { rawDb } from '../../src/search/sqlite';
import { User } from '../../src/users/user.entity';
import { expectHostileParametersAnswered, permissionCast } from '../support/permission-users';

/**
 * Reports chosen like search: the same words and filters, the same messages, and the same
 * cases as the search counts for the same user — never a restricted case or a protected
 * identity's cases for someone not allowed to see them.
 */
let t: TestApp;
let w: DemoWriter;
let users: Record<string, User> = {};
let tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const ROLES = ['admin', 'member', 'otherResearcher', 'lawyer', 'analyst'] as const;
const CLEARED = ['admin', 'member'];

beforeAll(async () => {
  t = await startTestApp();
  ({ users, tokens } = await permissionCast(t.ds));
  w = new DemoWriter(rawDb(t.ds));
  const day = (d: string) => DemoWriter.date('date', { precision: 'day', start: d, end: d });

  ids.parent = w.insert('institution', { name: 'MVD of Chechnya', name_latin: 'mvd of chechnya', match_key: 'mvd chechnya', type: 'police_unit' });
  ids.child = w.insert('institution', { name: 'ROVD Shali', name_latin: 'rovd shali', match_key: 'rovd shali', type: 'police_unit', parent_id: ids.parent });

  // A: Chechnya, the word "gazelle" in one of its two events, beaten, refused twice, at a sub-unit.
  ids.a = w.insert('case_record', { code: 'RU-2005-0001', title: 'Shali detention', status: 'open', region: 'chechnya', restricted: 0 });
  ids.aEvent = w.insert('case_event', { case_id: ids.a, type: 'arrest', description: 'Gazelle van stopped at the checkpoint.', ...day('2005-10-23') });
  w.insert('case_event', { case_id: ids.a, type: 'detention', description: 'Held overnight.', ...day('2005-10-24') });
  w.insert('event_institution', { event_id: ids.aEvent, institution_id: ids.child });
  const aAllegation = w.insert('allegation', { case_id: ids.a, summary: 'Beaten during questioning', status: 'alleged' });
  w.insert('allegation_method', { allegation_id: aAllegation, code: 'beating' });
  const aComplaint = w.insert('complaint', { case_id: ids.a, request: 'open_criminal_investigation' });
  for (const d of ['2006-01-10', '2006-03-01']) w.insert('complaint_response', { complaint_id: aComplaint, outcome: 'refused_to_open', ...day(d) });

  // B: Dagestan, "gazelle" in a statement, closed.
  ids.b = w.insert('case_record', { code: 'RU-2010-0001', title: 'Makhachkala hearing', status: 'closed', region: 'dagestan', restricted: 0 });
  w.insert('case_event', { case_id: ids.b, type: 'hearing', description: 'Hearing.', ...day('2010-06-01') });
  w.insert('statement', { case_id: ids.b, maker_description: 'a neighbour', kind: 'witness_statement', content: 'I saw the gazelle leave.' });

  // R: restricted, "gazelle" too, its member the researcher `member`.
  const created = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${tokens.member}`).send({ title: 'Restricted gazelle operation', status: 'open', region: 'ingushetia', restricted: true }).expect(201);
  ids.r = created.body.data.id;
  w.insert('case_event', { case_id: ids.r, type: 'arrest', description: 'Gazelle raid at dawn.', ...day('2019-05-01') });
  const rAllegation = w.insert('allegation', { case_id: ids.r, summary: 'Mock execution', status: 'alleged' });
  w.insert('allegation_method', { allegation_id: rAllegation, code: 'mock_execution' });

  // P: a protected witness, named in a statement of the one case she takes part in.
  ids.p = w.insert('case_record', { code: 'RU-2018-0001', title: 'Magas hearing', status: 'open', region: 'ingushetia', restricted: 0 });
  ids.protected = w.insert('person', { primary_name: 'Zarema Protectedova', gender: 'female', protected_identity: 1, created_by_id: users.member.id });
  w.personName(ids.protected, 'Zarema Protectedova', 'primary', 'latin', null);
  w.insert('case_participant', { case_id: ids.p, person_id: ids.protected, role: 'witness' });
  w.insert('statement', { case_id: ids.p, maker_description: 'a witness', kind: 'witness_statement', content: 'Zarema Protectedova told the investigator.' });
  w.insert('case_tag', { case_id: ids.p, tag: 'magas' });
});
afterAll(() => t.close());

const api = (role: string, path: string, query: Record<string, string> = {}) => request(t.app).get(`/api/v1${path}`).query(query).set('Authorization', `Bearer ${tokens[role]}`);
const report = async (role: string, query: Record<string, string>) => (await api(role, '/reports', query).expect(200)).body.data;
const searchCases = async (role: string, query: Record<string, string>) => (await api(role, '/search', { ...query, include: 'facets' }).expect(200)).body.facets.cases as number;
const keys = (bars: { key: string }[]) => bars.map((b) => b.key).sort();

describe('reports filtered like search', () => {
  it('selects the cases holding a visible match for the words: the search case count, per role', async () => {
    for (const role of ROLES) {
      const r = await report(role, { q: 'gazelle' });
      const sees = CLEARED.includes(role);
      expect([role, r.cases]).toEqual([role, sees ? 3 : 2]);
      expect([role, r.cases]).toEqual([role, await searchCases(role, { q: 'gazelle' })]);
      expect([role, keys(r.byRegion)]).toEqual([role, sees ? ['chechnya', 'dagestan', 'ingushetia'] : ['chechnya', 'dagestan']]);
      expect([role, keys(r.byMethod)]).toEqual([role, sees ? ['beating', 'mock_execution'] : ['beating']]);
      if (!sees) expect(JSON.stringify(r)).not.toMatch(/Restricted gazelle|mock_execution/);
    }
  });

  it('combines the words with every kind of filter, as the search does', async () => {
    const cases: Record<string, string>[] = [
      { q: 'gazelle', region: 'dagestan' },
      { q: 'gazelle', status: 'open' },
      { institution: String(ids.parent) },
      { method: 'beating' },
      { event_type: 'hearing' },
      { from: '2005', to: '2005-12' },
      { outcome: 'refused_to_open' },
      { refusals: '2' },
      { refusals: '3' },
      { region: 'ingushetia' },
    ];
    const expected = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1];
    for (const [i, query] of cases.entries()) {
      const r = await report('analyst', query);
      expect([query, r.cases]).toEqual([query, expected[i]]);
      expect([query, r.cases]).toEqual([query, await searchCases('analyst', query)]);
    }
    // The institution counts its sub-units; the refusal table follows the refusals filter.
    const inst = await report('analyst', { institution: String(ids.parent) });
    expect(inst.byInstitution).toEqual([{ key: String(ids.child), label: 'ROVD Shali', value: 1 }]);
    const refused = await report('analyst', { refusals: '2' });
    expect(refused.minRefusals).toBe(2);
    expect(refused.refused.map((c: { code: string }) => c.code)).toEqual(['RU-2005-0001']);
    // A tag from an older link still narrows.
    expect((await report('analyst', { tag: 'Magas' })).cases).toBe(1);
  });

  it("selects no case through a protected person's name for users not cleared for her", async () => {
    for (const role of ROLES) {
      for (const q of ['Protectedova', 'Zarema Protectedova']) {
        const r = await report(role, { q });
        expect([role, q, r.cases]).toEqual([role, q, CLEARED.includes(role) ? 1 : 0]);
        expect([role, q, r.cases]).toEqual([role, q, await searchCases(role, { q })]);
      }
    }
  });

  it('answers invalid parameters with 422 and a message per field; never a 5xx for hostile text', async () => {
    const bad = await api('analyst', '/reports', { region: 'atlantis', institution: '999999', from: '2005-13', refusals: 'many', minRefusals: '0' }).expect(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['from', 'institution', 'minRefusals', 'refusals', 'region']);
    expect((await api('analyst', '/reports', { q: 'x'.repeat(201) }).expect(422)).body.error.fields.q).toMatch(/at most 200/);
    expect((await api('analyst', '/reports', { from: '2006', to: '2005' }).expect(422)).body.error.fields.to).toMatch(/before its start/);
    const params = ['q', 'region', 'status', 'institution', 'method', 'event_type', 'from', 'to', 'outcome', 'refusals', 'retracted', 'relied', 'profile', 'tag', 'minRefusals', 'kind', 'page', 'evidence_type'];
    const { agent } = await signIn(t.app, users.analyst.email);
    await expectHostileParametersAnswered({
      params,
      api: (query) => api('analyst', '/reports', query),
      more: (s) => api('analyst', '/reports', { q: s }),
      page: (query) => agent.get('/reports').query(query),
    });
  }, 120_000);

  it('shows the search form, says what is filtered, and keeps the selection in its links', async () => {
    const { agent } = await signIn(t.app, users.analyst.email);
    const page = await agent.get('/reports').query({ q: 'gazelle', region: 'chechnya', institution: String(ids.parent) }).expect(200);
    for (const name of ['q', 'region', 'status', 'institution', 'method', 'event_type', 'from', 'to', 'outcome', 'refusals', 'retracted', 'relied', 'profile']) expect(page.text).toContain(`name="${name}"`);
    expect(page.text).toContain('1 case selected');
    expect(page.text).toMatch(/Region: <strong>Chechen Republic<\/strong>/);
    expect(page.text).toMatch(/Institution \(with its sub-units\): <strong>MVD of Chechnya<\/strong>/);
    expect(page.text).toMatch(/Words: <strong>“gazelle”<\/strong>/);
    const qs = `q=gazelle&amp;region=chechnya&amp;institution=${ids.parent}`;
    expect(page.text).toContain(`href="/exports?${qs}"`);
    expect(page.text).toContain(`href="/search?${qs}"`);
    // A bar narrows the report to its value, keeping the words and the other filters.
    expect(page.text).toContain(`href="/reports?${qs}&amp;method=beating"`);
    expect((page.text.match(/<figure class="chart"/g) ?? []).length).toBe(5);
    // The bar itself is the link (not only the name in the table).
    expect(page.text).toContain(`<a class="bar-row" href="/reports?${qs}&amp;method=beating"`);
    expect(page.text).not.toMatch(/\sstyle="|<script>/);

    // Invalid values: the form comes back with the message next to the field, and no charts.
    const bad = await agent.get('/reports').query({ q: 'gazelle', region: 'atlantis', minRefusals: 'lots' }).expect(422);
    expect(bad.text).toMatch(/class="field has-error"[\s\S]*?“atlantis” is not a term of the region list/);
    expect(bad.text).toContain('Enter a number of refusals from 1 to 1000.');
    expect(bad.text).not.toContain('<figure class="chart"');
    expect(bad.text).toContain('value="gazelle"');
    // Hostile words are shown escaped.
    const xss = await agent.get('/reports').query({ q: '<script>alert(1)</script>' }).expect(200);
    expect(xss.text).not.toContain('<script>alert(1)</script>');
    expect(xss.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('on the page, a non-member never sees the restricted case counted; viewers have no reports', async () => {
    const { agent } = await signIn(t.app, users.analyst.email);
    const page = await agent.get('/reports').query({ q: 'gazelle' }).expect(200);
    expect(page.text).toContain('2 cases selected');
    expect(page.text).not.toMatch(/method=mock_execution|Restricted gazelle|region=ingushetia/);
    const member = await signIn(t.app, users.member.email);
    expect((await member.agent.get('/reports').query({ q: 'gazelle' }).expect(200)).text).toContain('3 cases selected');
    await api('viewer', '/reports', { q: 'gazelle' }).expect(403);
    const viewer = await signIn(t.app, users.viewer.email);
    await viewer.agent.get('/reports?q=gazelle').expect(403);
  });

  it('links from search results to a report and an export of the same query, for those who may', async () => {
    const { agent } = await signIn(t.app, users.analyst.email);
    const page = await agent.get('/search').query({ q: 'gazelle', region: 'chechnya' }).expect(200);
    expect(page.text).toContain('href="/reports?q=gazelle&amp;region=chechnya">Report on these results');
    expect(page.text).toContain('href="/exports?q=gazelle&amp;region=chechnya">Export these results');
    const viewer = await signIn(t.app, users.viewer.email);
    const theirs = await viewer.agent.get('/search').query({ q: 'gazelle' }).expect(200);
    expect(theirs.text).not.toMatch(/Report on these results|Export these results/);
  });
});
