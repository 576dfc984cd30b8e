import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { Actor, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { EvidenceStorage } from '../evidence/evidence-storage';
import { Sha256PassThrough } from '../media/hashing';
import { BackupKeyError, RECIPIENT, encryptStream } from './backup-crypto';
import { BackupError } from './backup-errors';
import { BACKUP_FORMAT, DATA_FILES, BACKUP_VERSION, BackupManifest, BackupWriter, backupFileName } from './backup-format';
import { BackupObject, BackupOrigin, BackupRun } from './backup-run.entity';

export interface CreateBackupOptions {
  /** The live database (log, audit entry) and its file (the snapshot reads it on a connection of its own). */
  ds: DataSource;
  databasePath: string;
  storage: EvidenceStorage;
  dir: string;
  recipients: string[];
  origin: BackupOrigin;
  actor: Actor;
  now?: () => Date;
}

export interface BackupSummary {
  run: BackupRun;
  file: string;
  manifest: BackupManifest;
}

/** Pages the online backup copies per step: the server keeps answering between steps. */
const PAGES_PER_STEP = 1000;

/**
 * Writes one encrypted backup into `dir`, while the server keeps running:
 * 1. the database through SQLite's online backup API, from a connection of its own that holds one
 *    read transaction throughout, so the copy is the database as of one moment (WAL: writers are
 *    not blocked, and their commits do not restart the copy);
 * 2. the evidence objects that snapshot refers to, except those an earlier backup in `dir` holds
 *    (known from this instance's backup log, and only while that file is still there);
 * 3. all of it streamed through age to every recipient into a temporary file, linked into place
 *    once complete. The log row, its objects and the audit entry commit together; a failure is
 *    logged with its reason, and no file is left.
 */
export async function createBackup(opts: CreateBackupOptions): Promise<BackupSummary> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const dir = path.resolve(opts.dir);
  try {
    return await writeBackup(opts, dir, started, now);
  } catch (err) {
    const reason = err instanceof BackupError ? { code: err.code, facts: err.facts } : { code: 'unreadable', facts: { why: err instanceof Error ? err.message : String(err) } };
    await withTransaction(opts.ds, async (em) => {
      const run = await em.save(BackupRun, em.create(BackupRun, { startedAt: started, finishedAt: now(), origin: opts.origin, status: 'failed', dir, fileName: null, backupId: null, bytes: null, sha256: null, durationMs: now().getTime() - started.getTime(), objectsTotal: 0, objectsCopied: 0, needs: '[]', error: JSON.stringify(reason), prunedAt: null }));
      await recordAudit(em, opts.actor, { action: 'backup.failed', recordType: 'backup', recordId: String(run.id), detail: { origin: opts.origin, dir, reason: reason.code } });
    });
    throw err;
  }
}

