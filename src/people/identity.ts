import { DataSource, EntityManager } from 'typeorm';
import { personPseudonym } from './person.entity';
import { CurrentUser } from '../http/context';
import { verbatimKeys } from './redaction';
import { t } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

/** How one person is shown to one user: the name, or a stable pseudonym and nothing else. */
export interface PersonLabel {
  id: number;
  label: string;
  /** True when the user sees the pseudonym instead of the name. */
  hidden: boolean;
  protectedIdentity: boolean;
}

/**
 * A user is cleared for a protected person when they are an admin, created the record, or are a
 * member of a case in which the person takes part. Everyone else sees "Person P-0142" —
 * everywhere: pages, API, lists, pickers, search and exports.
 */
export async function clearedProtectedIds(db: Db, user: CurrentUser, personIds: number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  if (user.role === 'admin') return new Set(personIds);
  const rows: { id: number }[] = await manager(db).query(
    `SELECT p.id AS id FROM person p
      WHERE p.id IN (${personIds.map(() => '?').join(',')})
        AND (p.created_by_id = ?
             OR EXISTS (SELECT 1 FROM case_participant cp JOIN case_member cm ON cm.case_id = cp.case_id
                         WHERE cp.person_id = p.id AND cm.user_id = ?))`,
    [...personIds, user.id, user.id],
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** Labels for many people at once (one or two queries), keyed by person id. */
export async function personLabels(db: Db, user: CurrentUser, personIds: Iterable<number>): Promise<Map<number, PersonLabel>> {
  const ids = [...new Set([...personIds].filter((id) => Number.isInteger(id)))];
  const out = new Map<number, PersonLabel>();
  if (ids.length === 0) return out;
  // A plain query: every results page and list asks for labels, and find() costs five times as much.
  const rows: { id: number; name: string; protected: number | boolean }[] = await manager(db).query(
    `SELECT p.id AS id, p.primary_name AS name, p.protected_identity AS protected FROM person p WHERE p.id IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  const people = rows.map((r) => ({ id: Number(r.id), primaryName: r.name, protectedIdentity: Boolean(r.protected) }));
  const protectedIds = people.filter((p) => p.protectedIdentity).map((p) => p.id);
  const cleared = await clearedProtectedIds(db, user, protectedIds);
  for (const p of people) {
    const hidden = p.protectedIdentity && !cleared.has(p.id);
    // A name the user may read is shown whole even where it shares a word with a protected person's (people/redaction.ts).
    out.set(p.id, verbatimKeys({ id: p.id, label: hidden ? t('people.pseudonym', { code: personPseudonym(p.id) }) : p.primaryName, hidden, protectedIdentity: p.protectedIdentity }, ['label']));
  }
  return out;
}

/**
 * SQL condition hiding protected people the user is not cleared for, for searches by name. Never
 * NULL (a person without a creator would make `created_by_id = ?` NULL): search negates it to
 * find the people to withhold, and NOT NULL would withhold nobody.
 */
export function nameSearchablePeopleCondition(user: CurrentUser, alias = 'p'): { sql: string; params: Record<string, unknown> } {
  if (user.role === 'admin') return { sql: '1 = 1', params: {} };
  return {
    sql: `(${alias}.protected_identity = :__idFalse OR (${alias}.created_by_id IS NOT NULL AND ${alias}.created_by_id = :__idUser) OR EXISTS (SELECT 1 FROM case_participant cp JOIN case_member cm ON cm.case_id = cp.case_id WHERE cp.person_id = ${alias}.id AND cm.user_id = :__idUser))`,
    params: { __idFalse: false, __idUser: user.id },
  };
}
