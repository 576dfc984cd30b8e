import type { Database } from 'better-sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { prepared, preparedRaw, rawDb } from '../search/sqlite';
import { PROTECTED_NAMES_STATE } from './protected-names-state';

/**
 * What redaction.ts reads, synchronously, to decide what a user may read: on SQLite straight
 * from the connection; on PostgreSQL (whose reads are asynchronous) from a snapshot that
 * loadRedactionSnapshot brings up to date before a response is redacted and after each write.
 */
export interface RedactionSource {
  /** What the in-memory state is kept under (one per database). */
  readonly key: object;
  versions(): { names: number; clearance: number; links: number };
  /** Every (person, name) of the protected people. */
  protectedNames(): { id: number; name: string }[];
  /** Every (case, protected person) pair of protected_person_case. */
  links(): [number, number][];
  /** The protected people this user is cleared for. */
  clearedFor(userId: number): number[];
  /** The SQLite connection, for what has not been ported (exports' per-case codes, the SQL function). */
  readonly sqlite: Database | null;
}

const CLEARED_SQL = (yes: string, a: string, b: string) =>
  `SELECT p.id AS id FROM person p WHERE p.protected_identity = ${yes} AND p.created_by_id = ${a}
       UNION SELECT cp.person_id FROM case_member cm JOIN case_participant cp ON cp.case_id = cm.case_id
              JOIN person p ON p.id = cp.person_id AND p.protected_identity = ${yes}
        WHERE cm.user_id = ${b}`;
const NAMES_SQL = (yes: string) => `SELECT p.id AS id, pn.name AS name FROM person p JOIN person_name pn ON pn.person_id = p.id WHERE p.protected_identity = ${yes}
     UNION SELECT p.id, p.primary_name FROM person p WHERE p.protected_identity = ${yes}`;
const VERSIONS_SQL = `SELECT names_version AS names, clearance_version AS clearance, links_version AS links FROM ${PROTECTED_NAMES_STATE} WHERE id = 1`;
// The row is made by the migration; without it nothing can tell a change, so nothing is cached.
const NO_VERSIONS = { names: -1, clearance: -1, links: -1 };

function sqliteSource(sqlite: Database): RedactionSource {
  return {
    key: sqlite,
    sqlite,
    versions: () => (prepared(sqlite, VERSIONS_SQL).get() as { names: number; clearance: number; links: number } | undefined) ?? NO_VERSIONS,
    protectedNames: () => prepared(sqlite, NAMES_SQL('1')).all() as { id: number; name: string }[],
    links: () => preparedRaw(sqlite, `SELECT case_id, person_id FROM protected_person_case`).all() as [number, number][],
    clearedFor: (userId) => (prepared(sqlite, CLEARED_SQL('1', '?', '?')).all(userId, userId) as { id: number }[]).map((r) => r.id),
  };
}

interface Snapshot {
  versions: { names: number; clearance: number; links: number };
  names: { id: number; name: string }[];
  links: [number, number][];
  cleared: Map<number, number[]>;
}

const snapshots = new WeakMap<DataSource, Snapshot>();

/** Redaction on PostgreSQL was asked for something its snapshot was not loaded with: refuse, never guess. */
export class RedactionNotLoadedError extends Error {}

function postgresSource(ds: DataSource): RedactionSource {
  const snapshot = snapshots.get(ds);
  if (!snapshot) throw new RedactionNotLoadedError('redaction state not loaded on PostgreSQL: call loadRedactionSnapshot first');
  return {
    key: ds,
    sqlite: null,
    versions: () => snapshot.versions,
    protectedNames: () => snapshot.names,
    links: () => snapshot.links,
    clearedFor: (userId) => {
      const set = snapshot.cleared.get(userId);
      if (!set) throw new RedactionNotLoadedError(`redaction state on PostgreSQL not loaded for user ${userId}`);
      return set;
    },
  };
}

const dataSourceOf = (ds: DataSource | EntityManager) => (ds instanceof DataSource ? ds : ds.connection);

export function redactionSource(ds: DataSource | EntityManager | Database): RedactionSource {
  if (!(ds instanceof DataSource) && !(ds instanceof EntityManager)) return sqliteSource(ds);
  const source = dataSourceOf(ds);
  return source.options.type === 'postgres' ? postgresSource(source) : sqliteSource(rawDb(source));
}

/**
 * PostgreSQL: brings the snapshot up to date with the committed counters (one row read; the names
 * and links again only when they changed) and loads the clearances of these users. A no-op on SQLite.
 */
export async function loadRedactionSnapshot(ds: DataSource | EntityManager, userIds: readonly number[] = []): Promise<void> {
  const source = dataSourceOf(ds);
  if (source.options.type !== 'postgres') return;
  const q = <T>(sql: string, params: unknown[] = []) => source.query(sql, params) as Promise<T[]>;
  const [row] = await q<{ names: number; clearance: number; links: number }>(VERSIONS_SQL);
  const versions = row ?? NO_VERSIONS;
  const previous = snapshots.get(source);
  const fresh = (k: keyof Snapshot['versions']) => previous && previous.versions[k] === versions[k] && versions[k] >= 0;
  const next: Snapshot = {
    versions,
    names: fresh('names') ? previous!.names : await q<{ id: number; name: string }>(NAMES_SQL('true')),
    links: fresh('links') ? previous!.links : (await q<{ case_id: number; person_id: number }>(`SELECT case_id, person_id FROM protected_person_case`)).map((r) => [r.case_id, r.person_id] as [number, number]),
    cleared: fresh('clearance') ? previous!.cleared : new Map(),
  };
  // Users cleared before a change of clearances are read again, so a snapshot never holds fewer users than before.
  const users = new Set([...userIds, ...(fresh('clearance') ? [] : previous?.cleared.keys() ?? [])]);
  for (const userId of users) {
    if (next.cleared.has(userId)) continue;
    next.cleared.set(userId, (await q<{ id: number }>(CLEARED_SQL('true', '$1', '$1'), [userId])).map((r) => r.id));
  }
  if (next.cleared.size > 10_000) next.cleared = new Map([...next.cleared].slice(-1000));
  snapshots.set(source, next);
}
