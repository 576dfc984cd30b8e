import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { withTransaction } from '../db/transaction';
import { CREATE_INDEX_SQL, allTriggerSql, populateSql, triggerNames } from './search-schema';
import { rawDb } from './sqlite';
import { log } from '../logger';
import { POPULATE_PROTECTED_LINKS_SQL, PROTECTED_LINKS_TABLE, protectedLinkTriggerSql } from './protected-links';

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
  return searchTriggerSql()
    .filter((sql) => present.get(triggerNames([sql])[0]) !== sql)
    .map((sql) => triggerNames([sql])[0]);
}

/**
 * Run before serving: who may see a search hit is decided from the index's rowids, which the
 * triggers keep in step with the cases (the restricted flag, evidence confidentiality,
 * protected identities). If any trigger is missing or altered, writes may have gone unindexed,
 * so the index is rebuilt from the tables, with its triggers, before anyone searches.
 */
export async function ensureSearchIndex(ds: DataSource): Promise<{ rebuilt: boolean; triggers: string[]; ms?: number }> {
  const triggers = outOfStepSearchTriggers(rawDb(ds));
  if (triggers.length === 0) return { rebuilt: false, triggers };
  log.error('Search triggers missing or altered: rebuilding the search index before serving', { triggers: triggers.length, first: triggers.slice(0, 5) });
  const { ms } = await rebuildSearchIndex(ds);
  log.info('Search index rebuilt', { ms });
  return { rebuilt: true, triggers, ms };
}
