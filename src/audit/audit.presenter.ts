import { CheckpointStatus } from './audit-checkpoint.service';
import { AuditEntry } from './audit-entry.entity';

export function presentAuditEntry(e: AuditEntry) {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actorLabel,
    actorUserId: e.actorUserId,
    action: e.action,
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
