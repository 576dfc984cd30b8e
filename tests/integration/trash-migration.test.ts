import { TestApp, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { Trash1796167337945 } from '../../migrations/sqlite/1796167337945-Trash';

/**
 * The Trash migration only adds tables (no record changes shape): records entered before it are
 * untouched, down() takes the two tables away and up() brings them back empty.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const tables = (db: ReturnType<typeof rawDb>) =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('trash_item', 'trash_stored_object') ORDER BY name`).pluck().all();

it('adds the trash tables over a database holding records, and down() removes them again', async () => {
  const db = rawDb(t.ds);
  const later = migrations.slice(migrations.indexOf(Trash1796167337945));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(tables(db)).toEqual([]);

  const caseId = Number(db.prepare(`INSERT INTO case_record (code, title, status, restricted) VALUES ('RU-2009-0001', 'Death in SIZO-1', 'open', 0)`).run().lastInsertRowid);
  await t.ds.runMigrations({ transaction: 'each' });
  expect(tables(db)).toEqual(['trash_item', 'trash_stored_object']);
  expect(db.prepare('SELECT title FROM case_record WHERE id = ?').pluck().get(caseId)).toBe('Death in SIZO-1');
  expect(db.prepare('SELECT count(*) FROM trash_item').pluck().get()).toBe(0);
  // Ids are never reused: the tables whose rows a restore writes back keep AUTOINCREMENT.
  expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'case_event'`).pluck().get()).toMatch(/AUTOINCREMENT/);
});

it('every table with a generated id uses AUTOINCREMENT, so a restored row never meets a new one with its id', () => {
  const db = rawDb(t.ds);
  const generated = t.ds.entityMetadatas.filter((m) => m.primaryColumns.some((c) => c.isGenerated && c.generationStrategy === 'increment')).map((m) => m.tablePath);
  expect(generated.length).toBeGreaterThan(20);
  const without = generated.filter((table) => !/AUTOINCREMENT/.test(String(db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table))));
  expect(without).toEqual([]);
});
