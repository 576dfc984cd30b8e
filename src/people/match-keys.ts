import { DataSource } from 'typeorm';
import { withTransaction } from '../db/transaction';
import { dropSearchTriggers, rebuildSearchIndex } from '../search/search-index';
import { rawDb } from '../search/sqlite';
import { log } from '../logger';
import { searchForms } from './name-search';

/**
 * The spelling rules of transliterate.ts, by number. Every stored name (person_name,
 * institution, institution_alias) keeps its Latin form and match key as the rules were when it
 * was written, and the search index copies them: when the rules change, this number goes up,
 * and the next start re-derives every stored form and rebuilds the index (ensureMatchKeys) so
 * that old names meet new queries. Kept in `name_key_state` (one row).
 * 1: the rules before issue 11; 2: per-romanisation reading (German, French, scholarly, ICAO signs).
 */
export const MATCH_KEY_VERSION = 2;

const NAME_TABLES = ['person_name', 'institution', 'institution_alias'] as const;

export interface RekeyResult {
  rekeyed: boolean;
  /** Rows whose stored forms changed. */
  changed: number;
  ms: number;
}

/** The version the stored forms were derived under (0 when never recorded). */
export function storedMatchKeyVersion(ds: DataSource): number {
  const row = rawDb(ds).prepare('SELECT version FROM name_key_state WHERE id = 1').get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/**
 * Run when the database is opened, after the migrations: re-derives every stored Latin form and
 * match key when they were written under other rules, in one transaction, then rebuilds the
 * search index from them (the index's rows hold the keys). Writes nothing when the version is current.
 */
export async function ensureMatchKeys(ds: DataSource): Promise<RekeyResult> {
  const started = Date.now();
  if (storedMatchKeyVersion(ds) === MATCH_KEY_VERSION) return { rekeyed: false, changed: 0, ms: 0 };
  const db = rawDb(ds);
  const changed = await withTransaction(ds, async () => {
    const updates: { table: string; id: number; nameLatin: string; matchKey: string }[] = [];
    for (const table of NAME_TABLES) {
      for (const row of db.prepare(`SELECT id, name, name_latin AS "nameLatin", match_key AS "matchKey" FROM "${table}"`).all() as { id: number; name: string; nameLatin: string; matchKey: string }[]) {
        const forms = searchForms(row.name);
        if (forms.nameLatin !== row.nameLatin || forms.matchKey !== row.matchKey) updates.push({ table, id: row.id, ...forms });
      }
    }
    // The index is rebuilt once at the end, not re-indexed once per name.
    if (updates.length) dropSearchTriggers(db);
    for (const u of updates) db.prepare(`UPDATE "${u.table}" SET name_latin = ?, match_key = ? WHERE id = ?`).run(u.nameLatin, u.matchKey, u.id);
    db.prepare(`INSERT INTO name_key_state (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version`).run(MATCH_KEY_VERSION);
    return updates.length;
  });
  // Also puts the triggers back (a crash before this leaves them missing: the next start rebuilds).
  if (changed) await rebuildSearchIndex(ds);
  const result = { rekeyed: true, changed, ms: Date.now() - started };
  if (changed > 0) log.info('Stored names re-keyed under the current spelling rules; search index rebuilt', { ...result });
  return result;
}
