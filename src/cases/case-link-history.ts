import { DataSource, EntityManager } from 'typeorm';
import { Actor, recordAudit } from '../audit/audit.service';
import { AuditEntry } from '../audit/audit-entry.entity';
import { CurrentUser } from '../http/context';
import { visibleCaseIds } from './case-access';

const LINK_ACTIONS = new Set(['case.link_add', 'case.link_remove']);

/**
 * A link change is recorded in the history of both cases, each entry naming the case at the
 * other end (`linkedCaseId`), so that a reader who may not see that case can be spared the entry.
 */
export async function recordLinkChange(em: EntityManager, actor: Actor, verb: 'link_add' | 'link_remove', caseId: number, linkedCaseId: number): Promise<void> {
  for (const [own, other] of [[caseId, linkedCaseId], [linkedCaseId, caseId]]) {
    await recordAudit(em, actor, { action: `case.${verb}`, recordType: 'case', recordId: own, fields: ['links'], detail: { caseId: own, linkedCaseId: other } });
  }
}

const linkedCaseOf = (e: AuditEntry): number | null => {
  const id = (JSON.parse(e.detail) as { linkedCaseId?: unknown }).linkedCaseId;
  return typeof id === 'number' ? id : null;
};

/**
 * A case's history as this user may read it: link changes whose other end the user may not see
 * are left out, exactly as the link itself is left out of the linked cases, so the history never
 * tells that a hidden case is linked (nor who linked it, or when). Entries written before links
 * named their other end cannot be placed, so only admins (who see every case) read those.
 */
export async function withoutHiddenLinks<T extends AuditEntry>(db: DataSource | EntityManager, user: CurrentUser, entries: T[]): Promise<T[]> {
  const links = entries.filter((e) => LINK_ACTIONS.has(e.action));
  if (links.length === 0 || user.role === 'admin') return entries;
  const visible = await visibleCaseIds(db, user, [...new Set(links.map(linkedCaseOf).filter((id): id is number => id !== null))]);
  return entries.filter((e) => {
    if (!LINK_ACTIONS.has(e.action)) return true;
    const other = linkedCaseOf(e);
    return other !== null && visible.has(other);
  });
}
