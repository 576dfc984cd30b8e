import { DataSource } from 'typeorm';
import { Config } from '../config';
import { SYSTEM_ACTOR } from '../audit/audit.service';
import { log } from '../logger';
import { BackupError } from './backup-errors';
import { BackupBusy, backupDue, backupNow } from './backup-schedule.service';

const CHECK_EVERY_MS = 60_000;

/**
 * Scheduled backups in the server process: once a minute, checks whether one is due
 * (CASEBOOK_BACKUP_INTERVAL_HOURS) and makes it. The database is copied in steps and the evidence
 * streamed, so requests keep being answered meanwhile; each result is in the backup log.
 */
export function startScheduledBackups(ds: DataSource, config: Config): { stop: () => void } {
  if (!config.backup.dir) return { stop: () => undefined };
  log.info('Scheduled backups on', { dir: config.backup.dir, everyHours: config.backup.intervalHours, keep: config.backup.keep, recipients: config.backup.recipients.length });
  const check = async () => {
    if (!(await backupDue(ds, config, new Date()))) return;
    try {
      const { run } = await backupNow(ds, config, 'schedule', SYSTEM_ACTOR);
      log.info('Backup written', { file: run.fileName, bytes: run.bytes, ms: run.durationMs, objectsCopied: run.objectsCopied });
    } catch (err) {
      if (err instanceof BackupBusy) return;
      log.error('Backup failed', { reason: err instanceof BackupError ? err.code : err instanceof Error ? err.message : String(err) });
    }
  };
  const timer = setInterval(() => void check().catch(() => undefined), CHECK_EVERY_MS);
  timer.unref();
  const first = setTimeout(() => void check().catch(() => undefined), 5_000);
  first.unref();
  return { stop: () => { clearInterval(timer); clearTimeout(first); } };
}
