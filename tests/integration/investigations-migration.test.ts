import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { Investigations1796167224789 } from '../../migrations/sqlite/1796167224789-Investigations';
import { outOfStepSearchTriggers } from '../../src/search/search-index';
import { caseProcessCounts } from '../../src/investigations/process-counts';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A database made before Investigations, with complaints refused three times (one of them a
 * rejected appeal) and an "investigation refused" event, is carried into the new shape: every
 * response is kept, each old refusal counts once (not the event, which is only offered for
 * recording), the search triggers of the rebuilt table are back, and down() undoes it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('keeps every old refusal, counted once, and down() undoes the step', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(Investigations1796167224789));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('investigation', 'investigation_decision')`).pluck().get()).toBe(0);
  expect((db.prepare(`PRAGMA table_info(complaint_response)`).all() as { name: string }[]).map((c) => c.name)).not.toContain('decision_id');

  // Records entered under the earlier schema.
  const caseId = Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES ('RU-2005-0001', 'Kudaev', 'open', 0)`).run().lastInsertRowid);
  const complaint = Number(db.prepare(`INSERT INTO complaint (case_id, request, description) VALUES (?, 'open_criminal_investigation', 'Wombat complaint text')`).run(caseId).lastInsertRowid);
  const insertResponse = db.prepare(`INSERT INTO complaint_response (complaint_id, outcome, note, date_precision, date_start, date_end) VALUES (?, ?, ?, ?, ?, ?)`);
  insertResponse.run(complaint, 'refused_to_open', 'first', 'day', '2005-11-21', '2005-11-21');
  insertResponse.run(complaint, 'refused_to_open', 'second', 'month', '2006-04-01', '2006-04-30');
  insertResponse.run(complaint, 'complaint_rejected', 'appeal', null, null, null);
  insertResponse.run(complaint, 'forwarded', 'sent on', null, null, null);
  db.prepare(`INSERT INTO case_event (case_id, type, title, date_precision, date_start, date_end) VALUES (?, 'investigation_refused', 'Refused again', 'day', '2006-05-12', '2006-05-12')`).run(caseId);
  const before = db.prepare(`SELECT id, complaint_id, outcome, note, date_precision, date_start, date_end FROM complaint_response ORDER BY id`).all();

  const ran = await t.ds.runMigrations({ transaction: 'each' });
  expect(ran.map((m) => m.name)).toEqual(later.map((m) => (m as unknown as { name: string }).name));
  expect(db.prepare(`SELECT id, complaint_id, outcome, note, date_precision, date_start, date_end FROM complaint_response ORDER BY id`).all()).toEqual(before);
  expect(db.prepare(`SELECT count(*) FROM complaint_response WHERE decision_id IS NOT NULL`).pluck().get()).toBe(0);
  expect(outOfStepSearchTriggers(db)).toEqual([]);
  expect(db.prepare(`SELECT count(*) FROM vocab_term WHERE vocabulary IN ('investigation_trigger', 'investigation_decision')`).pluck().get()).toBe(14);

  // Three refusals, once each (the event feeds nothing); the latest at its own precision.
  const counts = await caseProcessCounts(t.ds, caseId);
  expect(counts).toMatchObject({ refusals: 3, opened: 0, complaints: 1, investigations: 0, lastRefusalDate: { precision: 'month', start: '2006-04-01', end: '2006-04-30' } });
  const analyst = await makeUser(t.ds, 'analyst');
  const auth = `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, analyst.id, 't')).token}`;
  const report = await request(t.app).get('/api/v1/reports?refusals=3').set('Authorization', auth).expect(200);
  expect(report.body.data.refused).toEqual([expect.objectContaining({ id: caseId, count: 3, last: 'Apr 2006' })]);
  const cases = await request(t.app).get('/api/v1/exports/cases?format=json').set('Authorization', auth).expect(200);
  expect(cases.body.map((c: { refusalsToInvestigate: number }) => c.refusalsToInvestigate)).toEqual([3]);

  // The rebuilt table is still indexed by its triggers: a new response's note is found.
  db.prepare(`INSERT INTO complaint_response (complaint_id, outcome, note) VALUES (?, 'other', 'capybara reply')`).run(complaint);
  const found = await request(t.app).get('/api/v1/search?q=capybara').set('Authorization', auth).expect(200);
  expect(found.body.data.map((h: { kind: string; id: number }) => `${h.kind}:${h.id}`)).toEqual([`complaint:${complaint}`]);

  // down() takes the new tables and terms away and keeps the responses.
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('investigation', 'investigation_decision')`).pluck().get()).toBe(0);
  expect(db.prepare(`SELECT count(*) FROM vocab_term WHERE vocabulary IN ('investigation_trigger', 'investigation_decision')`).pluck().get()).toBe(0);
  expect(db.prepare(`SELECT count(*) FROM complaint_response`).pluck().get()).toBe(5);
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'complaint_response'`).pluck().get()).toBe(3);
  await t.ds.runMigrations({ transaction: 'each' });
  expect(outOfStepSearchTriggers(db)).toEqual([]);
});