async function writeBackup(opts: CreateBackupOptions, dir: string, started: Date, now: () => Date): Promise<BackupSummary> {
  if (opts.recipients.length === 0) throw new BackupError('noRecipients');
  for (const r of opts.recipients) if (!RECIPIENT.test(r)) throw new BackupError('badRecipient', { recipient: r.slice(0, 80) });
  try {
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.promises.access(dir, fs.constants.W_OK);
  } catch {
    throw new BackupError('dirUnusable', { dir });
  }
  const snapshotPath = path.join(opts.storage.tmpDir, `backup-${crypto.randomBytes(8).toString('hex')}.sqlite`);
  let partPath: string | null = null;
  try {
    await snapshotDatabase(opts.databasePath, snapshotPath);
    const content = readSnapshot(snapshotPath);
    const database = await hashFile(snapshotPath);
    const files: BackupManifest['files'] = [];
    const dataFiles = new Map<string, Buffer>();
    for (const name of DATA_FILES) {
      const bytes = await fs.promises.readFile(path.join(opts.storage.dataDir, name)).catch(() => null);
      if (!bytes) continue;
      dataFiles.set(name, bytes);
      files.push({ name, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    }
    const held = await heldByEarlierBackups(opts.ds, dir);
    const needs = new Map<string, string>();
    const objects = content.objects.map((o) => {
      const earlier = held.get(o.sha256);
      if (earlier) needs.set(earlier.file, earlier.id);
      return { sha256: o.sha256, bytes: o.bytes, in: earlier?.file ?? null };
    });

    let fileName = backupFileName(started);
    for (let n = 1; fs.existsSync(path.join(dir, fileName)); n++) fileName = backupFileName(started, n);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      id: crypto.randomUUID(),
      createdAt: started.toISOString(),
      fileName,
      database,
      files,
      auditHead: content.auditHead,
      counts: content.counts,
      objects,
      needs: [...needs].map(([file, id]) => ({ file, id })),
    };

    partPath = path.join(dir, `.${fileName}.${crypto.randomBytes(6).toString('hex')}.part`);
    const plain = new PassThrough();
    const hashed = new Sha256PassThrough();
    const written = pipeline(await encryptStream(plain, opts.recipients).catch((err) => {
      throw err instanceof BackupKeyError ? new BackupError('badRecipient', { recipient: err.message }) : err;
    }), hashed, fs.createWriteStream(partPath, { flags: 'wx', mode: 0o600 }));
    written.catch(() => plain.destroy());
    const writer = new BackupWriter(plain);
    const copied: string[] = [];
    try {
      await writer.start();
      const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
      await writer.part({ part: 'manifest', bytes: manifestBytes.length }, manifestBytes);
      await writer.part({ part: 'database', bytes: database.bytes }, fs.createReadStream(snapshotPath));
      for (const f of files) await writer.part({ part: 'file', name: f.name, bytes: f.bytes }, dataFiles.get(f.name)!);
      for (const o of objects) {
        if (o.in) continue;
        await writer.part({ part: 'object', sha256: o.sha256, bytes: o.bytes }, readObject(opts.storage, o.sha256, o.bytes));
        copied.push(o.sha256);
      }
      await writer.part({ part: 'end', manifestSha256: crypto.createHash('sha256').update(manifestBytes).digest('hex') });
      writer.end();
    } catch (err) {
      plain.destroy();
      await written.catch(() => undefined);
      throw err;
    }
    await written;
    const file = path.join(dir, fileName);
    await fs.promises.link(partPath, file);
    await fs.promises.rm(partPath, { force: true });
    partPath = null;
    const digest = hashed.digest();
    try {
      const run = await withTransaction(opts.ds, async (em) => {
        const run = await em.save(BackupRun, em.create(BackupRun, {
          startedAt: started, finishedAt: now(), origin: opts.origin, status: 'ok', dir, fileName, backupId: manifest.id,
          bytes: digest.bytes, sha256: digest.sha256, durationMs: now().getTime() - started.getTime(),
          objectsTotal: objects.length, objectsCopied: copied.length, needs: JSON.stringify(manifest.needs.map((n) => n.file)), error: null, prunedAt: null,
        }));
        for (let i = 0; i < copied.length; i += 400) await em.insert(BackupObject, copied.slice(i, i + 400).map((sha256) => ({ runId: run.id, sha256 })));
        await recordAudit(em, opts.actor, {
          action: 'backup.create', recordType: 'backup', recordId: String(run.id),
          detail: { origin: opts.origin, dir, file: fileName, sha256: digest.sha256, bytes: digest.bytes, recipients: opts.recipients.length, objects: objects.length, objectsCopied: copied.length, earlierFiles: manifest.needs.length, auditHeadSeq: manifest.auditHead?.seq ?? 0 },
        });
        return run;
      });
      return { run, file, manifest };
    } catch (err) {
      await fs.promises.rm(file, { force: true });
      throw err;
    }
  } finally {
    await fs.promises.rm(snapshotPath, { force: true });
    if (partPath) await fs.promises.rm(partPath, { force: true });
  }
}

/** SQLite's online backup from a read transaction held open throughout (see createBackup). */
async function snapshotDatabase(databasePath: string, target: string): Promise<void> {
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    source.exec('BEGIN');
    source.prepare('SELECT count(*) FROM sqlite_master').get(); // fixes the snapshot
    await source.backup(target, { progress: () => PAGES_PER_STEP });
  } finally {
    if (source.inTransaction) source.exec('COMMIT');
    source.close();
  }
  await fs.promises.chmod(target, 0o600);
}

function readSnapshot(file: string): { objects: { sha256: string; bytes: number }[]; auditHead: { seq: number; hash: string } | null; counts: Record<string, number> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const objects = (db.prepare('SELECT sha256, size FROM stored_object ORDER BY id').all() as { sha256: string; size: number }[]).map((r) => ({ sha256: r.sha256, bytes: Number(r.size) }));
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const counts = { cases: count('case_record'), people: count('person'), evidenceItems: count('evidence_item'), evidenceFiles: count('evidence_file'), auditEntries: count('audit_entry'), users: count('user') };
    return { objects, auditHead: head ? { seq: head.seq, hash: head.hash } : null, counts };
  } finally {
    db.close();
  }
}

async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** An original streamed from storage, checked against its name and size as it goes. */
async function* readObject(storage: EvidenceStorage, sha256: string, bytes: number): AsyncGenerator<Buffer> {
  const hash = crypto.createHash('sha256');
  let n = 0;
  let source: fs.ReadStream;
  try {
    source = fs.createReadStream(storage.objectPath(sha256));
    await new Promise<void>((resolve, reject) => source.once('open', () => resolve()).once('error', reject));
  } catch {
    throw new BackupError('objectMissing', { sha256 });
  }
  for await (const chunk of source) {
    const b = chunk as Buffer;
    n += b.length;
    if (n > bytes) break;
    hash.update(b);
    yield b;
  }
  source.destroy();
  if (n !== bytes || hash.digest('hex') !== sha256) throw new BackupError('objectAltered', { sha256 });
}

/**
 * Objects held by earlier good backups in this directory whose files are still there with the
 * size they were written with; the newest file holding an object is named.
 */
async function heldByEarlierBackups(ds: DataSource, dir: string): Promise<Map<string, { file: string; id: string }>> {
  const runs = await ds.getRepository(BackupRun).find({ where: { dir, status: 'ok' }, order: { id: 'ASC' } });
  const held = new Map<string, { file: string; id: string }>();
  for (const run of runs) {
    if (!run.fileName || !run.backupId || run.prunedAt) continue;
    const stat = await fs.promises.stat(path.join(dir, run.fileName)).catch(() => null);
    if (!stat || stat.size !== run.bytes) continue;
    const rows = (await ds.query('SELECT sha256 FROM backup_object WHERE run_id = ?', [run.id])) as { sha256: string }[];
    for (const r of rows) held.set(r.sha256, { file: run.fileName, id: run.backupId });
  }
  return held;
}
