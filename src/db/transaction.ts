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

/**
 * Work inside the caller's transaction when given one (a spreadsheet import writes many records
 * in one), else in a new one: so an import writes through the same service code as a form.
 */
export function inTransaction<T>(db: DataSource | EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return db instanceof DataSource ? withTransaction(db, work) : work(db);
}
