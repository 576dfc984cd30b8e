import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { CLI_ACTOR, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { storageFor } from '../evidence/evidence-storage';
import { BackupKeyError, generateKeyPair, parseIdentityFile } from '../backups/backup-crypto';
import { BackupError } from '../backups/backup-errors';
import { createBackup } from '../backups/backup-create.service';
import { restoreBackup, verifyBackup } from '../backups/backup-read.service';

export interface BackupCli {
  db: () => Promise<DataSource>;
  config: () => Config;
  out: (line: string) => void;
  /** A note for the person at the terminal, not for a script reading stdout. */
  note: (line: string) => void;
  fail: (message: string) => never;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `casebook backup keygen|create|verify|restore`: encrypted backups to age recipients. */
export function registerBackupCommands(program: Command, cli: BackupCli): void {
  const { db, config, out, note, fail } = cli;
  const describe = (err: unknown): never => {
    if (err instanceof BackupError) fail(err.describe());
    if (err instanceof BackupKeyError) fail(err.message);
    throw err;
  };
  const identities = (keyFile: string): string[] => {
    let text: string;
    try {
      text = fs.readFileSync(keyFile, 'utf8');
    } catch (err) {
      return fail(`cannot read the identity file ${keyFile}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    try {
      return parseIdentityFile(text);
    } catch (err) {
      return describe(err);
    }
  };

  const backup = program.command('backup').description('encrypted backups (age) of the database and the evidence, and their restore').exitOverride();
  backup
    .command('keygen')
    .description('make an age key pair for backups: the secret key goes to a new file (mode 0600), the public key is printed (give it to --recipient or CASEBOOK_BACKUP_RECIPIENTS); keep the secret key offline, away from this server and its backups')
    .requiredOption('--to <keyfile>', 'the new secret key file (refused if it exists)')
    .exitOverride()
    .action(async (opts: { to: string }) => {
      const { identity, recipient } = await generateKeyPair();
      const text = `# Casebook backup key, created ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
      try {
        fs.writeFileSync(opts.to, text, { flag: 'wx', mode: 0o600 });
      } catch (err) {
        fail((err as NodeJS.ErrnoException).code === 'EEXIST' ? `${opts.to} exists already; choose a new file name (an existing key may be the only one that opens older backups)` : `cannot write ${opts.to}: ${(err as Error).message}`);
      }
      note(`Wrote the secret key to ${opts.to} (mode 0600). Keep it offline: whoever holds it can read every backup made to its public key. The public key:`);
      out(recipient);
    });

  backup
    .command('create')
    .description('write an encrypted backup into DIR while the server runs: a consistent snapshot of the database, the evidence originals not already in an earlier backup in DIR, and a manifest of SHA-256s; recorded in the audit trail')
    .requiredOption('--to <dir>', 'the directory of backups (created if missing)')
    .option('--recipient <age1...>', 'an age public key to encrypt to (repeat for several; default: CASEBOOK_BACKUP_RECIPIENTS)', (v: string, prev: string[] = []) => [...prev, v])
    .exitOverride()
    .action(async (opts: { to: string; recipient?: string[] }) => {
      const ds = await db();
      const recipients = opts.recipient?.length ? opts.recipient : config().backup.recipients;
      const summary = await createBackup({ ds, databasePath: config().databasePath, storage: storageFor(config().dataDir), dir: opts.to, recipients, origin: 'cli', actor: CLI_ACTOR }).catch(describe);
      const { run, manifest } = summary;
      out(`Wrote ${summary.file}: ${run.bytes} bytes, SHA-256 ${run.sha256}, encrypted to ${plural(recipients.length, 'recipient')}.`);
      out(`  database snapshot: ${manifest.database.bytes} bytes; audit trail up to entry ${manifest.auditHead?.seq ?? 0}`);
      out(`  evidence originals: ${manifest.objects.length}, ${run.objectsCopied} copied into this file${manifest.needs.length ? `, the others held by ${plural(manifest.needs.length, 'earlier backup')} in the same directory (${manifest.needs.map((n) => n.file).join(', ')}): keep them together, a restore needs them` : ''}`);
    });

  backup
    .command('verify')
    .description('decrypt a backup and check every part against its manifest (and the earlier backups it needs, in the same directory); exit 1 naming what is wrong')
    .argument('<file>', 'the backup file (casebook-backup-….age)')
    .requiredOption('--identity <keyfile>', 'the age secret key file (AGE-SECRET-KEY-1…)')
    .exitOverride()
    .action(async (file: string, opts: { identity: string }) => {
      const keys = identities(opts.identity);
      const audit = async (action: string, detail: Record<string, string | number>) => {
        // Where this machine has an instance, its trail records the check; elsewhere there is none to write to.
        if (!fs.existsSync(config().databasePath)) return;
        await withTransaction(await db(), (em) => recordAudit(em, CLI_ACTOR, { action, recordType: 'backup', detail: { file: path.resolve(file), ...detail } }));
      };
      try {
        const report = await verifyBackup(file, keys);
        const m = report.manifest;
        await audit('backup.verify', { backupId: m.id, result: 'ok' });
        out(`Backup intact: ${file}, made ${m.createdAt} (id ${m.id}).`);
        out(`  database snapshot: ${m.database.bytes} bytes, SHA-256 matches; audit trail up to entry ${m.auditHead?.seq ?? 0}`);
        for (const [kind, n] of Object.entries(m.counts)) out(`  ${kind}: ${n}`);
        out(`  evidence originals: ${m.objects.length}; ${report.objectsHere} in this file${report.earlierFiles.length ? `, ${report.objectsEarlier} in ${plural(report.earlierFiles.length, 'earlier backup')} (${report.earlierFiles.join(', ')})` : ''}, every SHA-256 matches`);
      } catch (err) {
        if (err instanceof BackupError) await audit('backup.verify', { result: err.code }).catch(() => undefined);
        describe(err);
      }
    });

  backup
    .command('restore')
    .description('restore a backup into an empty (or new) data directory, then check the instance: audit chain, search index and every evidence SHA-256; nothing is left in DATA_DIR unless all of it verifies. An incremental backup needs the earlier backups it names in the same directory')
    .argument('<file>', 'the backup file (casebook-backup-….age)')
    .requiredOption('--identity <keyfile>', 'the age secret key file (AGE-SECRET-KEY-1…)')
    .requiredOption('--to <data_dir>', 'the data directory to restore into: empty or not yet there')
    .exitOverride()
    .action(async (file: string, opts: { identity: string; to: string }) => {
      const keys = identities(opts.identity);
      const r = await restoreBackup(file, keys, opts.to, CLI_ACTOR).catch(describe);
      const m = r.manifest;
      out(`Restored ${file} (made ${m.createdAt}) into ${r.target}.`);
      for (const [kind, n] of Object.entries(r.counts)) out(`  ${kind}: ${n}`);
      out(`  evidence: ${r.originalsChecked} original${r.originalsChecked === 1 ? '' : 's'} re-hashed, every SHA-256 matches (${r.objectsHere} from this file${r.earlierFiles.length ? `, ${r.objectsEarlier} from ${r.earlierFiles.join(', ')}` : ''})`);
      out(`  search index: ${r.searchRebuilt ? 'rebuilt from the records' : 'in step with the records'}`);
      out(`  audit trail: ${r.auditEntries} entries verify (head ${r.auditHeadHash}); the last one records this restore`);
      out(`Start the server with CASEBOOK_DATA_DIR=${r.target}; set CASEBOOK_AUDIT_KEY to the audit key kept elsewhere, so its checkpoints verify.`);
    });
}
