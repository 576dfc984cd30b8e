import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { withTransaction } from '../db/transaction';
import { CREATE_INDEX_SQL, allTriggerSql, currentRowsCheckSql, populateSql, triggerNames } from './search-schema';
import { rawDb } from './sqlite';
import { readInWorker, type WorkerRead } from '../db/read-worker';
import { log } from '../logger';
import { PERSON_CASE_LINK_VIEW, POPULATE_PROTECTED_LINKS_SQL, PROTECTED_LINKS_TABLE, protectedLinkTriggerSql } from './protected-links';
import { WORD_FORMS_VERSION } from './word-forms';

/**
 * The rules of word forms the index's normal forms were made under (word-forms.ts), in
 * `search_forms_state` (one row, made by the SearchWordForms migration). Rows made under other
 * rules would miss the forms of new queries: the index is then rebuilt when the database is opened.
 */
export const FORMS_STATE_TABLE = 'search_forms_state';

const hasFormsState = (db: Database) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(FORMS_STATE_TABLE) !== undefined;

/** The version of the word-form rules the index was built under, or null when the database keeps none (before SearchWordForms). */
export function indexedFormsVersion(db: Database): number | null {
  if (!hasFormsState(db)) return null;
  return (db.prepare(`SELECT version FROM ${FORMS_STATE_TABLE} WHERE id = 1`).pluck().get() as number | undefined) ?? 0;
}

function recordFormsVersion(db: Database): void {
  if (hasFormsState(db)) db.prepare(`INSERT INTO ${FORMS_STATE_TABLE} (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version`).run(WORD_FORMS_VERSION);
}

/** The triggers of the index and of the protected people's links, from their registries. */
const searchTriggerSql = () => [...allTriggerSql(), ...protectedLinkTriggerSql()];

const SEARCH_TRIGGERS = `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'`;

/** Drops every search trigger (bulk loads re-index once at the end instead of once per row). */
export function dropSearchTriggers(db: Database): number {
  const names = (db.prepare(SEARCH_TRIGGERS).all() as { name: string }[]).map((r) => r.name);
  for (const name of names) db.exec(`DROP TRIGGER IF EXISTS "${name.replace(/"/g, '""')}"`);
  return names.length;
}

export interface RebuildResult {
  rows: number;
  triggers: number;
  ms: number;
}

/**
 * `casebook search rebuild`: drops and recreates the index and its triggers from the registry,
 * then indexes every record and refills the protected people's links (protected-links.ts), in one transaction (other processes keep seeing the old index
 * until it commits). Also the repair for an index that missed writes: after a migration that
 * rebuilt an indexed table (which drops that table's triggers), or after relabelling vocabulary.
 */
export async function rebuildSearchIndex(ds: DataSource): Promise<RebuildResult> {
  const started = Date.now();
  const db = rawDb(ds);
  return withTransaction(ds, async () => {
    dropSearchTriggers(db);
    db.exec('DROP TABLE IF EXISTS search_index');
    db.exec(CREATE_INDEX_SQL);
    for (const sql of populateSql()) db.exec(sql);
    db.exec(`DELETE FROM ${PROTECTED_LINKS_TABLE}`);
    db.exec(POPULATE_PROTECTED_LINKS_SQL);
    const triggers = searchTriggerSql();
    for (const sql of triggers) db.exec(sql);
    db.exec(`INSERT INTO search_index(search_index) VALUES ('optimize')`);
    recordFormsVersion(db);
    const { n } = db.prepare('SELECT count(*) AS n FROM search_index').get() as { n: number };
    return { rows: n, triggers: triggers.length, ms: Date.now() - started };
  });
}

/**
 * Registry triggers missing from the database or defined otherwise than the registry says (a
 * migration that rebuilt a table drops its triggers; an interrupted bulk load leaves them
 * dropped; a hand-made change alters one). Compared as SQL text: SQLite keeps a trigger's
 * statement as it was created.
 */
export function outOfStepSearchTriggers(db: Database): string[] {
  const present = new Map((db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]));
  const wanted = searchTriggerSql();
  const known = new Set(triggerNames(wanted));
  return [
    ...wanted.filter((sql) => present.get(triggerNames([sql])[0]) !== sql).map((sql) => triggerNames([sql])[0]),
    ...[...present.keys()].filter((name) => !known.has(name)), // a search_ trigger the registry does not know
  ];
}

export interface SearchIndexDrift {
  /** Records without their current row (never indexed, or their row not moved when they changed). */
  missingRows: number;
  /** Rows that are no record's current row (left behind by a delete or a move). */
  extraRows: number;
  /** Pairs of protected_person_case that differ from the links themselves (both directions). */
  protectedLinks: number;
  ms: number;
}

