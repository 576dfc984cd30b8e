import 'reflect-metadata';
import { prepareRedaction } from './people/redaction';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { ensureSearchIndexContents } from './search/search-index';
import { createApp } from './app';
import { log, setLogLevel } from './logger';
import { purgeExpiredSessions } from './sessions/session.service';
import { sessionSettings } from './http/context';
import { evidenceRuntime } from './evidence/evidence-runtime';
import { recoverEvidenceStorage } from './evidence/evidence-integrity';
import { startAuditCheckpoints } from './audit/audit-checkpoint.runtime';
import { startScheduledBackups } from './backups/backup.runtime';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exit(1);
    }
    throw err;
  }
  setLogLevel(config.logLevel);
  const ds = await openDatabase({ databasePath: config.databasePath, databaseUrl: config.databaseUrl });
  await purgeExpiredSessions(ds, sessionSettings(config));
  // Evidence: uploads and derivatives a stopped server left half-written, and objects no
  // committed row refers to, go before the first request; post-upload jobs that never finished,
  // and those whose derivatives are missing, run again.
  const recovered = await recoverEvidenceStorage(ds, evidenceRuntime(ds, config));
  if (Object.values(recovered).some(Boolean)) log.info('Evidence storage swept', recovered);
  // Signed checkpoints of the audit trail, with a key kept outside the database (issue 19).
  const checkpoints = await startAuditCheckpoints(ds, config);
  // Encrypted backups into CASEBOOK_BACKUP_DIR every CASEBOOK_BACKUP_INTERVAL_HOURS (issue 14).
  const backups = startScheduledBackups(ds, config);
  const redaction = prepareRedaction(ds);
  log.info('Protected names ready for redaction', redaction);
  const app = createApp({ ds, config });
  const server = app.listen(config.port, config.host, () => {
    log.info('Casebook is listening', { url: `http://${config.host}:${config.port}`, dataDir: config.dataDir });
    // Who may see a search hit is read from the index: check it holds exactly the records' rows,
    // in a worker thread while requests are answered (about 6 s at 100,000 cases; issue 18).
    // Search does not run on PostgreSQL yet (issue 16, docs/postgres.md): it refuses there, loudly.
    if (config.databaseUrl) return;
    ensureSearchIndexContents(ds, { databaseFile: config.databasePath }).then(
      (drift) => log.info('Search index checked', { ms: drift.ms, rebuilt: drift.rebuilt }),
      (err: unknown) => log.error('Search index check failed', { error: err instanceof Error ? err.message : String(err) }),
    );
  });
  const sweep = setInterval(() => void purgeExpiredSessions(ds, sessionSettings(config)).catch(() => undefined), 10 * 60_000);
  sweep.unref();
  const stop = () => {
    checkpoints.stop();
    backups.stop();
    server.close(() => void ds.destroy().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`Casebook could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
