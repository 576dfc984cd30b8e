import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

let t: TestApp;
const tokens: Record<string, string> = {};

/** Report fixtures inserted directly: the forms that create these records are tested elsewhere. */
async function fixture(ds: TestApp['ds']) {
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
  await q(`INSERT INTO institution (id, name, name_latin, match_key, type) VALUES (1, 'Prosecutor''s Office of KBR', 'prosecutor', 'prosecutor', 'prosecutors_office'), (2, 'Centre E Nalchik', 'centre e', 'centre e', 'police_unit')`);
  await q(`INSERT INTO case_record (id, code, title, status, region, restricted) VALUES
    (1, 'RU-2005-0001', 'Kudaev', 'open', 'kabardino_balkaria', 0),
    (2, 'RU-2005-0002', 'Gumarov and Ishmuratov', 'closed', 'tatarstan', 0),
    (3, 'RU-2019-0001', 'Restricted group case', 'open', 'chechnya', 1)`);
  await q(`INSERT INTO case_event (case_id, type, date_precision, date_start, date_end) VALUES
    (1, 'arrest', 'day', '2005-10-23', '2005-10-23'), (2, 'arrest', 'month', '2005-04-01', '2005-04-30'), (3, 'detention', 'month', '2019-01-01', '2019-01-31')`);
  await q(`INSERT INTO event_institution (event_id, institution_id) VALUES (1, 2), (3, 2)`);
  await q(`INSERT INTO allegation (id, case_id, status) VALUES (1, 1, 'alleged'), (2, 2, 'corroborated'), (3, 3, 'alleged')`);
  await q(`INSERT INTO allegation_method (allegation_id, code) VALUES (1, 'beating'), (2, 'beating'), (2, 'sleep_deprivation'), (2, 'shackling'), (3, 'beating')`);
  await q(`INSERT INTO complaint (id, case_id, request, to_institution_id) VALUES (1, 1, 'open_criminal_investigation', 1), (2, 1, 'open_criminal_investigation', 1), (3, 3, 'open_criminal_investigation', 1)`);
  await q(`INSERT INTO complaint_response (complaint_id, outcome, date_precision, date_start, date_end) VALUES
    (1, 'refused_to_open', 'day', '2006-01-10', '2006-01-10'), (1, 'refused_to_open', 'day', '2006-03-01', '2006-03-01'), (2, 'refused_to_open', 'day', '2006-05-12', '2006-05-12'),
    (3, 'refused_to_open', 'day', '2019-02-01', '2019-02-01'), (3, 'refused_to_open', 'day', '2019-03-01', '2019-03-01'), (3, 'refused_to_open', 'day', '2019-04-01', '2019-04-01')`);
  await q(`INSERT INTO proceeding (id, case_id, title) VALUES (1, 2, 'Trial')`);
  await q(`INSERT INTO proceeding_stage (id, proceeding_id, kind, date_precision, date_start, date_end) VALUES
    (1, 1, 'verdict', 'month', '2005-09-01', '2005-09-30'), (2, 1, 'annulment', 'year', '2005-01-01', '2005-12-31'), (3, 1, 'verdict', 'month', '2006-05-01', '2006-05-31')`);
  await q(`INSERT INTO stage_verdict (stage_id, defendant_id, outcome) VALUES (1, NULL, 'acquitted'), (2, NULL, 'annulled'), (3, NULL, 'convicted')`);
  await q(`INSERT INTO statement (id, case_id, maker_description, kind, court_status, proceeding_id) VALUES
    (1, 2, 'Ravil Gumarov', 'confession', 'relied_on', 1), (2, 1, 'Other detainees', 'confession', 'not_submitted', NULL)`);
  await q(`INSERT INTO statement_retraction (case_id, statement_id, kind, forum, pressure_alleged) VALUES (2, 1, 'retraction', 'court', 'unknown'), (1, 2, 'retraction', 'court', 'unknown')`);
}

beforeAll(async () => {
  t = await startTestApp();
  await fixture(t.ds);
  for (const role of ['admin', 'analyst', 'viewer'] as const) tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, role)).id, 't')).token;
});
afterAll(() => t.close());

const report = (role: string, query = '') => request(t.app).get(`/api/v1/reports${query}`).set('Authorization', `Bearer ${tokens[role]}`);

