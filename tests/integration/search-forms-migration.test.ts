import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { openDatabase } from '../../src/db/data-source';
import { createApp } from '../../src/app';
import { SearchWordForms1796181230229 } from '../../migrations/sqlite/1796181230229-SearchWordForms';
import { FORMS_STATE_TABLE, ensureSearchIndex, hasDrift, indexedFormsVersion, outOfStepSearchTriggers, searchIndexDrift } from '../../src/search/search-index';
import { WORD_FORMS_VERSION } from '../../src/search/word-forms';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * A database made by the migrations before SearchWordForms holds its records in a four-column
 * index without word forms. Migrating it gives every row already indexed the normal forms of its
 * title and text: the old records are found by other forms of their words, the triggers are the
 * registry's, and the index holds exactly the records. Forms made under other rules (a later
 * WORD_FORMS_VERSION) are made again when the database is opened. down() gives the old index back.
 */
let t: TestApp;
let reopened: DataSource | undefined;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  if (reopened?.isInitialized) await reopened.destroy();
  await t.close();
});

const columns = (ds: DataSource) => (rawDb(ds).prepare(`SELECT name FROM pragma_table_info('search_index')`).pluck().all() as string[]).join(' ');

it('gives the rows indexed before it their word forms, so old records are found by another form of their words', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(SearchWordForms1796181230229));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(columns(t.ds)).toBe('title body names keys');
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = ?`).pluck().get(FORMS_STATE_TABLE)).toBe(0);

  // Records written under the earlier triggers (indexed without forms).
  const caseId = Number(db.prepare(`INSERT INTO case_record (code, title, summary, status, restricted) VALUES ('RU-2005-0001', 'Пытки в Нальчике', 'Признательные показания получены под пытками.', 'open', 0)`).run().lastInsertRowid);
  const eventId = Number(
    db.prepare(`INSERT INTO case_event (case_id, type, description, date_precision, date_start, date_end) VALUES (?, 'arrest', 'He was beaten by officers after his detention.', 'day', '2005-10-23', '2005-10-23')`).run(caseId).lastInsertRowid,
  );
  expect(db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH '"пыток"'`).pluck().get()).toBe(0);

  await t.ds.destroy();
  reopened = await openDatabase({ databasePath: t.config.databasePath });
  const after = rawDb(reopened);
  expect(columns(reopened)).toBe('title body names keys title_stems body_stems');
  expect(indexedFormsVersion(after)).toBe(WORD_FORMS_VERSION);
  expect(outOfStepSearchTriggers(after)).toEqual([]);
  expect(hasDrift(searchIndexDrift(after))).toBe(false);

  const app = createApp({ ds: reopened, config: t.config });
  const auth = `Bearer ${(await createApiToken(reopened, CLI_ACTOR, (await makeUser(reopened, 'researcher')).id, 'r')).token}`;
  const found = async (q: string) => ((await request(app).get('/api/v1/search').query({ q }).set('Authorization', auth).expect(200)).body.data as { kind: string; id: number }[]).map((h) => `${h.kind} ${h.id}`).sort();
  expect(await found('пыток')).toEqual([`case ${caseId}`]);
  expect(await found('показаний')).toEqual([`case ${caseId}`]);
  expect(await found('beating officer')).toEqual([`event ${eventId}`]);
  // Written since: indexed by the new triggers, forms and all.
  const since = Number(after.prepare(`INSERT INTO case_record (code, title, summary, status, restricted) VALUES ('RU-2005-0002', 'Избиение', NULL, 'open', 0)`).run().lastInsertRowid);
  expect(await found('избиением')).toEqual([`case ${since}`]);

  // Forms made under other rules are made again on opening.
  after.prepare(`UPDATE search_index SET title_stems = NULL, body_stems = NULL`).run();
  after.prepare(`UPDATE ${FORMS_STATE_TABLE} SET version = 0`).run();
  expect(await found('пыток')).toEqual([]);
  expect(await ensureSearchIndex(reopened)).toEqual(expect.objectContaining({ rebuilt: true, triggers: [] }));
  expect(indexedFormsVersion(after)).toBe(WORD_FORMS_VERSION);
  expect(await found('пыток')).toEqual([`case ${caseId}`]);
  expect(await ensureSearchIndex(reopened)).toEqual({ rebuilt: false, triggers: [] });
});

it('gives the earlier index back when undone, with the same rows', async () => {
  const db = rawDb(reopened!);
  const rows = db.prepare('SELECT count(*) FROM search_index').pluck().get();
  const later = migrations.slice(migrations.indexOf(SearchWordForms1796181230229));
  for (let i = 0; i < later.length; i++) await reopened!.undoLastMigration({ transaction: 'each' });
  expect(columns(reopened!)).toBe('title body names keys');
  expect(db.prepare('SELECT count(*) FROM search_index').pluck().get()).toBe(rows);
  expect(db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH '"пытками"'`).pluck().get()).toBe(1);
  expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = ?`).pluck().get(FORMS_STATE_TABLE)).toBe(0);
  await reopened!.runMigrations({ transaction: 'each' });
  expect(columns(reopened!)).toBe('title body names keys title_stems body_stems');
  expect(hasDrift(searchIndexDrift(db))).toBe(false);
});
