import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';

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
