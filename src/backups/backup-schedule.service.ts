import fs from 'node:fs';
import path from 'node:path';
import { DataSource, IsNull } from 'typeorm';
import { Config } from '../config';
import { Actor, SYSTEM_ACTOR, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { storageFor } from '../evidence/evidence-storage';
import { BackupSummary, createBackup } from './backup-create.service';
import { BackupOrigin, BackupRun } from './backup-run.entity';

/** One backup at a time per database, whoever asks (the schedule or the admin page). */
const running = new WeakMap<DataSource, Promise<unknown>>();

export class BackupBusy extends Error {}

/** A backup into the configured directory, to the configured recipients; then the retention. */
export async function backupNow(ds: DataSource, config: Config, origin: BackupOrigin, actor: Actor): Promise<BackupSummary> {
  if (!config.backup.dir) throw new Error('scheduled backups are not configured');
  if (running.has(ds)) throw new BackupBusy();
  const work = (async () => {
    const summary = await createBackup({ ds, databasePath: config.databasePath, storage: storageFor(config.dataDir), dir: config.backup.dir!, recipients: config.backup.recipients, origin, actor });
    await pruneBackups(ds, config.backup.dir!, config.backup.keep);
    return summary;
  })();
  running.set(ds, work);
  try {
    return await work;
  } finally {
    running.delete(ds);
  }
}

/** Whether the schedule is due: no good backup in the directory within the interval, and no attempt in the last hour (or interval). */
export async function backupDue(ds: DataSource, config: Config, now: Date): Promise<boolean> {
  if (!config.backup.dir) return false;
  const repo = ds.getRepository(BackupRun);
  const intervalMs = config.backup.intervalHours * 3_600_000;
  const lastGood = await repo.findOne({ where: { dir: config.backup.dir, status: 'ok' }, order: { id: 'DESC' } });
  if (lastGood && now.getTime() - lastGood.startedAt.getTime() < intervalMs) return false;
  const lastTry = await repo.findOne({ where: { dir: config.backup.dir }, order: { id: 'DESC' } });
  return !lastTry || now.getTime() - lastTry.startedAt.getTime() >= Math.min(intervalMs, 3_600_000);
}

/**
 * Keeps the `keep` newest good backups in the directory, and every earlier file one of them
 * needs (an incremental backup is restored with the files holding its older objects); removes
 * the other files this instance wrote there, and records that in the log and the audit trail.
 */
export async function pruneBackups(ds: DataSource, dir: string, keep: number): Promise<number> {
  const runs = await ds.getRepository(BackupRun).find({ where: { dir, status: 'ok', prunedAt: IsNull() }, order: { id: 'DESC' } });
  const kept = new Set<string>();
  for (const run of runs.slice(0, keep)) {
    if (run.fileName) kept.add(run.fileName);
    for (const f of JSON.parse(run.needs) as string[]) kept.add(f);
  }
  let removed = 0;
  for (const run of runs) {
    if (!run.fileName || kept.has(run.fileName)) continue;
    await fs.promises.rm(path.join(dir, run.fileName), { force: true });
    await withTransaction(ds, async (em) => {
      await em.update(BackupRun, { id: run.id }, { prunedAt: new Date() });
      await recordAudit(em, SYSTEM_ACTOR, { action: 'backup.prune', recordType: 'backup', recordId: String(run.id), detail: { dir, file: run.fileName, keep } });
    });
    removed++;
  }
  return removed;
}

export interface BackupStatus {
  configured: boolean;
  dir: string | null;
  intervalHours: number;
  keep: number;
  recipients: number;
  lastGood: BackupRun | null;
  /** The newest failure, when it is newer than the last good backup. */
  lastFailure: BackupRun | null;
  /** Scheduled backups are on and the last good one is older than the interval (or there is none). */
  stale: boolean;
  recent: BackupRun[];
}

export async function backupStatus(ds: DataSource, config: Config, now: Date): Promise<BackupStatus> {
  const repo = ds.getRepository(BackupRun);
  const lastGood = await repo.findOne({ where: { status: 'ok' }, order: { id: 'DESC' } });
  const failure = await repo.findOne({ where: { status: 'failed' }, order: { id: 'DESC' } });
  const configured = Boolean(config.backup.dir);
  const stale = configured && (!lastGood || now.getTime() - lastGood.finishedAt.getTime() > config.backup.intervalHours * 3_600_000);
  return {
    configured,
    dir: config.backup.dir,
    intervalHours: config.backup.intervalHours,
    keep: config.backup.keep,
    recipients: config.backup.recipients.length,
    lastGood,
    lastFailure: failure && (!lastGood || failure.id > lastGood.id) ? failure : null,
    stale,
    recent: await repo.find({ order: { id: 'DESC' }, take: 20 }),
  };
}
