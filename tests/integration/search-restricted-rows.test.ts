import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { DemoDatabase, openDemoDatabase } from '../support/demo-db';
import { populateSql } from '../../src/search/search-schema';
import { missingSearchTriggers, rebuildSearchIndex } from '../../src/search/search-index';

/**
 * The restricted flag of a case lives in the rowid of every index row filed under it
 * (search-kinds.ts), and search decides who sees a row from that bit alone. These tests hold the
 * index to the registry after every write that can change a row's flag (a case restricted or
 * lifted, alone or with other changes; a record moved between cases; a case deleted), and check
 * that the migration which introduced the flag moves existing rows, and that its down() moves
 * them back.
 */
let demo: DemoDatabase;
let ds: DataSource;
let db: Database;

/** The rowids the registry gives every record today (the rebuild's own statements, rowid column only). */
const registryRowids = () =>
  populateSql()
    .flatMap((sql) => (db.prepare(sql.replace(/^INSERT INTO search_index\(rowid, title, body, names\) /, '')).raw().all() as unknown[][]).map((r) => BigInt(r[0] as number)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const indexRowids = () => (db.prepare('SELECT rowid FROM search_index ORDER BY rowid').safeIntegers().raw().all() as bigint[][]).map((r) => r[0]);
/** Rows whose flag disagrees with their case's column (or whose case is gone). */
const wrongFlags = () =>
  db.prepare(`SELECT count(*) FROM search_index s LEFT JOIN case_record c ON c.id = s.rowid >> 32 WHERE s.rowid >= 4294967296 AND (c.id IS NULL OR ((s.rowid >> 31) & 1) <> c.restricted)`).pluck().get();
const expectExact = (step: string) => {
  expect([step, wrongFlags()]).toEqual([step, 0]);
  expect([step, indexRowids()]).toEqual([step, registryRowids()]);
};
const caseWithRecords = (restricted: 0 | 1) =>
  db.prepare(`SELECT c.id FROM case_record c WHERE c.restricted = ? AND (SELECT count(*) FROM case_event e WHERE e.case_id = c.id) >= 2 AND EXISTS (SELECT 1 FROM evidence_item i WHERE i.case_id = c.id) ORDER BY c.id LIMIT 1`).pluck().get(restricted) as number;
const rowsOf = (caseId: number) => db.prepare('SELECT count(*) FROM search_index WHERE rowid BETWEEN ? * 4294967296 AND ? * 4294967296 + 4294967295').pluck().get(caseId, caseId) as number;

beforeAll(async () => {
  demo = await openDemoDatabase('restricted-rows', { cases: 50, seed: 9 });
  ({ ds, db } = demo);
  // More restricted cases than the demo's 3 per cent, and a sensitive item in each (it has two rows).
  db.exec(`UPDATE case_record SET restricted = 1 WHERE id % 4 = 0`);
  db.exec(`UPDATE evidence_item SET confidentiality = 'sensitive' WHERE id IN (SELECT min(id) FROM evidence_item GROUP BY case_id)`);
});
afterAll(() => demo?.close());

describe("the restricted flag in the search index's rowids", () => {
  it('is right for every row after the demo load and after restricting cases in bulk', () => {
    expect(missingSearchTriggers(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM search_index WHERE rowid >= 4294967296 AND (rowid >> 31) & 1 = 1').pluck().get()).toBeGreaterThan(50);
    expectExact('after the demo');
  });

  it('moves every row of a case, its own and those filed under it, when it is restricted or the restriction lifted', () => {
    const open = caseWithRecords(0);
    const rows = rowsOf(open);
    expect(rows).toBeGreaterThan(4);
    db.prepare('UPDATE case_record SET restricted = 1 WHERE id = ?').run(open);
    expectExact('restricted');
    expect(rowsOf(open)).toBe(rows);
    db.prepare('UPDATE case_record SET restricted = 0 WHERE id = ?').run(open);
    expectExact('lifted');
    // With another change to the case's own row in the same statement: both triggers run, in whatever order.
    db.prepare(`UPDATE case_record SET restricted = 1, title = title || ' (sealed)' WHERE id = ?`).run(open);
    expectExact('restricted and retitled');
    db.prepare(`UPDATE case_record SET restricted = 0, summary = 'Reviewed.' WHERE id = ?`).run(open);
    expectExact('lifted and summarised');
    db.prepare('UPDATE case_record SET restricted = restricted WHERE id = ?').run(open);
    expectExact('written unchanged');
    expect(rowsOf(open)).toBe(rows);
  });

  it('gives a record moved between a restricted and an open case the flag of its new case', () => {
    const open = caseWithRecords(0);
    const closed = caseWithRecords(1);
    for (const table of ['case_event', 'allegation', 'statement', 'complaint', 'proceeding', 'evidence_item']) {
      const id = db.prepare(`SELECT id FROM ${table} WHERE case_id = ? ORDER BY id LIMIT 1`).pluck().get(closed) as number | undefined;
      if (id === undefined) continue;
      db.prepare(`UPDATE ${table} SET case_id = ? WHERE id = ?`).run(open, id);
      expectExact(`${table} moved out of a restricted case`);
      db.prepare(`UPDATE ${table} SET case_id = ? WHERE id = ?`).run(closed, id);
      expectExact(`${table} moved back`);
    }
  });

  it('leaves no row behind when a restricted case is deleted, and a rebuild gives the same rowids', async () => {
    const closed = caseWithRecords(1);
    expect(rowsOf(closed)).toBeGreaterThan(4);
    db.prepare('DELETE FROM case_record WHERE id = ?').run(closed);
    expect(rowsOf(closed)).toBe(0);
    expectExact('restricted case deleted');
    const before = indexRowids();
    await rebuildSearchIndex(ds);
    expect(indexRowids()).toEqual(before);
  });

  it('is introduced by its migration, which moves the rows of cases restricted before it, and undone by its down()', async () => {
    const flagged = () => db.prepare('SELECT count(*) FROM search_index WHERE rowid >= 4294967296 AND (rowid >> 31) & 1 = 1').pluck().get() as number;
    const total = indexRowids().length;
    const undone = await ds.undoLastMigration({ transaction: 'each' });
    expect(undone).toBeUndefined();
    expect(flagged()).toBe(0);
    expect(indexRowids()).toHaveLength(total);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'search_case_case_record_restricted'`).pluck().get()).toBe(0);
    // Writes under the earlier triggers: new rows in a restricted case, and a case restricted (nothing moves then).
    const closed = caseWithRecords(1);
    db.prepare(`INSERT INTO case_event (case_id, type, description, date_precision, date_start, date_end) VALUES (?, 'arrest', 'Detained at the Shalushka post.', 'day', '2015-03-02', '2015-03-02')`).run(closed);
    db.prepare('UPDATE case_record SET restricted = 1 WHERE id = ?').run(caseWithRecords(0));
    expect(flagged()).toBe(0);

    const ran = await ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(['SearchRestrictedRows1795248000000']);
    expect(missingSearchTriggers(db)).toEqual([]);
    expect(flagged()).toBeGreaterThan(50);
    expectExact('after the migration');
  });
});
