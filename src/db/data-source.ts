import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { postgresMigrations } from './migrations-postgres';
import { DB_ENGINE } from './columns';
import { DatabaseStartError, checkPostgres } from './postgres';
import { ensurePostgresTriggers } from './postgres-triggers';
import { withPositionalPlaceholders } from './sql';
import { SnakeNamingStrategy } from './naming';
import { ensureSearchIndex } from '../search/search-index';
import { ensureRedactionTriggers } from '../people/protected-names-state';
import { KeepMentionsSubscriber } from '../people/keep-mentions.subscriber';
import { registerRedactionFunction } from '../people/redaction';
import { ensureMatchKeys } from '../people/match-keys';
import { registerSearchKeysFunction } from '../search/search-keys';

export interface DataSourceOptions {
  /** The SQLite file, the default engine. */
  databasePath: string;
  /** A postgres:// address (config.databaseUrl): PostgreSQL instead of the SQLite file. */
  databaseUrl?: string | null;
  logging?: boolean;
}

export const MIGRATIONS_TABLE = 'schema_migrations';

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return opts.databaseUrl ? createPostgresDataSource(opts.databaseUrl, opts.logging) : createSqliteDataSource(opts);
}

/**
 * PostgreSQL: the same entities, naming and subscribers, its own migrations (migrations/postgres/).
 * Column types that differ between engines were resolved from DATABASE_URL when the entities
 * loaded (columns.ts): a process started without it cannot open PostgreSQL.
 */
function createPostgresDataSource(url: string, logging?: boolean): DataSource {
  if (DB_ENGINE !== 'postgres') {
    throw new DatabaseStartError('Database error: the entities were loaded for SQLite (DATABASE_URL was not set when the process started); set DATABASE_URL before starting');
  }
  return withPositionalPlaceholders(new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: postgresMigrations,
    subscribers: [KeepMentionsSubscriber],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: logging ? ['error', 'warn', 'migration'] : ['error'],
    applicationName: 'casebook',
    connectTimeoutMS: 5000,
    extra: { max: 10 },
  }));
}

/** The embedded SQLite database: WAL, foreign keys enforced, a busy timeout for concurrent processes (CLI + server). */
function createSqliteDataSource(opts: DataSourceOptions): DataSource {
  if (DB_ENGINE !== 'sqlite') {
    throw new DatabaseStartError('Database error: the entities were loaded for PostgreSQL (DATABASE_URL is set in the environment) but a SQLite file was asked for');
  }
  return withNumbersBound(new DataSource({
    type: 'better-sqlite3',
    database: opts.databasePath,
    entities,
    migrations,
    subscribers: [KeepMentionsSubscriber],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: opts.logging ? ['error', 'warn', 'migration'] : ['error'],
    timeout: 5000,
    // A case page asks ~60 differently shaped queries (IN lists of each length are a shape of
    // their own); TypeORM's default of 100 prepared statements was re-preparing most of them on
    // every page (a fifth of the page's time at 100,000 cases).
    statementCacheSize: 2000,
    prepareDatabase: (db: { pragma: (s: string) => unknown } & Parameters<typeof registerSearchKeysFunction>[0]) => {
      // The search triggers call it: every connection that writes needs it (search-keys.ts).
      registerSearchKeysFunction(db);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  }));
}

/** Above this many parameters a query keeps its numbers written out (SQLite binds at most 32,766). */
const BOUND_NUMBERS_MAX = 500;

type EscapeQuery = (sql: string, parameters: Record<string, unknown>, nativeParameters: Record<string, unknown>) => [string, unknown[]];

/**
 * TypeORM's SQLite driver writes a number parameter into the SQL text (`case_id = 4711`,
 * `id IN (72, 77)`), so every case page asked ~50 queries SQLite had never seen and compiled each
 * one (a tenth of the page's time), and the statement cache filled with texts never asked again.
 * Here a whole-number parameter is bound instead, as a BigInt: better-sqlite3 binds a BigInt as an
 * INTEGER, exactly the value the literal was (a plain JS number would be bound as a REAL). Other
 * values go through TypeORM's own code unchanged; so does a query with very many parameters.
 */
function withNumbersBound(ds: DataSource): DataSource {
  const driver = ds.driver as unknown as { escapeQueryWithParameters: EscapeQuery };
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, nativeParameters) => {
    if (!parameters) return escape(sql, parameters, nativeParameters);
    const names = Object.keys(parameters);
    if (names.length > BOUND_NUMBERS_MAX) return escape(sql, parameters, nativeParameters);
    const bound: Record<string, unknown> = {};
    for (const name of names) {
      const value = parameters[name];
      bound[name] = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
    }
    return escape(sql, bound, nativeParameters);
  };
  return ds;
}

/** Opens the database and applies pending migrations; returns the ready DataSource. */
export async function openDatabase(opts: DataSourceOptions): Promise<DataSource> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.logging);
  const ds = createDataSource(opts);
  await ds.initialize();
  registerRedactionFunction(ds);
  await ds.runMigrations({ transaction: 'each' });
  // Stored names derived under older spelling rules are re-keyed, and the index rebuilt (match-keys.ts).
  await ensureMatchKeys(ds);
  // Search decides who sees a hit from the index's rowids, kept by triggers: never serve (or
  // write) with a trigger missing or altered (search-index.ts).
  await ensureSearchIndex(ds);
  // Redaction notices changes of protected names and clearances through triggers (protected-names-state.ts).
  ensureRedactionTriggers(ds);
  return ds;
}

/**
 * PostgreSQL: checked first (reachable, version, empty or Casebook's: one line each), then
 * migrated. Its triggers are made by its migrations (in PL/pgSQL, from the same registries as
 * SQLite's); what SQLite computes in JS functions is listed in docs/postgres.md.
 */
async function openPostgres(url: string, logging?: boolean): Promise<DataSource> {
  await checkPostgres(url, MIGRATIONS_TABLE, postgresMigrations.map((m) => m.name));
  const ds = createPostgresDataSource(url, logging);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ensurePostgresTriggers(ds);
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw err;
  }
  return ds;
}
