import { DataSource, EntityManager } from 'typeorm';
import { CaseRecord } from './case.entity';
import { CaseMember } from './case-member.entity';
import { CaseAccess } from './case.policy';
import { CurrentUser } from '../http/context';
import { can } from '../auth/policy';
import { forbidden, notFound } from '../http/errors';
import { t } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export interface CaseWithAccess {
  record: CaseRecord;
  access: CaseAccess;
}

export async function accessTo(db: Db, user: CurrentUser, record: Pick<CaseRecord, 'id' | 'restricted'>): Promise<CaseAccess> {
  const isMember = await manager(db).existsBy(CaseMember, { caseId: record.id, userId: user.id });
  return { restricted: record.restricted, isMember };
}

/**
 * Loads a case for an action. A case the user may not read answers 404, exactly like a case
 * that does not exist, so restricted cases cannot be discovered by probing ids; a case the
 * user may read but not change answers 403.
 */
export async function requireCase(db: Db, user: CurrentUser | undefined, caseId: number, action = 'case.read'): Promise<CaseWithAccess> {
  if (!user) throw notFound();
  const record = await manager(db).findOneBy(CaseRecord, { id: caseId });
  if (!record) throw notFound(t('cases.errors.noSuchCase'));
  const access = await accessTo(db, user, record);
  if (!can(user, 'case.read', access)) throw notFound(t('cases.errors.noSuchCase'));
  if (action !== 'case.read' && !can(user, action, access)) throw forbidden();
  return { record, access };
}

/**
 * SQL condition (and its parameters) selecting the cases a user may see, for list queries and
 * reports: admins see all, everyone else unrestricted cases and the restricted cases they are
 * members of. `alias` is the case_record alias in the query.
 */
export function visibleCasesCondition(user: CurrentUser, alias = 'c'): { sql: string; params: Record<string, unknown> } {
  if (user.role === 'admin') return { sql: '1 = 1', params: {} };
  return {
    sql: `(${alias}.restricted = :__visFalse OR ${alias}.id IN (SELECT cm.case_id FROM case_member cm WHERE cm.user_id = :__visUser))`,
    params: { __visFalse: false, __visUser: user.id },
  };
}

/** The same rule with positional `?` parameters, for raw SQL (reports, exports). */
export function visibleCasesSql(user: CurrentUser, alias = 'c'): { sql: string; params: unknown[] } {
  return caseVisibilityRule(user, `${alias}.restricted`, `${alias}.id`);
}

/**
 * The rule itself, over any SQL giving a case's restricted flag and id: the search index applies
 * it to the flag and case id held in each row's rowid (search-access.ts).
 */
export function caseVisibilityRule(user: CurrentUser, restricted: string, caseId: string): { sql: string; params: unknown[] } {
  if (user.role === 'admin') return { sql: '1 = 1', params: [] };
  return { sql: `(${restricted} = ? OR ${caseId} IN (SELECT cm.case_id FROM case_member cm WHERE cm.user_id = ?))`, params: [false, user.id] };
}

/** Ids (among `caseIds`) of the cases the user may see: for filtering links to other cases. */
export async function visibleCaseIds(db: Db, user: CurrentUser, caseIds: number[]): Promise<Set<number>> {
  if (caseIds.length === 0) return new Set();
  const cond = visibleCasesCondition(user, 'c');
  const rows = await manager(db)
    .createQueryBuilder(CaseRecord, 'c')
    .select('c.id', 'id')
    .where('c.id IN (:...ids)', { ids: caseIds })
    .andWhere(cond.sql, cond.params)
    .getRawMany<{ id: number }>();
  return new Set(rows.map((r) => Number(r.id)));
}
