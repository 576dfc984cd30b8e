import { DataSource, EntityManager } from 'typeorm';
import { createDataSource } from './data-source';
import { registerRedactionFunction } from '../people/redaction';
import { rawDb } from '../search/sqlite';
import { AppError } from '../http/errors';
import { t } from '../i18n/i18n';

/**
 * A long write (an import's commit of 100,000 rows) as ONE transaction that does not hold the
 * server for its whole length.
 *
 * better-sqlite3 is synchronous and TypeORM gives the app one connection: a transaction on it
 * that paused for the event loop would take every other request's queries into itself (their
 * writes would roll back with it). So the long write gets a connection of its own, opened here
 * and closed after; its work pauses (`pause()`) between chunks, and meanwhile the app's
 * connection serves reads from the last committed state (WAL: readers never wait for the writer).
 *
 * Writers must not meet the writer's lock on the app's connection: better-sqlite3 would wait for
 * it synchronously (busy_timeout), stalling every request. So while a long write runs:
 * - withTransaction (every write of the app) waits for it, asynchronously, up to WAIT_MS, and
 *   then refuses with 503 "an import is being written" (errors.longWrite);
 * - the app's connection has no busy timeout, so a stray write outside withTransaction fails at
 *   once (SQLITE_BUSY), answered as the same 503 by the error handler, instead of stalling;
 * - `isLongWriteRunning` lets optional writes (a session's last-seen time) be put off.
 */
const running = new WeakMap<DataSource, Promise<unknown>>();

/** How long a write waits for a running long write before it is refused. */
export const WAIT_MS = 3000;

export function isLongWriteRunning(ds: DataSource): boolean {
  return running.has(ds);
}

export const longWriteRefused = () => new AppError(503, 'long_write_running', t('errors.longWrite'));

/** Waits for a long write on `ds` to end, up to `WAIT_MS`; refuses (503) if it does not. */
export async function waitForLongWrite(ds: DataSource, waitMs = WAIT_MS): Promise<void> {
  const current = running.get(ds);
  if (!current) return;
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    current.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
  ]);
  clearTimeout(timer);
  if (!ended || running.has(ds)) throw longWriteRefused();
}

/** Yields to the event loop: other requests are served while the long write's transaction stays open. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `work` in one transaction on a connection of its own (see above): committed when `work`
 * resolves, rolled back entirely when it throws. `startAfter` is the app's write queue: the long
 * write begins once the writes already started have ended. A database in memory cannot be opened
 * twice: there the work runs on the app's connection without pausing.
 */
export async function runLongWrite<T>(ds: DataSource, startAfter: Promise<unknown>, work: (em: EntityManager, pause: () => Promise<void>) => Promise<T>): Promise<T> {
  const database = String((ds.options as { database?: unknown }).database ?? ':memory:');
  if (database === ':memory:' || database === '') return ds.transaction((em) => work(em, async () => undefined));
  if (running.has(ds)) throw longWriteRefused();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  running.set(ds, done);
  const app = rawDb(ds);
  let own: DataSource | null = null;
  try {
    await startAfter.catch(() => undefined);
    own = createDataSource({ databasePath: database });
    await own.initialize();
    registerRedactionFunction(own);
    app.pragma('busy_timeout = 0');
    const runner = own.createQueryRunner();
    try {
      await runner.startTransaction();
      try {
        // The write lock from the start (a write statement takes it even when it changes no row),
        // so no other process's writer gets half-way in before it.
        await runner.query('UPDATE audit_head SET seq = seq WHERE id = 1');
        const result = await work(runner.manager, pause);
        await runner.commitTransaction();
        return result;
      } catch (err) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await runner.release();
    }
  } finally {
    app.pragma('busy_timeout = 5000');
    if (own?.isInitialized) await own.destroy();
    running.delete(ds);
    release();
  }
}
