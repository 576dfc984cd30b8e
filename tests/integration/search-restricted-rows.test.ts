import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { DemoDatabase, openDemoDatabase } from '../support/demo-db';
import { dropSearchTriggers, ensureSearchIndex, ensureSearchIndexContents, hasDrift, outOfStepSearchTriggers, rebuildSearchIndex, searchIndexDrift, searchIndexDriftInWorker } from '../../src/search/search-index';
import { INDEX_COLUMNS, allTriggerSql, currentRowSql, populateSql } from '../../src/search/search-schema';
import { protectedLinkTriggerSql } from '../../src/search/protected-links';
import { generateDemo } from '../../src/demo/generate';
import { migrations } from '../../src/db/migrations';
import { SearchRestrictedRows1795248000000 } from '../../migrations/sqlite/1795248000000-SearchRestrictedRows';

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
    .flatMap((sql) => (db.prepare(sql.replace(`INSERT INTO ${INDEX_COLUMNS} `, '')).raw().all() as unknown[][]).map((r) => BigInt(r[0] as number)))
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
/** Index rows that currentRowSql (the check on every page's rows) says are not their record's current row. */
const notCurrent = () => db.prepare(`SELECT count(*) FROM search_index_content AS search_index WHERE NOT ${currentRowSql()}`).pluck().get() as number;
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
    expect(outOfStepSearchTriggers(db)).toEqual([]);
    expect(notCurrent()).toBe(0); // every row, of every kind and evidence level, is its record's current row
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

  it('refuses record and case ids the rowid cannot address, instead of filing their rows under another kind or case', () => {
    const closed = caseWithRecords(1);
    const event = (id: number) =>
      db.prepare(`INSERT INTO case_event (id, case_id, type, description, date_precision, date_start, date_end) VALUES (?, ?, 'arrest', 'Far id.', 'day', '2015-03-02', '2015-03-02')`).run(id, closed);
    expect(() => event(2 ** 27)).toThrow(/case_event id outside 1 to 134217727 cannot be addressed by the search index/);
    // Negative ids would borrow from the case field: a row of the restricted case filed under the one before it, unflagged.
    for (const id of [0, -1, -(2 ** 32 + 2 ** 31)]) expect(() => event(id)).toThrow(/cannot be addressed/);
    const last = db.prepare('SELECT max(id) FROM case_event').pluck().get() as number;
    expect(() => db.prepare('UPDATE case_event SET id = ? WHERE id = ?').run(2 ** 27 + 5, last)).toThrow(/cannot be addressed/);
    expect(() => db.prepare(`INSERT INTO case_record (id, code, title, status, restricted) VALUES (?, 'RU-2030-9999', 'Far', 'open', 1)`).run(2 ** 21)).toThrow(/case_record id outside 1 to 2097151/);
    event(2 ** 27 - 1); // the largest id that fits is accepted
    expectExact('after the refused writes');
  });

  it('puts back triggers that are missing or altered, and the index they keep, when the database is opened', async () => {
    db.exec('DROP TRIGGER "search_case_case_record_restricted"');
    db.exec(`DROP TRIGGER "search_event_case_event_au"; CREATE TRIGGER "search_event_case_event_au" AFTER UPDATE OF "id" ON "case_event" BEGIN SELECT 1; END`);
    expect(outOfStepSearchTriggers(db).sort()).toEqual(['search_case_case_record_restricted', 'search_event_case_event_au']);
    db.prepare('UPDATE case_record SET restricted = 1 - restricted WHERE id = ?').run(caseWithRecords(0)); // unseen by the index
    expect(wrongFlags()).toBeGreaterThan(0);
    expect(await ensureSearchIndex(ds)).toEqual(expect.objectContaining({ rebuilt: true, triggers: ['search_case_case_record_restricted', 'search_event_case_event_au'] }));
    expect(outOfStepSearchTriggers(db)).toEqual([]);
    expectExact('after the repair');
    expect(await ensureSearchIndex(ds)).toEqual({ rebuilt: false, triggers: [] });
  });

  it('finds rows left stale behind triggers put back by hand, and rebuilds them when the server starts', async () => {
    expect(hasDrift(searchIndexDrift(db))).toBe(false);
    dropSearchTriggers(db);
    const open = caseWithRecords(0);
    db.prepare('UPDATE case_record SET restricted = 1 WHERE id = ?').run(open); // its rows keep the open flag
    db.prepare('DELETE FROM case_event WHERE id = (SELECT max(id) FROM case_event WHERE case_id <> ?)').run(open); // its row stays
    for (const sql of [...allTriggerSql(), ...protectedLinkTriggerSql()]) db.exec(sql); // the triggers are right again, the rows not
    expect(outOfStepSearchTriggers(db)).toEqual([]);
    const drift = searchIndexDrift(db);
    expect(drift).toEqual(expect.objectContaining({ missingRows: rowsOf(open), extraRows: rowsOf(open) + 1, protectedLinks: 0 }));
    expect(notCurrent()).toBe(drift.extraRows); // the check on a page's rows agrees, row by row
    // The server's check reads the same on its own connection in a worker thread.
    const databaseFile = ds.options.database as string;
    expect(await searchIndexDriftInWorker(databaseFile)).toEqual({ ...drift, ms: expect.any(Number) });
    const started = await ensureSearchIndexContents(ds, { databaseFile });
    expect(started.rebuilt).toBe(true);
    expect(hasDrift(searchIndexDrift(db))).toBe(false);
    expectExact('after the start-up repair');
  });

  it('restores the triggers and indexes what was written when a demo load fails half-way', async () => {
    await expect(generateDemo(ds, { cases: 3, seed: 2, onProgress: () => { throw new Error('disk full'); } })).rejects.toThrow('disk full');
    expect(outOfStepSearchTriggers(db)).toEqual([]);
    expectExact('after the failed load');
  });

  it('is introduced by its migration, which moves the rows of cases restricted before it, and undone by its down()', async () => {
    const flagged = () => db.prepare('SELECT count(*) FROM search_index WHERE rowid >= 4294967296 AND (rowid >> 31) & 1 = 1').pluck().get() as number;
    const total = indexRowids().length;
    // Back to before SearchRestrictedRows (undoing the migrations that came after it first).
    const after = migrations.slice(migrations.indexOf(SearchRestrictedRows1795248000000));
    for (let i = 0; i < after.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(flagged()).toBe(0);
    expect(indexRowids()).toHaveLength(total);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'search_case_case_record_restricted'`).pluck().get()).toBe(0);
    // Writes under the earlier triggers: new rows in a restricted case, and a case restricted (nothing moves then).
    const closed = caseWithRecords(1);
    db.prepare(`INSERT INTO case_event (case_id, type, description, date_precision, date_start, date_end) VALUES (?, 'arrest', 'Detained at the Shalushka post.', 'day', '2015-03-02', '2015-03-02')`).run(closed);
    db.prepare('UPDATE case_record SET restricted = 1 WHERE id = ?').run(caseWithRecords(0));
    expect(flagged()).toBe(0);

    const ran = await ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(after.map((m) => m.name));
    expect(outOfStepSearchTriggers(db)).toEqual([]);
    expect(flagged()).toBeGreaterThan(50);
    expectExact('after the migration');
  });
});
