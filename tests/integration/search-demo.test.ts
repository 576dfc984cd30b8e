import Database from 'better-sqlite3';
import { registerSearchKeysFunction } from '../../src/search/search-keys';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { generateDemo } from '../../src/demo/generate';
import { rawDb } from '../../src/search/sqlite';
import { outOfStepSearchTriggers, rebuildSearchIndex } from '../../src/search/search-index';
import { latinize, matchKey } from '../../src/people/transliterate';
import { runCli } from '../support/cli';
import { textSearch } from '../../src/search/search.service';
import { parseSearchQuery } from '../../src/search/search.schema';

/** The demo generator, `casebook search rebuild`, and the triggers agreeing with a rebuild. */
let dir: string;
const open: DataSource[] = [];
const fresh = async (name: string) => {
  const ds = await openDatabase({ databasePath: path.join(dir, `${name}.sqlite`) });
  open.push(ds);
  return ds;
};
const count = (ds: DataSource, table: string) => (rawDb(ds).prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
const indexRows = (ds: DataSource) => rawDb(ds).prepare('SELECT rowid AS id, title, body, names FROM search_index ORDER BY rowid').all();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-demo-'));
});
afterAll(async () => {
  for (const ds of open) if (ds.isInitialized) await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo data', () => {
  it('generates the number of cases asked for, with realistic records in both scripts', async () => {
    const ds = await fresh('a');
    const summary = await generateDemo(ds, { cases: 60, seed: 11 });
    expect(summary.cases).toBe(60);
    expect(count(ds, 'case_record')).toBe(60);
    expect(count(ds, 'case_event')).toBeGreaterThan(60 * 5);
    for (const table of ['allegation', 'allegation_method', 'statement', 'complaint', 'complaint_response', 'proceeding', 'person', 'person_name', 'case_participant', 'source', 'evidence_item', 'evidence_link']) {
      expect([table, count(ds, table) > 0]).toEqual([table, true]);
    }
    const db = rawDb(ds);
    expect((db.prepare(`SELECT count(*) AS n FROM person_name WHERE script = 'cyrillic'`).get() as { n: number }).n).toBeGreaterThan(0);
    expect((db.prepare(`SELECT count(*) AS n FROM person_name WHERE script = 'latin'`).get() as { n: number }).n).toBeGreaterThan(0);
    expect((db.prepare(`SELECT count(*) AS n FROM institution WHERE parent_id IS NOT NULL`).get() as { n: number }).n).toBeGreaterThan(0);
    expect((db.prepare(`SELECT count(*) AS n FROM complaint_response WHERE outcome = 'refused_to_open'`).get() as { n: number }).n).toBeGreaterThan(0);
    // Evidence records of several types, mostly normal, some sensitive, a few privileged (no files: see demo-evidence.ts).
    const levels = Object.fromEntries((db.prepare('SELECT confidentiality AS level, count(*) AS n FROM evidence_item GROUP BY confidentiality').all() as { level: string; n: number }[]).map((r) => [r.level, r.n]));
    expect(levels.normal).toBeGreaterThan((levels.sensitive ?? 0) + (levels.privileged ?? 0));
    expect(levels.sensitive).toBeGreaterThan(0);
    expect(levels.privileged).toBeGreaterThan(0);
    expect((db.prepare('SELECT count(DISTINCT type) AS n FROM evidence_item').get() as { n: number }).n).toBeGreaterThan(4);
    expect(count(ds, 'evidence_file')).toBe(0);
    // Every record is in the index (a sensitive item twice: with and without its files' text), and the triggers are back.
    const indexed = ['case_record', 'case_event', 'allegation', 'statement', 'complaint', 'proceeding', 'person', 'institution', 'source', 'evidence_item'].reduce((n, table) => n + count(ds, table), 0);
    expect(count(ds, 'search_index')).toBe(indexed + levels.sensitive);
    expect(outOfStepSearchTriggers(db)).toEqual([]);
  });

  it('is reproducible: the same seed gives the same data', async () => {
    const one = await fresh('seed-1');
    const two = await fresh('seed-2');
    const other = await fresh('seed-3');
    await generateDemo(one, { cases: 15, seed: 42 });
    await generateDemo(two, { cases: 15, seed: 42 });
    await generateDemo(other, { cases: 15, seed: 43 });
    const snapshot = (ds: DataSource) => rawDb(ds).prepare('SELECT code, title, summary, region FROM case_record ORDER BY id').all();
    expect(snapshot(one)).toEqual(snapshot(two));
    expect(indexRows(one)).toEqual(indexRows(two));
    expect(snapshot(one)).not.toEqual(snapshot(other));
  });
});

