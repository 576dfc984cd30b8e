import { DataSource } from 'typeorm';
import { PgTrigger, pgTrigger } from './pg-triggers';
import { redactionPgTriggers, PROTECTED_NAMES_STATE } from '../people/protected-names-state';
import { protectedLinkPgTriggers } from '../search/protected-links';
import { log } from '../logger';

/** The audit trail is append-only (SQLite: RAISE(ABORT) triggers made by the Foundation migration). */
const auditTriggers = (): PgTrigger[] =>
  ['audit_entry', 'audit_checkpoint'].flatMap((table) =>
    ['UPDATE', 'DELETE'].map((op) => pgTrigger(`${table}_no_${op.toLowerCase()}`, `BEFORE ${op}`, table, `RAISE EXCEPTION 'audit trail is append-only';`)),
  );

/** Every trigger Casebook keeps on PostgreSQL, from the same registries as SQLite's. */
export function postgresTriggers(): PgTrigger[] {
  return [...auditTriggers(), ...redactionPgTriggers(), ...protectedLinkPgTriggers()];
}

const PREFIXES = /^(audit_|redaction_|search_ppc_)/;

/**
 * Run on every open, after the migrations: a trigger missing, on another table, or whose function
 * differs from the registry (or one under our prefixes the registry does not know) is made again,
 * all in one transaction, and the redaction counters all move, since writes may have gone
 * uncounted while it was missing (as ensureRedactionTriggers does on SQLite).
 */
export async function ensurePostgresTriggers(ds: DataSource): Promise<string[]> {
  const present = new Map<string, { table: string; body: string }>(
    (
      (await ds.query(
        `SELECT t.tgname AS name, c.relname AS "table", p.prosrc AS body
           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`,
      )) as { name: string; table: string; body: string }[]
    ).map((r) => [r.name, r]),
  );
  const wanted = postgresTriggers();
  const known = new Set(wanted.map((t) => t.name));
  const wrong = wanted.filter((t) => present.get(t.name)?.table !== t.table || present.get(t.name)?.body !== t.body);
  const unknown = [...present.entries()].filter(([name]) => PREFIXES.test(name) && !known.has(name));
  if (wrong.length === 0 && unknown.length === 0) return [];
  await ds.transaction(async (em) => {
    for (const [name, { table }] of unknown) {
      await em.query(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
      await em.query(`DROP FUNCTION IF EXISTS "${name}"()`);
    }
    for (const t of wrong) {
      const was = present.get(t.name);
      if (was) await em.query(`DROP TRIGGER IF EXISTS "${t.name}" ON "${was.table}"`);
      for (const sql of t.sql) await em.query(sql);
    }
    await em.query(`UPDATE "${PROTECTED_NAMES_STATE}" SET names_version = names_version + 1, clearance_version = clearance_version + 1, links_version = links_version + 1 WHERE id = 1`);
  });
  const names = [...wrong.map((t) => t.name), ...unknown.map(([n]) => n)];
  // A new database gets every trigger here: only a database that had them is worth an error.
  if (present.size > 0) log.error('Triggers missing or altered: put back', { triggers: names.length, first: names.slice(0, 5) });
  return names;
}