/**
 * Whether the index holds exactly the rows the registry gives the records as they are now, and
 * the table of protected people's cases exactly their links: what the triggers keep in step, checked
 * from the tables (about 6 s at 100,000 cases). Run when the server starts (in a worker thread,
 * `searchIndexDriftInWorker`) and by `casebook search check`. Read only.
 */
function driftReads(): WorkerRead[] {
  const truth = `SELECT DISTINCT l.case_id, l.person_id FROM person x CROSS JOIN ${PERSON_CASE_LINK_VIEW} l ON l.person_id = x.id WHERE x.protected_identity = 1`;
  const kept = `SELECT case_id, person_id FROM ${PROTECTED_LINKS_TABLE}`;
  return [
    ...currentRowsCheckSql().map((sql) => ({ sql })),
    { sql: 'SELECT count(*) FROM search_index_content', pluck: true },
    { sql: `SELECT count(*) FROM (${truth} EXCEPT ${kept})`, pluck: true },
    { sql: `SELECT count(*) FROM (${kept} EXCEPT ${truth})`, pluck: true },
  ];
}

function driftFrom(results: readonly unknown[], started: number): SearchIndexDrift {
  const perSource = results.slice(0, -3) as { expected: number; missing: number }[];
  const [rows, missingLinks, extraLinks] = results.slice(-3) as number[];
  const expected = perSource.reduce((n, r) => n + r.expected, 0);
  const missingRows = perSource.reduce((n, r) => n + r.missing, 0);
  return { missingRows, extraRows: rows - (expected - missingRows), protectedLinks: missingLinks + extraLinks, ms: Date.now() - started };
}

export function searchIndexDrift(db: Database): SearchIndexDrift {
  const started = Date.now();
  const results = db.transaction(() => driftReads().map((r) => (r.pluck ? db.prepare(r.sql).pluck().get() : db.prepare(r.sql).get())))();
  return driftFrom(results, started);
}

/** The same check on a connection of its own in a worker thread: the event loop serves meanwhile. */
export async function searchIndexDriftInWorker(databaseFile: string): Promise<SearchIndexDrift> {
  const started = Date.now();
  return driftFrom(await readInWorker(databaseFile, driftReads()), started);
}

export const hasDrift = (d: SearchIndexDrift) => d.missingRows + d.extraRows + d.protectedLinks > 0;

/**
 * The server's start: after the trigger check of openDatabase, the contents are checked as well
 * (triggers dropped and put back by hand, or a bulk load that wrote around them, leave the
 * triggers right and the rows stale); the index is rebuilt if they drifted. With the database's
 * file, the check reads in a worker thread while the server already answers (issue 18); hits are
 * shown only after the page check against the records themselves, so a stale row meanwhile hides
 * or shows nothing it should not (search-permissions tests).
 */
export async function ensureSearchIndexContents(ds: DataSource, opts: { databaseFile?: string } = {}): Promise<SearchIndexDrift & { rebuilt: boolean }> {
  const drift = opts.databaseFile ? await searchIndexDriftInWorker(opts.databaseFile) : searchIndexDrift(rawDb(ds));
  if (!hasDrift(drift)) return { ...drift, rebuilt: false };
  log.error('Search index out of step with the records: rebuilding it', { ...drift });
  const { ms } = await rebuildSearchIndex(ds);
  log.info('Search index rebuilt', { ms });
  return { ...drift, rebuilt: true };
}

/**
 * Run before serving: who may see a search hit is decided from the index's rowids, which the
 * triggers keep in step with the cases (the restricted flag, evidence confidentiality,
 * protected identities). If any trigger is missing or altered, writes may have gone unindexed,
 * so the index is rebuilt from the tables, with its triggers, before anyone searches. So it is
 * when the index's normal forms were made under other rules of word forms (WORD_FORMS_VERSION).
 */
export async function ensureSearchIndex(ds: DataSource): Promise<{ rebuilt: boolean; triggers: string[]; ms?: number }> {
  const db = rawDb(ds);
  const triggers = outOfStepSearchTriggers(db);
  const forms = indexedFormsVersion(db);
  const staleForms = forms !== null && forms !== WORD_FORMS_VERSION;
  if (triggers.length === 0 && !staleForms) return { rebuilt: false, triggers };
  if (triggers.length) log.error('Search triggers missing or altered: rebuilding the search index before serving', { triggers: triggers.length, first: triggers.slice(0, 5) });
  else log.info('Search index built under other rules of word forms: rebuilding it', { indexed: forms, current: WORD_FORMS_VERSION });
  const { ms } = await rebuildSearchIndex(ds);
  log.info('Search index rebuilt', { ms });
  return { rebuilt: true, triggers, ms };
}
