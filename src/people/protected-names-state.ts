import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { log } from '../logger';
import { rawDb } from '../search/sqlite';
import { Engine, PgTrigger, pgTrigger } from '../db/pg-triggers';

/**
 * Two counters, kept by triggers in the same transaction as every write, tell each process when
 * to rebuild what redaction.ts keeps in memory:
 * - `names_version`: the protected people or their names changed (the matcher is rebuilt);
 * - `clearance_version`: who is cleared for whom may have changed (case members, participants,
 *   a person made protected or no longer); the per-user sets are read again;
 * - `links_version`: which protected people each case is linked to changed (the trigger-kept
 *   table protected_person_case, search/protected-links.ts); the map of linked people is read again.
 * A missed change would show a name to someone no longer cleared, so the triggers are checked
 * on every open (a migration that rebuilds `person` or `case_member` drops them with the table)
 * and put back, counting a change, when missing or altered.
 */
export const PROTECTED_NAMES_STATE = 'protected_names_state';

export const CREATE_STATE_TABLE_SQL = [
  `CREATE TABLE "${PROTECTED_NAMES_STATE}" ("id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1), "names_version" integer NOT NULL DEFAULT (0), "clearance_version" integer NOT NULL DEFAULT (0), "links_version" integer NOT NULL DEFAULT (0))`,
  `INSERT INTO "${PROTECTED_NAMES_STATE}" ("id", "names_version", "clearance_version", "links_version") VALUES (1, 0, 0, 0)`,
];

type Counted = 'names' | 'clearance' | 'both' | 'links' | 'all';
const bump = (what: Counted) =>
  `UPDATE "${PROTECTED_NAMES_STATE}" SET ${[
    ...(['names', 'both', 'all'].includes(what) ? ['"names_version" = "names_version" + 1'] : []),
    ...(['clearance', 'both', 'all'].includes(what) ? ['"clearance_version" = "clearance_version" + 1'] : []),
    ...(['links', 'all'].includes(what) ? ['"links_version" = "links_version" + 1'] : []),
  ].join(', ')} WHERE "id" = 1;`;

/** SQLite stores booleans as 0/1; PostgreSQL compares with true. */
const TRUE = '\u0000TRUE\u0000';
const isProtected = (id: string) => `EXISTS (SELECT 1 FROM "person" WHERE "id" = ${id} AND "protected_identity" = ${TRUE})`;
const written = (sql: string, engine: Engine) => sql.split(TRUE).join(engine === 'postgres' ? 'true' : '1');

/** name -> [event, condition or null, what it counts] */
const TRIGGERS: Record<string, [string, string, string | null, Counted]> = {
  redaction_person_insert: ['AFTER INSERT', 'person', `NEW."protected_identity" = ${TRUE}`, 'both'],
  redaction_person_protected: ['AFTER UPDATE OF "protected_identity", "primary_name"', 'person', `OLD."protected_identity" = ${TRUE} OR NEW."protected_identity" = ${TRUE}`, 'both'],
  redaction_person_creator: ['AFTER UPDATE OF "created_by_id", "id"', 'person', `OLD."protected_identity" = ${TRUE} OR NEW."protected_identity" = ${TRUE}`, 'both'],
  redaction_person_delete: ['AFTER DELETE', 'person', `OLD."protected_identity" = ${TRUE}`, 'both'],
  redaction_person_name_insert: ['AFTER INSERT', 'person_name', isProtected('NEW."person_id"'), 'names'],
  redaction_person_name_update: ['AFTER UPDATE', 'person_name', `${isProtected('NEW."person_id"')} OR ${isProtected('OLD."person_id"')}`, 'names'],
  redaction_person_name_delete: ['AFTER DELETE', 'person_name', isProtected('OLD."person_id"'), 'names'],
  redaction_case_member_insert: ['AFTER INSERT', 'case_member', null, 'clearance'],
  redaction_case_member_update: ['AFTER UPDATE', 'case_member', null, 'clearance'],
  redaction_case_member_delete: ['AFTER DELETE', 'case_member', null, 'clearance'],
  redaction_case_participant_insert: ['AFTER INSERT', 'case_participant', isProtected('NEW."person_id"'), 'clearance'],
  redaction_case_participant_update: ['AFTER UPDATE OF "case_id", "person_id"', 'case_participant', null, 'clearance'],
  redaction_case_participant_delete: ['AFTER DELETE', 'case_participant', null, 'clearance'],
  redaction_protected_link_insert: ['AFTER INSERT', 'protected_person_case', null, 'links'],
  redaction_protected_link_delete: ['AFTER DELETE', 'protected_person_case', null, 'links'],
};

/** The CREATE TRIGGER statements, from the table above. */
export function redactionTriggerSql(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, [event, table, when, what]] of Object.entries(TRIGGERS)) {
    out[name] = `CREATE TRIGGER "${name}" ${event} ON "${table}" FOR EACH ROW${when ? ` WHEN ${written(when, 'sqlite')}` : ''} BEGIN ${bump(what)} END`;
  }
  return out;
}

/**
 * The same triggers on PostgreSQL. A condition that reads another table cannot be a WHEN there
 * (only the row's own columns may), so it moves into the function as an IF.
 */
export function redactionPgTriggers(): PgTrigger[] {
  return Object.entries(TRIGGERS).map(([name, [event, table, when, what]]) => {
    const condition = when ? written(when, 'postgres') : null;
    const readsTables = condition !== null && /SELECT/.test(condition);
    const body = readsTables ? `IF ${condition} THEN ${bump(what)} END IF;` : bump(what);
    return pgTrigger(name, event, table, body, readsTables ? null : condition);
  });
}

/** Triggers missing or differing from the table above (and unknown ones under the prefix). */
export function outOfStepRedactionTriggers(db: Database): string[] {
  const wanted = redactionTriggerSql();
  const present = new Map(
    (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'redaction\\_%' ESCAPE '\\'`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
  );
  const names = new Set([...Object.keys(wanted), ...present.keys()]);
  return [...names].filter((n) => wanted[n] !== present.get(n));
}

/**
 * Run on every open, after the migrations: puts back missing or altered triggers and counts a
 * change of both kinds, since writes may have gone uncounted while they were missing.
 */
export function ensureRedactionTriggers(ds: DataSource): string[] {
  const db = rawDb(ds);
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(PROTECTED_NAMES_STATE);
  if (!hasTable) return [];
  const wrong = outOfStepRedactionTriggers(db);
  if (wrong.length === 0) return [];
  const wanted = redactionTriggerSql();
  db.transaction(() => {
    for (const name of wrong) {
      db.prepare(`DROP TRIGGER IF EXISTS "${name}"`).run();
      if (wanted[name]) db.prepare(wanted[name]).run();
    }
    db.prepare(`INSERT OR IGNORE INTO "${PROTECTED_NAMES_STATE}" ("id") VALUES (1)`).run();
    db.prepare(bump('all')).run();
  })();
  log.error('Redaction triggers missing or altered: put back', { triggers: wrong.length, first: wrong.slice(0, 5) });
  return wrong;
}
