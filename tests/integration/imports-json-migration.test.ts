import { TestApp, makeUser, startTestApp } from '../support/app';
import { rawDb } from '../../src/search/sqlite';
import { migrations } from '../../src/db/migrations';
import { ImportJsonFormat1796227502113 } from '../../migrations/sqlite/1796227502113-ImportJsonFormat';

/**
 * ImportJsonFormat rebuilds import_batch to let its format be json: the batches and their rows
 * made before it are kept as they were (the rebuild runs with foreign keys off, so the rows
 * that point at a batch are not deleted with the old table), and down() refuses json again.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const insertBatch = (db: ReturnType<typeof rawDb>, userId: number, format: string) =>
  Number(
    db
      .prepare(`INSERT INTO import_batch (user_id, file_name, sha256, bytes, format, status, sheets, notices, mapping, counts) VALUES (?, ?, ?, 10, ?, 'committed', '[]', '[]', '{"source":"f","sheets":[],"values":[],"matches":[]}', '{}')`)
      .run(userId, `дела.${format}`, 'a'.repeat(64), format).lastInsertRowid,
  );

it('keeps the batches and rows made before it, and lets a batch be json', async () => {
  const db = rawDb(t.ds);
  const user = await makeUser(t.ds, 'researcher');
  const later = migrations.slice(migrations.indexOf(ImportJsonFormat1796227502113));
  for (let i = 0; i < later.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
  expect(() => insertBatch(db, user.id, 'json')).toThrow(/CHECK/);
  const batchId = insertBatch(db, user.id, 'csv');
  db.prepare(`INSERT INTO import_row (batch_id, sheet, sheet_order, line, kind, action, external_id, row_hash, "values", problems, skip, fixes) VALUES (?, 'Дела', 0, 2, 'cases', 'create', 'RU-2005-0001', 'h', '{}', '[]', 0, '{}')`).run(batchId);

  await t.ds.runMigrations({ transaction: 'each' });
  expect(db.prepare('SELECT file_name, format FROM import_batch WHERE id = ?').get(batchId)).toEqual({ file_name: 'дела.csv', format: 'csv' });
  expect(db.prepare('SELECT external_id FROM import_row WHERE batch_id = ?').pluck().all(batchId)).toEqual(['RU-2005-0001']);
  expect(insertBatch(db, user.id, 'json')).toBeGreaterThan(batchId);
  expect(() => insertBatch(db, user.id, 'pdf')).toThrow(/CHECK/);
  expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  for (const table of ['import_row', 'import_record']) expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table)).toMatch(/REFERENCES "import_batch"/);
});
