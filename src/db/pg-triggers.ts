/**
 * PostgreSQL's shape of the row triggers Casebook keeps (SQLite's `CREATE TRIGGER … BEGIN … END`):
 * a PL/pgSQL function per trigger, named as the trigger, and the trigger that calls it. The
 * bodies come from the same registries as SQLite's (protected-links.ts, protected-names-state.ts),
 * written for this engine (booleans are true/false, INSERT … ON CONFLICT DO NOTHING).
 */
export type Engine = 'sqlite' | 'postgres';

/** A boolean column compared with true, in the engine's SQL (SQLite stores 0/1). */
export const isTrue = (column: string, engine: Engine) => `${column} = ${engine === 'postgres' ? 'true' : '1'}`;

/** INSERT that skips rows already present: SQLite's OR IGNORE, PostgreSQL's ON CONFLICT DO NOTHING. */
export const insertIgnoring = (engine: Engine, into: string, select: string) =>
  engine === 'postgres' ? `INSERT INTO ${into} ${select} ON CONFLICT DO NOTHING` : `INSERT OR IGNORE INTO ${into} ${select}`;

export interface PgTrigger {
  name: string;
  table: string;
  /** The function and the trigger, in the order they are made. */
  sql: [string, string];
  /** The function's body as pg_proc.prosrc keeps it, to tell an altered one. */
  body: string;
}

/** `event` is SQLite's (AFTER INSERT, AFTER UPDATE OF "a", "b", BEFORE DELETE); statements end with `;`. */
export function pgTrigger(name: string, event: string, table: string, statements: string, when: string | null = null): PgTrigger {
  const body = ` BEGIN ${statements} RETURN NULL; END `;
  return {
    name,
    table,
    body,
    sql: [
      `CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $casebook$${body}$casebook$`,
      `CREATE TRIGGER "${name}" ${event} ON "${table}" FOR EACH ROW${when ? ` WHEN (${when})` : ''} EXECUTE FUNCTION "${name}"()`,
    ],
  };
}
