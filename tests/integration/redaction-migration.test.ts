import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { ProtectedNamesState1795300000000 } from '../../migrations/sqlite/1795300000000-ProtectedNamesState';
import { outOfStepRedactionTriggers } from '../../src/people/protected-names-state';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A database made with the migrations before ProtectedNamesState, holding a protected person and
 * an event that names them, is carried into the new shape: nothing entered is lost, the counters
 * and their triggers are there, and the name is withheld from then on. The migration's down()
 * takes the table and every trigger away again.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('moves a database made before it into the new shape without losing what was entered, and down() undoes it', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(ProtectedNamesState1795300000000));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'protected_names_state'`).pluck().get()).toBe(0);
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'redaction\\_%' ESCAPE '\\'`).pluck().get()).toBe(0);

  // Records entered under the earlier schema.
  const caseId = Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES ('RU-2019-0001', 'Detention of Madina Sultygova', 'open', 0)`).run().lastInsertRowid);
  const personId = Number(db.prepare(`INSERT INTO person (primary_name, gender, protected_identity) VALUES ('Madina Sultygova', 'female', 1)`).run().lastInsertRowid);
  db.prepare(`INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (?, 'Madina Sultygova', 'primary', 'madina sultygova', 'madina sultigova')`).run(personId);
  const description = 'Madina Sultygova was taken to the ROVD at night.';
  const eventId = Number(db.prepare(`INSERT INTO case_event (case_id, type, description, date_precision, date_start, date_end) VALUES (?, 'arrest', ?, 'day', '2019-03-02', '2019-03-02')`).run(caseId, description).lastInsertRowid);

  const ran = await t.ds.runMigrations({ transaction: 'each' });
  expect(ran.map((m) => m.name)).toEqual(later.map((m) => (m as unknown as { name: string }).name));
  expect(outOfStepRedactionTriggers(db)).toEqual([]);
  expect(db.prepare('SELECT names_version, clearance_version, links_version FROM protected_names_state WHERE id = 1').get()).toEqual({ names_version: 0, clearance_version: 0, links_version: 0 });
  expect(db.prepare('SELECT description FROM case_event WHERE id = ?').pluck().get(eventId)).toBe(description);

  const viewer = await makeUser(t.ds, 'viewer');
  const admin = await makeUser(t.ds, 'admin');
  const as = async (userId: number) => `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, userId, 't')).token}`;
  const seen = await request(t.app).get(`/api/v1/cases/${caseId}/events/${eventId}`).set('Authorization', await as(viewer.id)).expect(200);
  expect(seen.body.data.description).toBe(`[Person P-${String(personId).padStart(4, '0')}] was taken to the ROVD at night.`);
  const read = await request(t.app).get(`/api/v1/cases/${caseId}/events/${eventId}`).set('Authorization', await as(admin.id)).expect(200);
  expect(read.body.data.description).toBe(description);

  // A name added after the migration is counted by its trigger and withheld at once.
  db.prepare(`INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (?, 'Madina Sultygova-Aushева', 'alias', 'madina sultygova-ausheva', 'aushewa madina sultigova')`).run(personId);
  expect(db.prepare('SELECT names_version FROM protected_names_state WHERE id = 1').pluck().get()).toBe(1);

  // down() of the whole step takes the counters and the triggers away.
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'redaction\\_%' ESCAPE '\\'`).pluck().get()).toBe(0);
  await t.ds.runMigrations({ transaction: 'each' });
  expect(outOfStepRedactionTriggers(db)).toEqual([]);
});
