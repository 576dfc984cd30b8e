import { DataSource, EntityManager } from 'typeorm';

/**
 * SQLite has one connection in TypeORM's better-sqlite3 driver, so two overlapping
 * `dataSource.transaction()` calls would nest on it. Every write goes through here:
 * transactions are queued one after another per DataSource.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export async function withTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => ds.transaction(work));
  queues.set(ds, run.catch(() => undefined));
  return run;
}
