import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Actor, recordAudit, verifyAudit } from '../audit/audit.service';
import { openDatabase } from '../db/data-source';
import { withTransaction } from '../db/transaction';
import { EvidenceStorage } from '../evidence/evidence-storage';
import { verifyOriginals } from '../evidence/evidence-integrity';
import { hasDrift, rebuildSearchIndex, searchIndexDrift } from '../search/search-index';
import { rawDb } from '../search/sqlite';
import { BackupDecryptError, decryptStream } from './backup-crypto';
import { BackupError } from './backup-errors';
import { BackupManifest, BackupReader, manifestSchema } from './backup-format';

interface PartHandlers {
  database?: (body: AsyncIterable<Buffer>) => Promise<void>;
  file?: (name: string, body: AsyncIterable<Buffer>) => Promise<void>;
  /** Consumes the body (to keep the object) or returns false (the body is then read and checked only). */
  object?: (sha256: string, body: AsyncIterable<Buffer>) => Promise<boolean>;
}

/**
 * Reads one backup file through to its end, checking as it goes: decryption (wrong key, altered
 * or cut-off bytes), the layout, the manifest, each part's length and SHA-256, and that exactly
 * the parts the manifest announces come, in order. Handlers receive the parts' bodies.
 */
async function readBackupFile(file: string, identities: string[], handlers: PartHandlers): Promise<BackupManifest> {
  let input: fs.ReadStream;
  try {
    input = fs.createReadStream(file);
    await new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
  } catch (err) {
    throw new BackupError('unreadable', { file: path.basename(file), why: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message });
  }
  try {
    const reader = new BackupReader(await decryptStream(input, identities));
    await reader.start();
    const first = await reader.header();
    if (first.part !== 'manifest') throw new BackupError('badManifest');
    const raw = await reader.readAll(first.bytes);
    let value: unknown;
    try {
      value = JSON.parse(raw.bytes.toString('utf8'));
    } catch {
      throw new BackupError('badManifest');
    }
    const parsed = manifestSchema.safeParse(value);
    if (!parsed.success) throw new BackupError('badManifest');
    const manifest = parsed.data;

    const db = await reader.header();
    if (db.part !== 'database' || db.bytes !== manifest.database.bytes) throw new BackupError('partAltered', { part: 'database' });
    const dbBody = reader.body(db.bytes, manifest.database.sha256, 'database');
    await (handlers.database ? handlers.database(dbBody) : drain(dbBody));

    for (const f of manifest.files) {
      const h = await reader.header();
      if (h.part !== 'file' || h.name !== f.name || h.bytes !== f.bytes) throw new BackupError('partAltered', { part: f.name });
      const body = reader.body(h.bytes, f.sha256, f.name);
      await (handlers.file ? handlers.file(f.name, body) : drain(body));
    }

    for (const o of manifest.objects) {
      if (o.in) continue;
      const h = await reader.header();
      if (h.part !== 'object' || h.sha256 !== o.sha256 || h.bytes !== o.bytes) throw new BackupError('partAltered', { part: `object ${o.sha256}` });
      const body = reader.body(h.bytes, o.sha256, `object ${o.sha256}`);
      if (!handlers.object || !(await handlers.object(o.sha256, body))) await drain(body);
    }
    const end = await reader.header();
    if (end.part !== 'end' || end.manifestSha256 !== raw.sha256 || !(await reader.atEnd())) throw new BackupError('partAltered', { part: 'end' });
    return manifest;
  } catch (err) {
    if (err instanceof BackupDecryptError) throw new BackupError(err.reason === 'no-identity' ? 'wrongKey' : 'damaged', { why: err.detail.slice(0, 200) });
    throw err;
  } finally {
    input.destroy();
  }
}

async function drain(body: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of body) void _;
}

export interface VerifyReport {
  manifest: BackupManifest;
  objectsHere: number;
  /** Objects found (and checked) in the earlier files this backup needs. */
  objectsEarlier: number;
  earlierFiles: string[];
}

/** Every part of the file, and every object it leaves to earlier files in the same directory. */
export async function verifyBackup(file: string, identities: string[], handlers: PartHandlers = {}): Promise<VerifyReport> {
  const manifest = await readBackupFile(file, identities, handlers);
  const earlier = new Map<string, string[]>();
  for (const o of manifest.objects) if (o.in) earlier.set(o.in, [...(earlier.get(o.in) ?? []), o.sha256]);
  let objectsEarlier = 0;
  const keep = handlers.object;
  for (const need of manifest.needs) {
    const wanted = new Set(earlier.get(need.file) ?? []);
    const other = path.join(path.dirname(file), need.file);
    if (!fs.existsSync(other)) throw new BackupError('earlierMissing', { file: need.file, dir: path.dirname(path.resolve(file)) });
    const theirs = await readBackupFile(other, identities, {
      object: async (sha256, body) => {
        if (!wanted.delete(sha256)) return false;
        objectsEarlier++;
        return keep ? keep(sha256, body) : false;
      },
    }).catch((err) => {
      if (err instanceof BackupError && err.code !== 'earlierMissing') throw new BackupError('earlierOther', { file: need.file, why: err.describe() });
      throw err;
    });
    if (theirs.id !== need.id || wanted.size > 0) throw new BackupError('earlierOther', { file: need.file, why: theirs.id !== need.id ? 'another backup' : `${wanted.size} objects not there` });
  }
  const unlisted = [...earlier.keys()].filter((f) => !manifest.needs.some((n) => n.file === f));
  if (unlisted.length) throw new BackupError('badManifest');
  return { manifest, objectsHere: manifest.objects.filter((o) => !o.in).length, objectsEarlier, earlierFiles: manifest.needs.map((n) => n.file) };
}