describe('search index triggers', () => {
  it('keep the index exactly as a rebuild from the tables would, through every kind of write', async () => {
    const ds = await fresh('triggers');
    await generateDemo(ds, { cases: 30, seed: 5 });
    const db = rawDb(ds);
    const first = (sql: string) => (db.prepare(sql).get() as { id: number }).id;
    const personId = first('SELECT person_id AS id FROM case_participant ORDER BY id LIMIT 1');
    const eventId = first('SELECT id FROM case_event ORDER BY id LIMIT 1');
    const caseId = first('SELECT id FROM case_record ORDER BY id DESC LIMIT 1');
    const itemId = first(`SELECT id FROM evidence_item WHERE case_id <> ${caseId} ORDER BY id LIMIT 1`);
    const linkedItemId = first(`SELECT item_id AS id FROM evidence_link WHERE person_id IS NOT NULL AND item_id <> ${itemId} ORDER BY id LIMIT 1`);
    const objectId = Number(db.prepare(`INSERT INTO stored_object (sha256, size) VALUES ('${'ab'.repeat(32)}', 10)`).run().lastInsertRowid);
    const file = (position: number, text: string) =>
      `INSERT INTO evidence_file (item_id, position, stored_object_id, original_name, mime, category, size, extracted_text) VALUES (${itemId}, ${position}, ${objectId}, 'report.txt', 'text/plain', 'text', 10, '${text}')`;
    const writes = [
      `UPDATE case_record SET title = 'Renamed case', summary = 'New summary' WHERE id = (SELECT min(id) FROM case_record)`,
      `INSERT INTO case_tag (case_id, tag) VALUES ((SELECT min(id) FROM case_record), 'newtag')`,
      `UPDATE case_event SET description = 'Changed description' WHERE id = ${eventId}`,
      `DELETE FROM case_event WHERE id = (SELECT max(id) FROM case_event)`,
      `INSERT INTO person_name (person_id, name, kind, name_latin, match_key) VALUES (${personId}, 'Kudaeff Ruslan', 'spelling', '${latinize('Kudaeff Ruslan')}', '${matchKey('Kudaeff Ruslan')}')`,
      `UPDATE person SET protected_identity = 1 WHERE id = ${personId}`,
      `INSERT INTO event_person (event_id, person_id, role) VALUES (${eventId}, ${personId}, 'witness')`,
      `DELETE FROM allegation_method WHERE id = (SELECT min(id) FROM allegation_method)`,
      `INSERT INTO allegation_method (allegation_id, code) VALUES ((SELECT min(id) FROM allegation), 'mock_execution')`,
      `UPDATE perpetrator SET description = 'a new description' WHERE id = (SELECT min(id) FROM perpetrator)`,
      `DELETE FROM complaint_response WHERE id = (SELECT min(id) FROM complaint_response)`,
      `UPDATE complaint_response SET note = 'changed note' WHERE id = (SELECT max(id) FROM complaint_response)`,
      `INSERT INTO statement_condition (statement_id, code) VALUES ((SELECT min(id) FROM statement), 'without_interpreter')`,
      `UPDATE stage_verdict SET note = '9 years' WHERE id = (SELECT min(id) FROM stage_verdict)`,
      `UPDATE proceeding_stage SET note = 'stage note' WHERE id = (SELECT min(id) FROM proceeding_stage)`,
      `INSERT INTO institution_alias (institution_id, name, name_latin, match_key) VALUES ((SELECT min(id) FROM institution), 'New alias', 'new alias', 'nev alias')`,
      `UPDATE institution SET notes = 'new notes' WHERE id = (SELECT max(id) FROM institution)`,
      `UPDATE source SET note = 'new note' WHERE id = (SELECT min(id) FROM source)`,
      `DELETE FROM case_participant WHERE id = (SELECT max(id) FROM case_participant)`,
      `INSERT INTO person_profile (person_id, code) VALUES (${personId}, 'journalist')`,
      file(1, 'forensic findings page one'),
      file(2, 'page two'),
      `UPDATE evidence_file SET extracted_text = 'corrected page two' WHERE item_id = ${itemId} AND position = 2`,
      `UPDATE evidence_item SET confidentiality = 'sensitive', title = 'Sensitive now' WHERE id = ${itemId}`,
      `DELETE FROM evidence_file WHERE item_id = ${itemId} AND position = 1`,
      `UPDATE evidence_item SET confidentiality = 'privileged' WHERE id = (SELECT max(id) FROM evidence_item WHERE confidentiality = 'sensitive' AND id <> ${itemId})`,
      `UPDATE evidence_item SET confidentiality = 'normal' WHERE id = (SELECT min(id) FROM evidence_item WHERE confidentiality = 'privileged')`,
      `INSERT INTO person_name (person_id, name, kind, name_latin, match_key) SELECT person_id, 'Evidencelinked Name', 'spelling', 'evidencelinked name', 'evidencelinked name' FROM evidence_link WHERE item_id = ${linkedItemId} AND person_id IS NOT NULL`,
      `DELETE FROM evidence_link WHERE id = (SELECT max(id) FROM evidence_link)`,
      `DELETE FROM evidence_item WHERE id = (SELECT max(id) FROM evidence_item WHERE confidentiality = 'sensitive' AND id <> ${itemId})`,
      `DELETE FROM case_record WHERE id = ${caseId}`,
    ];
    for (const sql of writes) db.exec(sql);
    const byTriggers = indexRows(ds);
    expect(byTriggers.length).toBeGreaterThan(0);
    await rebuildSearchIndex(ds);
    expect(byTriggers).toEqual(indexRows(ds));
    expect((db.prepare('SELECT count(*) AS n FROM search_index WHERE rowid >> 32 = ?').get(caseId) as { n: number }).n).toBe(0);
  });

  it('exist for every source of the registry after the migrations', async () => {
    const ds = await fresh('plain');
    expect(outOfStepSearchTriggers(rawDb(ds))).toEqual([]);
  });
});

