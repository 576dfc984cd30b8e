import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import type { SqlCondition } from './case-filter';

/**
 * Search runs its queries on the DataSource's own better-sqlite3 connection, as prepared
 * statements kept per SQL text: the FTS5 queries are short and frequent, and TypeORM's query
 * path would add more than the query itself costs for a rare term. Only reads go through here
 * (and the bulk loaders of the index and of demo data, which run outside the web app).
 */
export function rawDb(ds: DataSource): Database {
  if (ds.options.type !== 'better-sqlite3') throw new NotOnPostgresError();
  return (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
}

/**
 * What still runs on SQLite's own connection only (search, redaction's state, exports, reports,
 * merges, backups: docs/postgres.md) refuses on PostgreSQL with this, never answers empty.
 */
export class NotOnPostgresError extends Error {
  constructor() {
    super('This part of Casebook does not run on PostgreSQL yet (issue 16; see docs/postgres.md)');
  }
}

const STATEMENTS_KEPT = 300;
const caches = new WeakMap<Database, Map<string, Statement>>();

export function prepared(db: Database, sql: string): Statement {
  return cached(db, sql, false);
}

/**
 * The same, returning each row as an array of its columns in order (better-sqlite3's raw mode):
 * for the hot paths of a results page, where building an object per row with named keys cost
 * more than reading the rows (30 rows of 6 columns: 0.084 ms as objects, 0.058 ms as arrays).
 */
export function preparedRaw(db: Database, sql: string): Statement {
  return cached(db, sql, true);
}

function cached(db: Database, sql: string, raw: boolean): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = raw ? `raw\u0000${sql}` : sql; // a statement's mode is its own: kept apart
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (raw) stmt.raw(true);
    if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value as string);
    cache.set(key, stmt);
  }
  return stmt;
}

export type { SqlCondition };

/** Turns a condition with TypeORM-style `:name` parameters into one with positional `?`. */
export function positional(cond: { sql: string; params: Record<string, unknown> }): SqlCondition {
  const params: unknown[] = [];
  const where = cond.sql.replace(/:(\w+)/g, (_m, name: string) => {
    if (!(name in cond.params)) throw new Error(`missing SQL parameter ${name}`);
    params.push(sqlValue(cond.params[name]));
    return '?';
  });
  return { where, params };
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans are stored as 0/1. */
export const sqlValue = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** Every condition joined with AND. */
export function allOf(conds: SqlCondition[]): SqlCondition {
  const kept = conds.filter((c) => c.where && c.where !== '1 = 1');
  return kept.length ? { where: kept.map((c) => `(${c.where})`).join(' AND '), params: kept.flatMap((c) => c.params) } : { where: '1 = 1', params: [] };
}

/** Any of the conditions (OR), in order: SQLite stops at the first that holds. */
export function anyOf(conds: SqlCondition[]): SqlCondition {
  return conds.length === 1 ? conds[0] : { where: conds.map((c) => `(${c.where})`).join(' OR '), params: conds.flatMap((c) => c.params) };
}
