import crypto from 'node:crypto';
import { Client } from 'pg';

/** The oldest PostgreSQL major version Casebook runs on. */
export const POSTGRES_MIN_MAJOR = 15;

/** Start-up stops with this: one line saying what is wrong with the database (never the password). */
export class DatabaseStartError extends Error {}

/** host:port/database of an address, for messages. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1))}`;
}

const CONNECT_TIMEOUT_MS = 5000;

/** Turns the driver's connection error into the one line start-up prints. */
function connectionProblem(err: unknown, where: string): DatabaseStartError {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseStartError(`Database error: cannot reach PostgreSQL at ${where} (${e.code})`);
    case '28P01':
    case '28000':
      return new DatabaseStartError(`Database error: PostgreSQL at ${where} refused the user name or password in DATABASE_URL`);
    case '3D000':
      return new DatabaseStartError(`Database error: PostgreSQL at ${where} has no such database; create it first (createdb)`);
    default:
      if (/timeout/i.test(e.message ?? '')) return new DatabaseStartError(`Database error: cannot reach PostgreSQL at ${where} (no answer in ${CONNECT_TIMEOUT_MS / 1000} s)`);
      return new DatabaseStartError(`Database error: cannot connect to PostgreSQL at ${where}: ${(e.message ?? String(err)).split('\n')[0]}`);
  }
}

/**
 * Before TypeORM opens its pool: the server answers, is recent enough, and the database is
 * either empty or Casebook's (its schema_migrations holds only migrations this version knows).
 * Each failure is one DatabaseStartError line.
 */
export async function checkPostgres(url: string, migrationsTable: string, knownMigrations: readonly string[]): Promise<void> {
  const where = describeUrl(url);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'casebook' });
  // An error after connecting (the server going away) must not crash the process while checking.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw connectionProblem(err, where);
  }
  try {
    const version = Number((await client.query<{ v: string }>('SHOW server_version_num')).rows[0].v);
    if (Math.floor(version / 10000) < POSTGRES_MIN_MAJOR) {
      const shown = (await client.query<{ v: string }>('SHOW server_version')).rows[0].v;
      throw new DatabaseStartError(`Database error: PostgreSQL at ${where} is version ${shown}; Casebook needs ${POSTGRES_MIN_MAJOR} or later`);
    }
    const tables = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      )
    ).rows.map((r) => r.name);
    if (tables.length === 0) return;
    if (!tables.includes(migrationsTable)) {
      throw new DatabaseStartError(`Database error: ${where} is not empty and not a Casebook database (${tables.length} tables, no ${migrationsTable}); give Casebook an empty database of its own`);
    }
    const applied = (await client.query<{ name: string }>(`SELECT name FROM "${migrationsTable}" ORDER BY id`)).rows.map((r) => r.name);
    const known = new Set(knownMigrations);
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length) {
      throw new DatabaseStartError(`Database error: ${where} holds migrations this version of Casebook does not know (${unknown[0]}${unknown.length > 1 ? ` and ${unknown.length - 1} more` : ''}): it was made by a newer Casebook or another application`);
    }
  } catch (err) {
    if (err instanceof DatabaseStartError) throw err;
    throw new DatabaseStartError(`Database error: checking PostgreSQL at ${where} failed: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one statement on the server `serverUrl` names, on a connection of its own (CREATE/DROP DATABASE cannot run in a pool's transaction). */
async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database, named `prefix` + random hex, on the server `serverUrl` names:
 * its address, and drop() which removes it (ending connections still open to it).
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`database name prefix must be lower-case letters, digits and _ (was ${prefix})`);
  const name = `${prefix}${crypto.randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
