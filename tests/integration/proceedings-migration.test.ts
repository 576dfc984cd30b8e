import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { ProceedingDefendantsDeaths1796167151104 } from '../../migrations/sqlite/1796167151104-ProceedingDefendantsDeaths';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A database made with the migrations before ProceedingDefendantsDeaths, holding proceedings
 * whose stages carry one outcome and one sentence text (with two defendants, and with none
 * named), is carried into the per-defendant shape: every defendant of the proceeding gets the
 * stage's old outcome, and the old sentence text in their verdict's note; a proceeding without
 * named defendants keeps both on a verdict for "the defendants". Search still finds the
 * sentence, reports still count the conviction, and down() puts outcome and sentence back.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('moves stage outcomes and sentences onto each defendant without loss, and down() restores them', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(ProceedingDefendantsDeaths1796167151104));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('stage_verdict', 'proceeding_charge', 'person_death')`).pluck().get()).toBe(0);

  // Records entered under the earlier schema.
  const caseId = Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES ('RU-2005-0002', 'Gumarov and Ishmuratov', 'closed', 0)`).run().lastInsertRowid);
  const person = (name: string) => Number(db.prepare(`INSERT INTO person (primary_name, gender, protected_identity) VALUES (?, 'male', 0)`).run(name).lastInsertRowid);
  const gumarov = person('Ravil Gumarov');
  const ishmuratov = person('Timur Ishmuratov');
  for (const p of [gumarov, ishmuratov]) db.prepare(`INSERT INTO case_participant (case_id, person_id, role) VALUES (?, ?, 'victim')`).run(caseId, p);
  const trial = Number(db.prepare(`INSERT INTO proceeding (case_id, title) VALUES (?, 'Bugulma trial')`).run(caseId).lastInsertRowid);
  for (const p of [gumarov, ishmuratov]) db.prepare(`INSERT INTO proceeding_defendant (proceeding_id, person_id) VALUES (?, ?)`).run(trial, p);
  const stage = (proceeding: number, kind: string, outcome: string | null, sentence: string | null, date: string) =>
    Number(db.prepare(`INSERT INTO proceeding_stage (proceeding_id, kind, outcome, sentence, note, date_precision, date_start, date_end) VALUES (?, ?, ?, ?, 'kept note', 'day', ?, ?)`).run(proceeding, kind, outcome, sentence, date, date).lastInsertRowid);
  const acquittal = stage(trial, 'verdict', 'acquitted', null, '2005-09-01');
  const conviction = stage(trial, 'retrial', 'convicted', '13 years in a strict-regime colony', '2006-05-12');
  const hearing = stage(trial, 'hearing', null, null, '2005-06-01');
  const unnamed = Number(db.prepare(`INSERT INTO proceeding (case_id, title) VALUES (?, 'Trial of the others')`).run(caseId).lastInsertRowid);
  const unnamedVerdict = stage(unnamed, 'verdict', 'convicted', 'Prison terms of 8 to 15 years', '2007-01-10');
  db.prepare(`INSERT INTO statement (case_id, maker_person_id, kind, retracted, relied_on_by_court, proceeding_id) VALUES (?, ?, 'confession', 1, 1, ?)`).run(caseId, gumarov, trial);

  const ran = await t.ds.runMigrations({ transaction: 'each' });
  expect(ran.map((m) => m.name)).toEqual(later.map((m) => (m as unknown as { name: string }).name));

  const verdicts = db.prepare(`SELECT v.stage_id, d.person_id, v.outcome, v.note FROM stage_verdict v LEFT JOIN proceeding_defendant d ON d.id = v.defendant_id ORDER BY v.stage_id, d.person_id`).all();
  expect(verdicts).toEqual([
    { stage_id: acquittal, person_id: gumarov, outcome: 'acquitted', note: null },
    { stage_id: acquittal, person_id: ishmuratov, outcome: 'acquitted', note: null },
    { stage_id: conviction, person_id: gumarov, outcome: 'convicted', note: '13 years in a strict-regime colony' },
    { stage_id: conviction, person_id: ishmuratov, outcome: 'convicted', note: '13 years in a strict-regime colony' },
    { stage_id: unnamedVerdict, person_id: null, outcome: 'convicted', note: 'Prison terms of 8 to 15 years' },
  ]);
  expect(db.prepare(`SELECT count(*) FROM stage_verdict WHERE stage_id = ?`).pluck().get(hearing)).toBe(0);
  expect(db.prepare(`SELECT note FROM proceeding_stage WHERE id = ?`).pluck().get(conviction)).toBe('kept note');
  expect(db.prepare(`SELECT count(*) FROM vocab_term WHERE vocabulary = 'criminal_code_article'`).pluck().get()).toBeGreaterThanOrEqual(9);

  // Read through the app: the API, search (sentence text, via the new triggers once touched), reports.
  const viewer = await makeUser(t.ds, 'viewer');
  const analyst = await makeUser(t.ds, 'analyst');
  const as = async (userId: number) => `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, userId, 't')).token}`;
  const p = (await request(t.app).get(`/api/v1/cases/${caseId}/proceedings/${trial}`).set('Authorization', await as(viewer.id)).expect(200)).body.data;
  expect(p.chain).toBe('hearing (1 Jun 2005) → acquitted (1 Sep 2005) → convicted (12 May 2006)');
  expect(p.stages.find((s: { id: number }) => s.id === conviction).sentence).toBe('13 years in a strict-regime colony');
  const other = (await request(t.app).get(`/api/v1/cases/${caseId}/proceedings/${unnamed}`).set('Authorization', await as(viewer.id)).expect(200)).body.data;
  expect(other.stages[0].verdicts).toEqual([expect.objectContaining({ personId: null, outcome: 'convicted', sentence: expect.objectContaining({ note: 'Prison terms of 8 to 15 years' }) })]);
  db.prepare(`UPDATE proceeding SET note = 'touched' WHERE id = ?`).run(trial);
  const hits = (await request(t.app).get(`/api/v1/search?q=${encodeURIComponent('strict-regime')}`).set('Authorization', await as(viewer.id)).expect(200)).body.data;
  expect(hits.some((h: { kind: string; id: number }) => h.kind === 'proceeding' && h.id === trial)).toBe(true);
  const report = (await request(t.app).get('/api/v1/reports').set('Authorization', await as(analyst.id)).expect(200)).body.data;
  expect(report.convictions.map((r: { id: number }) => r.id)).toContain(caseId);

  // down() puts each stage's outcome and sentence back.
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT id, outcome, sentence FROM proceeding_stage ORDER BY id`).all()).toEqual([
    { id: acquittal, outcome: 'acquitted', sentence: null },
    { id: conviction, outcome: 'convicted', sentence: '13 years in a strict-regime colony' },
    { id: hearing, outcome: null, sentence: null },
    { id: unnamedVerdict, outcome: 'convicted', sentence: 'Prison terms of 8 to 15 years' },
  ]);
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('stage_verdict', 'proceeding_charge', 'person_death')`).pluck().get()).toBe(0);
  // The old search triggers are back and work: changing a stage reindexes its proceeding.
  db.prepare(`UPDATE proceeding_stage SET sentence = '12 years' WHERE id = ?`).run(conviction);
  await t.ds.runMigrations({ transaction: 'each' });
  expect(db.prepare(`SELECT note FROM stage_verdict WHERE stage_id = ? ORDER BY id LIMIT 1`).pluck().get(conviction)).toBe('12 years');
});
