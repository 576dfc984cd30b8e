import { DataSource, EntityManager } from 'typeorm';
import { runLongWrite, waitForLongWrite } from './long-write';

/**
 * SQLite has one connection in TypeORM's better-sqlite3 driver, so two overlapping
 * `dataSource.transaction()` calls would nest on it. Every write goes through here:
 * transactions are queued one after another per DataSource.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export async function withTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  // While an import's commit writes on its own connection, a write here waits (or is refused 503): long-write.ts.
  await waitForLongWrite(ds);
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => ds.transaction(work));
  queues.set(ds, run.catch(() => undefined));
  return run;
}

/**
 * Work inside the caller's transaction when given one (a spreadsheet import writes many records
 * in one), else in a new one: so an import writes through the same service code as a form.
 */
export function inTransaction<T>(db: DataSource | EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return db instanceof DataSource ? withTransaction(db, work) : work(db);
}

/**
 * A transaction too long to hold the server for (an import's commit): on a connection of its
 * own, pausing for other requests between chunks, started after the writes already queued here.
 */
export function withLongTransaction<T>(ds: DataSource, work: (em: EntityManager, pause: () => Promise<void>) => Promise<T>): Promise<T> {
  const run = runLongWrite(ds, queues.get(ds) ?? Promise.resolve(), work);
  // Writes that join the queue after it (they came between the wait and the queue) start after it ends.
  queues.set(ds, run.catch(() => undefined));
  return run;
}