describe('reports', () => {
  it('counts cases by year, region, method, institution and complaint outcome, over the cases the user may see', async () => {
    const { body } = await report('analyst').expect(200);
    const r = body.data;
    expect(r.byYear.bars).toEqual([{ key: '2005', label: '2005', value: 2 }]);
    expect(r.byRegion.map((b: { key: string }) => b.key).sort()).toEqual(['kabardino_balkaria', 'tatarstan']);
    expect(r.byMethod.find((b: { key: string }) => b.key === 'beating').value).toBe(2);
    expect(r.byMethod.find((b: { key: string }) => b.key === 'sleep_deprivation').value).toBe(1);
    expect(r.byInstitution).toEqual([{ key: '2', label: 'Centre E Nalchik', value: 1 }]);
    expect(r.cases).toBe(2);
    expect(r.byOutcome).toEqual([expect.objectContaining({ key: 'refused_to_open', value: 3 })]);
    // The latest refusal as entered (issue 11: never a window edge presented as the date).
    expect(r.refused).toEqual([{ id: 1, code: 'RU-2005-0001', title: 'Kudaev', count: 3, last: '12 May 2006', lastDate: expect.objectContaining({ precision: 'day', text: '12 May 2006' }) }]);
    expect(r.convictions).toEqual([expect.objectContaining({ code: 'RU-2005-0002', count: 1, last: '2006-05-31' })]);
    expect(JSON.stringify(body)).not.toContain('Restricted group case');
  });

  it('includes restricted cases for admins, and follows the filters', async () => {
    const all = (await report('admin', '?minRefusals=3').expect(200)).body.data;
    expect(all.byYear.bars.map((b: { key: string }) => b.key)).toEqual(['2005', '2006', '2007', '2008', '2009', '2010', '2011', '2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019']);
    expect(all.refused.map((c: { code: string }) => c.code)).toEqual(['RU-2005-0001', 'RU-2019-0001']);
    const tatarstan = (await report('admin', '?region=tatarstan').expect(200)).body.data;
    expect(tatarstan.byMethod.map((b: { key: string }) => b.key).sort()).toEqual(['beating', 'shackling', 'sleep_deprivation']);
    expect(tatarstan.refused).toEqual([]);
  });

  it('draws the charts (HTML bar rows, SVG year columns) with their tables on the reports page, and is not for viewers', async () => {
    const analyst = await makeUser(t.ds, 'analyst');
    const { agent } = await signIn(t.app, analyst.email);
    const page = await agent.get('/reports').expect(200);
    expect((page.text.match(/<figure class="chart"/g) ?? []).length).toBe(5);
    expect((page.text.match(/<ol class="bar-list">/g) ?? []).length).toBe(4);
    expect((page.text.match(/<svg class="column-chart"/g) ?? []).length).toBe(1);
    expect(page.text).toContain('Sleep deprivation');
    expect(page.text).toContain('Convictions relying on retracted statements');
    expect(page.text).not.toMatch(/\sstyle="/);
    await report('viewer').expect(403);
    const viewer = await makeUser(t.ds, 'viewer');
    await (await signIn(t.app, viewer.email)).agent.get('/reports').expect(403);
  });

  it('counts an approximate date in its most likely year, and says how many cases it placed that way', async () => {
    const q = (sql: string) => t.ds.query(sql);
    await q(`INSERT INTO case_record (id, code, title, status, restricted) VALUES (20, 'RU-2018-0020', 'Approx one', 'open', 0), (21, 'RU-2018-0021', 'Approx two', 'open', 0), (22, 'RU-2010-0022', 'Exact', 'open', 0), (23, 'RU-2012-0023', 'Spanning range', 'open', 0)`);
    await q(`INSERT INTO case_tag (case_id, tag) VALUES (20, 'approxyear'), (21, 'approxyear'), (22, 'approxyear'), (23, 'approxyear')`);
    // c. Jan 2018 is stored as Dec 2017 .. Feb 2018; c. 2018 as 2017 .. 2019; a range Nov 2011 .. Apr 2013 centres in 2012.
    await q(`INSERT INTO case_event (case_id, type, date_precision, date_start, date_end) VALUES
      (20, 'arrest', 'approximate', '2017-12-01', '2018-02-28'), (21, 'arrest', 'approximate', '2017-01-01', '2019-12-31'), (21, 'release', 'day', '2019-06-01', '2019-06-01'),
      (22, 'arrest', 'day', '2010-03-03', '2010-03-03'), (23, 'arrest', 'range', '2011-11-01', '2013-04-30')`);
    const r = (await report('analyst', '?tag=approxyear').expect(200)).body.data;
    expect(r.byYear.bars.filter((b: { value: number }) => b.value > 0)).toEqual([
      { key: '2010', label: '2010', value: 1 },
      { key: '2012', label: '2012', value: 1 },
      { key: '2018', label: '2018', value: 2 },
    ]);
    expect(r.byYear.approximate).toBe(3);
    expect(r.byYear.undated).toBe(0);
    const analyst = await makeUser(t.ds, 'analyst');
    const { agent } = await signIn(t.app, analyst.email);
    const page = await agent.get('/reports?tag=approxyear').expect(200);
    expect(page.text).toContain('3 cases are placed by an approximate date, in its most likely year (c. Jan 2018 counts in 2018).');
  });
});
