import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { StatementHistoryRegions1796167159597 } from '../../migrations/sqlite/1796167159597-StatementHistoryRegions';
import { ensureSearchIndex, ensureSearchIndexContents, outOfStepSearchTriggers } from '../../src/search/search-index';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A database made with the migrations before StatementHistoryRegions, holding statements in the
 * old shape (a retracted tick with its date, forum and reason; a "relied on by a court" tick with
 * its proceeding), is carried into the new one: every retraction becomes a row of the retraction
 * history, every tick the court status "relied on", events take their institutions' region;
 * reports, filters and search read them from there. down() puts the old shape back.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('moves retractions and relied-on ticks into the new shape without loss, and down() puts them back', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(StatementHistoryRegions1796167159597));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'statement_retraction'`).pluck().get()).toBe(0);

  // Records entered under the earlier schema.
  const caseId = Number(db.prepare(`INSERT INTO case_record (code, title, status, region, restricted) VALUES ('RU-2005-0100', 'Nalchik confessions', 'open', 'kabardino_balkaria', 0)`).run().lastInsertRowid);
  const trial = Number(db.prepare(`INSERT INTO proceeding (case_id, title) VALUES (?, 'The Nalchik trial')`).run(caseId).lastInsertRowid);
  // Verdicts are per defendant since ProceedingDefendantsDeaths, which runs before this migration.
  const stage = db.prepare(`INSERT INTO proceeding_stage (proceeding_id, kind, date_precision, date_start, date_end) VALUES (?, 'verdict', 'year', '2014-01-01', '2014-12-31')`).run(trial).lastInsertRowid;
  db.prepare(`INSERT INTO stage_verdict (stage_id, defendant_id, outcome) VALUES (?, NULL, 'convicted')`).run(stage);
  const insert = db.prepare(`INSERT INTO statement (case_id, maker_description, kind, content, retracted, retraction_date_precision, retraction_date_start, retraction_date_end, retraction_forum, retraction_reason, relied_on_by_court, proceeding_id, date_precision, date_start, date_end)
    VALUES (?, ?, 'confession', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'day', '2005-10-25', '2005-10-25')`);
  const both = Number(insert.run(caseId, 'Anzor', 'Named Kudaev.', 1, 'month', '2006-09-01', '2006-09-30', 'court', 'Extracted with electric shocks', 1, trial).lastInsertRowid);
  const retractedOnly = Number(insert.run(caseId, 'other detainees', 'Named others.', 1, null, null, null, null, null, 0, null).lastInsertRowid);
  const reliedOnly = Number(insert.run(caseId, 'a witness', 'Saw him there.', 0, null, null, null, null, null, 1, null).lastInsertRowid);
  const plain = Number(insert.run(caseId, 'a neighbour', 'Heard shouting.', 0, null, null, null, null, null, 0, null).lastInsertRowid);
  const institution = Number(db.prepare(`INSERT INTO institution (name, name_latin, match_key, type, region) VALUES ('IVS Nalchik', 'ivs nalchik', 'ivs nalchik', 'police_unit', 'chechnya')`).run().lastInsertRowid);
  const event = Number(db.prepare(`INSERT INTO case_event (case_id, type, date_precision, date_start, date_end) VALUES (?, 'detention', 'day', '2005-10-24', '2005-10-24')`).run(caseId).lastInsertRowid);
  db.prepare(`INSERT INTO event_institution (event_id, institution_id) VALUES (?, ?)`).run(event, institution);

  const ran = await t.ds.runMigrations({ transaction: 'each' });
  expect(ran.map((m) => m.name)).toEqual(later.map((m) => (m as unknown as { name: string }).name));
  // The rebuilt tables' triggers are created again by the migrations themselves: nothing to repair on opening.
  expect(outOfStepSearchTriggers(db)).toEqual([]);
  expect((await ensureSearchIndex(t.ds)).rebuilt).toBe(false);
  // Undoing the step here dropped the old tables' triggers, so the rows above went unindexed; the
  // server's start-up check of the index contents finds them and indexes them (retraction reasons included).
  await ensureSearchIndexContents(t.ds);

  expect(db.prepare(`SELECT id, court_status AS status, proceeding_id AS proceeding FROM statement ORDER BY id`).all()).toEqual([
    { id: both, status: 'relied_on', proceeding: trial },
    { id: retractedOnly, status: 'not_submitted', proceeding: null },
    { id: reliedOnly, status: 'relied_on', proceeding: null },
    { id: plain, status: 'not_submitted', proceeding: null },
  ]);
  expect(db.prepare(`SELECT statement_id AS statementId, case_id AS caseId, kind, date_precision AS precision, date_start AS start, date_end AS "end", forum, reason, pressure_alleged AS pressure FROM statement_retraction ORDER BY statement_id`).all()).toEqual([
    { statementId: both, caseId, kind: 'retraction', precision: 'month', start: '2006-09-01', end: '2006-09-30', forum: 'court', reason: 'Extracted with electric shocks', pressure: 'unknown' },
    { statementId: retractedOnly, caseId, kind: 'retraction', precision: null, start: null, end: null, forum: null, reason: null, pressure: 'unknown' },
  ]);
  expect(db.prepare(`SELECT region FROM case_event WHERE id = ?`).pluck().get(event)).toBe('chechnya');
  expect(db.prepare(`SELECT count(*) FROM vocab_term WHERE vocabulary = 'event_type' AND code IN ('denial_of_medical_care', 'evidence_published', 'officials_disciplined', 'monitoring_visit')`).pluck().get()).toBe(4);

  // Read through the API, the report and the filters as users do.
  const analyst = await makeUser(t.ds, 'analyst');
  const get = async (url: string) => request(t.app).get(`/api/v1${url}`).set('Authorization', `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, analyst.id, 't')).token}`).expect(200);
  const statements = (await get(`/cases/${caseId}/statements`)).body.data as { id: number; retracted: boolean; courtStatus: string; retractions: { sentence: string }[] }[];
  const byId = new Map(statements.map((s) => [s.id, s]));
  expect(byId.get(both)).toMatchObject({ retracted: true, courtStatus: 'relied_on', retractions: [{ sentence: 'Retracted at trial, Sep 2006: Extracted with electric shocks' }] });
  expect(byId.get(retractedOnly)).toMatchObject({ retracted: true, courtStatus: 'not_submitted' });
  expect(byId.get(plain)).toMatchObject({ retracted: false, retractions: [] });
  const report = (await get('/reports')).body.data;
  expect(report.convictions.map((r: { id: number; count: number }) => [r.id, r.count])).toEqual([[caseId, 1]]);
  expect((await get('/search?retracted=1&relied=1')).body.data.map((h: { id: number }) => h.id)).toEqual([caseId]);
  expect((await get('/search?region=chechnya')).body.data.map((h: { id: number }) => h.id)).toEqual([caseId]);
  expect((await get('/search?q=shocks&kind=statement')).body.data.map((h: { id: number }) => h.id)).toEqual([both]);

  // down() of the step puts the old shape back, with the ticks and the first retraction.
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT id, retracted, retraction_forum AS forum, retraction_reason AS reason, retraction_date_start AS start, relied_on_by_court AS relied, proceeding_id AS proceeding FROM statement ORDER BY id`).all()).toEqual([
    { id: both, retracted: 1, forum: 'court', reason: 'Extracted with electric shocks', start: '2006-09-01', relied: 1, proceeding: trial },
    { id: retractedOnly, retracted: 1, forum: null, reason: null, start: null, relied: 0, proceeding: null },
    { id: reliedOnly, retracted: 0, forum: null, reason: null, start: null, relied: 1, proceeding: null },
    { id: plain, retracted: 0, forum: null, reason: null, start: null, relied: 0, proceeding: null },
  ]);
  expect(db.prepare(`PRAGMA foreign_keys`).pluck().get()).toBe(1);
  expect(db.prepare(`SELECT count(*) FROM proceeding_stage`).pluck().get()).toBe(1);
  await t.ds.runMigrations({ transaction: 'each' });
  await ensureSearchIndex(t.ds);
  expect(db.prepare(`SELECT count(*) FROM statement_retraction`).pluck().get()).toBe(2);
});