describe('command line', () => {
  it('generates demo data and rebuilds the index, with help and clear errors', () => {
    const data = fs.mkdtempSync(path.join(dir, 'cli-'));
    const gen = runCli(data, ['demo', 'generate', '--cases', '7', '--seed', '3']);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    expect(gen.stdout).toMatch(/^Generated 7 cases \(\d+ events/);
    const again = runCli(data, ['demo', 'generate', '--cases', '2']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds 7 cases');
    expect(runCli(data, ['demo', 'generate', '--cases', '2', '--seed', '4', '--append']).stdout).toMatch(/^Generated 2 cases/);
    const rebuild = runCli(data, ['search', 'rebuild']);
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toMatch(/^Search index rebuilt: \d+ records indexed, \d+ triggers/);
    const check = runCli(data, ['search', 'check']);
    expect([check.status, check.stdout]).toEqual([0, expect.stringMatching(/^Search index in step with the records/)]);
    // A row deleted behind the triggers' back (and a protected person's link dropped): the check says so and fails.
    const file = new Database(path.join(data, 'casebook.sqlite'));
    registerSearchKeysFunction(file); // the triggers call it, as on every connection of the app
    file.exec(`DELETE FROM search_index WHERE rowid = (SELECT max(rowid) FROM search_index)`);
    file.exec(`UPDATE person SET protected_identity = 1 WHERE id = (SELECT person_id FROM case_participant ORDER BY id LIMIT 1)`);
    file.exec(`DELETE FROM protected_person_case`);
    file.close();
    const drifted = runCli(data, ['search', 'check']);
    expect(drifted.status).toBe(1);
    expect(drifted.stderr).toMatch(/Search index out of step: 1 records without their current row, 0 stale rows, [1-9]\d* protected people's links differing/);
    expect(runCli(data, ['search', 'rebuild']).status).toBe(0);
    expect(runCli(data, ['search', 'check']).status).toBe(0);
    for (const args of [['search', '--help'], ['search', 'rebuild', '--help'], ['search', 'check', '--help'], ['demo', '--help'], ['demo', 'generate', '--help']]) {
      const res = runCli(data, args);
      expect([args, res.status]).toEqual([args, 0]);
      expect(res.stdout).toContain('Usage: casebook');
    }
    expect(runCli(data, ['demo', 'generate']).status).toBe(2);
    const bad = runCli(data, ['demo', 'generate', '--cases', 'many']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--cases must be a whole number');
    expect(runCli(data, ['demo', 'generate', '--cases', '0']).status).toBe(1);
    expect(runCli(data, ['demo', 'generate', '--cases', '3', '--seed', '-1']).status).toBe(1);
  });
});

describe('the plan for common words', () => {
  it('ranks the newest candidates (and stand-alone records) when a word matches too many rows, permission-aware', async () => {
    const ds = await fresh('plan');
    await generateDemo(ds, { cases: 40, seed: 9 });
    const db = rawDb(ds);
    db.prepare('UPDATE case_record SET restricted = 1 WHERE id = (SELECT max(id) FROM case_record)').run();
    const restricted = (db.prepare('SELECT max(id) AS id FROM case_record').get() as { id: number }).id;
    const viewer = { id: 999, email: 'v@example.org', name: 'V', role: 'viewer' as const };
    const admin = { ...viewer, role: 'admin' as const };
    const request = { terms: parseSearchQuery({ q: 'officers' }).terms, filter: {}, page: 1 };
    const limits = { rankAll: 10, candidates: 15, standalone: 5 };
    const small = textSearch(ds, viewer, request, limits);
    expect(small.plan).toBe('newest');
    expect(small.totalExact).toBe(false);
    expect(small.total).toBe(15);
    expect(small.hits).toHaveLength(15); // "officers" is only in case records: the 15 candidates
    expect(small.hits.every((h) => h.caseId !== restricted)).toBe(true);
    // Candidates are the newest visible case matches: nothing older than the 15th newest.
    const newestVisible = db
      .prepare(`SELECT rowid >> 32 AS caseId FROM search_index WHERE search_index MATCH 'officers' AND rowid >= 4294967296 AND rowid >> 32 <> ? ORDER BY rowid DESC LIMIT 15`)
      .all(restricted) as { caseId: number }[];
    const oldest = Math.min(...newestVisible.map((r) => r.caseId));
    expect(small.hits.filter((h) => h.caseId !== null).every((h) => h.caseId! >= oldest)).toBe(true);
    expect(textSearch(ds, admin, request, limits).hits.some((h) => h.caseId === restricted)).toBe(true);
    // Institutions named by a common word are ranked alongside the newest case records.
    const police = textSearch(ds, viewer, { ...request, terms: parseSearchQuery({ q: 'police' }).terms }, limits);
    expect(police.plan).toBe('newest');
    expect(police.hits.some((h) => h.kind === 'institution')).toBe(true);
    // Without the limits, the same word is ranked in full and counted exactly.
    const full = textSearch(ds, viewer, request);
    expect(full.plan).toBe('ranked');
    expect(full.totalExact).toBe(true);
    expect(full.total).toBeGreaterThan(15);
  });
});
