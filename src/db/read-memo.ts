import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere, In, ObjectLiteral } from 'typeorm';

/**
 * Reads shared by the parts of one page. The case page's sections each need the case's events
 * (the events list, the timeline, the allegations' captions, the record index of citations), and
 * read them four times over; inside `withReadMemo` the first read is shared by the rest.
 *
 * Only reads through the DataSource itself are shared: a read inside a transaction may see the
 * transaction's own writes, so it always goes to the database. A memo lives for one call of
 * `withReadMemo` (one page), never across requests, so no write can make it stale for anyone.
 */
const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export function withReadMemo<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), fn);
}

/** `read()`, or the promise of the same read made earlier in this memo's scope. */
export function memoRead<T>(db: unknown, key: string, read: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo || !(db instanceof DataSource)) return read();
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    memo.set(key, found);
    // A failed read is not remembered: the next part asks again (and fails on its own).
    found.catch(() => memo.delete(key));
  }
  return found;
}

/** Whether reads through `db` may be shared: the DataSource or its own manager, never a transaction's. */
function sharable(db: unknown): boolean {
  return db instanceof DataSource || (db instanceof EntityManager && !db.queryRunner && db.connection instanceof DataSource);
}

/**
 * The rows of one entity that belong to a case (`caseId`), in id order, read once per page: the
 * case page's sections each ask for the case's allegations, statements, complaints, proceedings
 * and investigations (five reads of the allegations, four of the proceedings). Each caller gets
 * its own array (callers sort them); the entities are shared, and no reader changes them.
 */
export function caseRows<T extends ObjectLiteral>(db: DataSource | EntityManager, entity: EntityTarget<T>, caseId: number): Promise<T[]> {
  const em = db instanceof DataSource ? db.manager : db;
  const read = () => em.find(entity, { where: { caseId } as unknown as FindOptionsWhere<T>, order: { id: 'ASC' } as unknown as FindOptionsOrder<T> });
  if (!sharable(db)) return read();
  return memoRead(em.connection, `rows-of-case:${em.connection.getMetadata(entity).tableName}:${caseId}`, read).then((rows) => [...rows]);
}

/** The same for the rows whose `column` is one of `ids` (the responses of complaints, the stages of proceedings), in id order. */
export function rowsIn<T extends ObjectLiteral>(db: DataSource | EntityManager, entity: EntityTarget<T>, column: keyof T & string, ids: number[]): Promise<T[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const em = db instanceof DataSource ? db.manager : db;
  const read = () => em.find(entity, { where: { [column]: In(ids) } as unknown as FindOptionsWhere<T>, order: { id: 'ASC' } as unknown as FindOptionsOrder<T> });
  if (!sharable(db)) return read();
  const key = `rows-in:${em.connection.getMetadata(entity).tableName}:${column}:${[...new Set(ids)].sort((a, b) => a - b).join(',')}`;
  return memoRead(em.connection, key, read).then((rows) => [...rows]);
}

/**
 * Values by id (names of institutions, say), each id read once per page whichever part asks:
 * the ids not yet asked for are read together by `readMissing`, the others shared.
 */
export async function memoReadByIds<T>(db: unknown, prefix: string, ids: number[], readMissing: (ids: number[]) => Promise<Map<number, T>>): Promise<Map<number, T>> {
  const memo = scope.getStore();
  // In id order, as a read of `id IN (...)` returns them: callers may list the map's values.
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  if (!memo || !sharable(db)) return readMissing(wanted);
  const missing = wanted.filter((id) => !memo.has(`${prefix}:${id}`));
  if (missing.length) {
    const batch = readMissing(missing);
    for (const id of missing) {
      const one = batch.then((found) => found.get(id));
      memo.set(`${prefix}:${id}`, one);
      one.catch(() => memo.delete(`${prefix}:${id}`));
    }
  }
  const out = new Map<number, T>();
  for (const id of wanted) {
    const value = (await memo.get(`${prefix}:${id}`)) as T | undefined;
    if (value !== undefined) out.set(id, value);
  }
  return out;
}
