import { DataSource } from 'typeorm';
import { Config } from '../config';
import { log } from '../logger';
import { CheckpointOutcome, checkpointIfDue } from './audit-checkpoint.service';
import { openAuditKey } from './audit-key';

const CHECK_EVERY_MS = 60_000;

/**
 * The server's automatic checkpoints: opens (or creates) the signing key at start, then checks
 * once a minute whether a checkpoint is due. Every checkpoint goes to the log as one line, so a
 * log shipped elsewhere keeps a copy off the server.
 */
export async function startAuditCheckpoints(ds: DataSource, config: Config): Promise<{ stop: () => void }> {
  const opened = openAuditKey(config.audit.keyPath);
  const where = { keyFile: opened.path, publicKeyFile: opened.publicKeyPath, keyFingerprint: opened.key.fingerprint };
  if (opened.created) log.info('Created the audit signing key (keep it, and a copy of its .pub, outside the data directory and its backups; see CASEBOOK_AUDIT_KEY)', where);
  else log.info('Audit signing key loaded', where);
  if (opened.loosePermissions) log.error('The audit signing key file can be read by others than its owner: chmod 600 it', { keyFile: opened.path });
  const policy = { everyEntries: config.audit.checkpointEveryEntries, everyHours: config.audit.checkpointEveryHours };
  let lastRefusal = '';
  const check = async () => {
    const outcome = await checkpointIfDue(ds, opened.key, policy);
    if (outcome) lastRefusal = report(outcome, lastRefusal);
  };
  await check();
  const timer = setInterval(() => void check().catch((err) => log.error('Audit checkpoint failed', { error: err instanceof Error ? err.message : String(err) })), CHECK_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Logs a checkpoint, or a refusal once per distinct problem (it is checked again every minute). */
function report(outcome: CheckpointOutcome, lastRefusal: string): string {
  if (outcome.kind === 'created') log.info('Audit checkpoint', { checkpoint: outcome.checkpoint });
  if (outcome.kind !== 'refused') return '';
  const detail = { chainProblem: outcome.chainProblem, checkpointProblem: outcome.checkpointProblem };
  const key = JSON.stringify(detail);
  if (key !== lastRefusal) log.error('Audit checkpoint refused: the trail does not verify; run casebook audit verify', detail);
  return key;
}