export interface RestoreReport extends VerifyReport {
  target: string;
  auditEntries: number;
  auditHeadHash: string;
  searchRebuilt: boolean;
  originalsChecked: number;
  counts: Record<string, number>;
}

/**
 * Restores a backup into an empty (or new) data directory. Everything is written into a staging
 * directory beside the target first, then checked as an instance: the database opens and migrates,
 * its integrity check passes, the audit chain verifies, the search index holds exactly the
 * records' rows, and every original re-hashes to its name. Only then is the audit entry of the
 * restore written into the restored trail and the staging directory moved into place; on any
 * failure it is removed and the target is as it was.
 */
export async function restoreBackup(file: string, identities: string[], target: string, actor: Actor): Promise<RestoreReport> {
  const dest = path.resolve(target);
  await assertEmptyTarget(dest);
  const parent = path.dirname(dest);
  await fs.promises.mkdir(parent, { recursive: true });
  const staging = await fs.promises.mkdtemp(path.join(parent, `.${path.basename(dest)}.restore-`));
  try {
    await fs.promises.chmod(staging, 0o700);
    const storage = new EvidenceStorage(staging);
    const databasePath = path.join(staging, 'casebook.sqlite');
    const keepObject = async (sha256: string, body: AsyncIterable<Buffer>) => {
      const temp = storage.newTempPath();
      await pipeline(Readable.from(body), fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      await storage.placeObject(temp, sha256);
      return true;
    };
    const verified = await verifyBackup(file, identities, {
      database: (body) => pipeline(Readable.from(body), fs.createWriteStream(databasePath, { flags: 'wx', mode: 0o600 })),
      file: (name, body) => pipeline(Readable.from(body), fs.createWriteStream(path.join(staging, name), { flags: 'wx', mode: 0o600 })),
      object: keepObject,
    });
    const report = await checkRestored(databasePath, storage, file, verified.manifest, verified, actor);
    await assertEmptyTarget(dest);
    if (fs.existsSync(dest)) {
      for (const name of await fs.promises.readdir(staging)) await fs.promises.rename(path.join(staging, name), path.join(dest, name));
      await fs.promises.rmdir(staging);
    } else {
      await fs.promises.rename(staging, dest);
    }
    return { ...report, target: dest };
  } catch (err) {
    await fs.promises.rm(staging, { recursive: true, force: true });
    throw err;
  }
}

async function checkRestored(databasePath: string, storage: EvidenceStorage, file: string, manifest: BackupManifest, verified: VerifyReport, actor: Actor): Promise<Omit<RestoreReport, 'target'>> {
  const ds = await openDatabase({ databasePath });
  try {
    const db = rawDb(ds);
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new BackupError('restoredBroken', { what: 'database', why: String(quick).slice(0, 200) });
    const chain = await verifyAudit(ds);
    if (chain.problem) throw new BackupError('restoredBroken', { what: 'audit trail', why: `entry ${chain.problem.seq}: ${chain.problem.problem}` });
    if (manifest.auditHead && chain.count < manifest.auditHead.seq) throw new BackupError('restoredBroken', { what: 'audit trail', why: `${chain.count} entries, the backup had ${manifest.auditHead.seq}` });
    // The index is derived from the records; a snapshot of a consistent database is in step.
    let searchRebuilt = false;
    if (hasDrift(searchIndexDrift(db))) {
      await rebuildSearchIndex(ds);
      searchRebuilt = true;
      if (hasDrift(searchIndexDrift(db))) throw new BackupError('restoredBroken', { what: 'search index', why: 'out of step after a rebuild' });
    }
    const originals = await verifyOriginals(ds, storage);
    if (originals.problems.length) throw new BackupError('restoredBroken', { what: 'evidence', why: `${originals.problems.length} of ${originals.checked} originals ${originals.problems[0].kind} (first ${originals.problems[0].sha256})` });
    const counts: Record<string, number> = {};
    for (const [kind, table] of Object.entries({ cases: 'case_record', people: 'person', evidenceItems: 'evidence_item', evidenceFiles: 'evidence_file', users: 'user' })) {
      counts[kind] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      if (manifest.counts[kind] !== undefined && counts[kind] !== manifest.counts[kind]) throw new BackupError('restoredBroken', { what: kind, why: `${counts[kind]} rows, the manifest says ${manifest.counts[kind]}` });
    }
    await withTransaction(ds, async (em) => {
      // The backup log belongs to the instance that wrote it: this one starts its own. Sessions
      // and sign-ins halfway through end: everyone signs in again on the restored instance.
      await em.query('DELETE FROM backup_object');
      await em.query('DELETE FROM backup_run');
      await em.query('DELETE FROM user_session');
      await em.query('DELETE FROM pending_sign_in');
      await recordAudit(em, actor, {
        action: 'backup.restore',
        recordType: 'backup',
        detail: { file: path.basename(file), backupId: manifest.id, createdAt: manifest.createdAt, auditHeadSeq: manifest.auditHead?.seq ?? 0, objects: manifest.objects.length, earlierFiles: manifest.needs.length, searchRebuilt },
      });
    });
    const after = await verifyAudit(ds);
    if (after.problem) throw new BackupError('restoredBroken', { what: 'audit trail', why: `entry ${after.problem.seq}: ${after.problem.problem}` });
    return { ...verified, manifest, auditEntries: after.count, auditHeadHash: after.headHash, searchRebuilt, originalsChecked: originals.checked, counts };
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}

async function assertEmptyTarget(dest: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.promises.readdir(dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new BackupError('targetNotEmpty', { dir: dest });
  }
  if (entries.length) throw new BackupError('targetNotEmpty', { dir: dest });
}
