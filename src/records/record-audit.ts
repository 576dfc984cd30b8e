import { EntityManager } from 'typeorm';
import { Actor, recordAudit } from '../audit/audit.service';

/** The names of the fields whose values differ (compared as JSON), never the values. */
export function changedFields<T extends object>(before: T, after: Partial<T>, fields: (keyof T & string)[]): string[] {
  return fields.filter((f) => f in after && JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/**
 * Audit entry for a change to a domain record: `<type>.create|update|delete`, naming changed
 * fields. `caseId` (in detail) lets a case's history include its sub-records.
 */
export function auditRecord(
  em: EntityManager,
  actor: Actor,
  recordType: string,
  recordId: number,
  verb: 'create' | 'update' | 'delete' | string,
  fields: string[],
  caseId?: number | null,
): Promise<unknown> {
  return recordAudit(em, actor, {
    action: `${recordType}.${verb}`,
    recordType,
    recordId,
    fields,
    detail: caseId ? { caseId } : {},
  });
}
