import { CheckpointStatus } from './audit-checkpoint.service';
import { AuditEntry } from './audit-entry.entity';
import { auditActionText, auditActorText } from './audit-wording';

/** `actor` is who acted as people read it (a name); `actorLabel` what the entry recorded (an e-mail, `cli`, `system`). */
export function presentAuditEntry(e: AuditEntry & { actorName?: string | null }) {
  return {
    seq: e.seq,
    at: e.at,
    actor: auditActorText(e),
    actorLabel: e.actorLabel,
    actorUserId: e.actorUserId,
    action: e.action,
    actionText: auditActionText(e.action),
    recordType: e.recordType,
    recordId: e.recordId,
    fields: JSON.parse(e.fields) as string[],
    detail: JSON.parse(e.detail) as Record<string, unknown>,
    ip: e.ip,
    hash: e.hash,
  };
}

export function presentCheckpointStatus(s: CheckpointStatus) {
  return {
    count: s.count,
    headSeq: s.headSeq,
    newest: s.newest && { seq: s.newest.seq, at: s.newest.at, keyFingerprint: s.newest.keyFingerprint },
    newestCheck: s.newestCheck,
  };
}
