import { BackupRun } from './backup-run.entity';
import { BackupStatus } from './backup-schedule.service';

export interface BackupRunView {
  id: number;
  startedAt: string;
  finishedAt: string;
  origin: string;
  status: string;
  fileName: string | null;
  bytes: number | null;
  durationMs: number;
  objectsTotal: number;
  objectsCopied: number;
  needs: number;
  pruned: boolean;
  /** A failure's reason: the catalogue key under backup.errors and its facts. */
  reason: { code: string; facts: Record<string, string | number> } | null;
}

export function presentRun(run: BackupRun): BackupRunView {
  let reason: BackupRunView['reason'] = null;
  if (run.error) {
    try {
      const parsed = JSON.parse(run.error) as { code?: unknown; facts?: unknown };
      reason = { code: typeof parsed.code === 'string' ? parsed.code : 'unreadable', facts: (parsed.facts && typeof parsed.facts === 'object' ? parsed.facts : {}) as Record<string, string | number> };
    } catch {
      reason = { code: 'unreadable', facts: {} };
    }
  }
  return {
    id: run.id,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    origin: run.origin,
    status: run.status,
    fileName: run.fileName,
    bytes: run.bytes,
    durationMs: run.durationMs,
    objectsTotal: run.objectsTotal,
    objectsCopied: run.objectsCopied,
    needs: (JSON.parse(run.needs) as string[]).length,
    pruned: Boolean(run.prunedAt),
    reason,
  };
}

export function presentStatus(s: BackupStatus) {
  return {
    configured: s.configured,
    dir: s.dir,
    intervalHours: s.intervalHours,
    keep: s.keep,
    recipients: s.recipients,
    stale: s.stale,
    lastGood: s.lastGood ? presentRun(s.lastGood) : null,
    lastFailure: s.lastFailure ? presentRun(s.lastFailure) : null,
    recent: s.recent.map(presentRun),
  };
}
