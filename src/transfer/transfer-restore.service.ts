import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { withTransaction } from '../db/transaction';
import { rawDb } from '../search/sqlite';
import { EvidenceStorage } from '../evidence/evidence-storage';
import { writeAndHash } from '../media/hashing';
import { Actor, recordAudit } from '../audit/audit.service';
import { ChainRow, ChainVerifier } from '../audit/audit-chain';
import { checkSignature, checkpointSchema } from '../audit/audit-checkpoint';
import { SEALED_SEGMENT_ACTION } from '../audit/audit-checkpoint.service';
import { rebuildSearchIndex } from '../search/search-index';
import {
  DERIVED_MEMBER,
  EVIDENCE_MEMBER,
  MANIFEST_FILE,
  TRANSFER_FORMAT,
  TRANSFER_SCHEMA_VERSION,
  TRANSFER_TABLES,
  TransferManifest,
  TransferTable,
  columnNames,
  fitsColumn,
  tableByFile,
} from './transfer-schema';
import { TransferError } from './transfer-errors';
import { DEFAULT_ZIP_LIMITS, TransferZip, ZipLimits, lines } from './transfer-zip';

export interface RestoreOptions {
  limits?: ZipLimits;
  /** Longest JSON line accepted (a trash snapshot or a file's extracted text can be long). */
  maxLineBytes?: number;
}

export interface RestoreReport {
  manifest: TransferManifest;
  manifestSha256: string;
  /** Rows restored per kind (equal to the manifest's counts, or the restore was refused). */
  counts: Record<string, number>;
  originals: number;
  derived: number;
  /** The imported trail's head: this instance's trail continues from it. */
  sealedHead: { seq: number; hash: string } | null;
  checkpoints: number;
}

const MAX_MANIFEST_BYTES = 256 * 1024 ** 2;
const MAX_DERIVED_BYTES = 64 * 1024 ** 2;
const MAX_LINE_BYTES = 64 * 1024 ** 2;

const manifestSchema = z.object({
  format: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string().max(40),
  partial: z.boolean(),
  selectedCases: z.number().int().nonnegative().nullable(),
  includesAccounts: z.boolean(),
  auditHead: z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  members: z.array(z.object({ name: z.string().max(300), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() })),
});

/**
 * `casebook import all FILE`: restores a full export into an empty instance, all or nothing.
 * Before anything is written, every member is hashed against the manifest (and every original
 * against its name); then, in one transaction, the rows are inserted in the schema's order, the
 * trail's chain and checkpoints are recomputed as they are read, the counts compared, the
 * originals placed in storage (removed again if anything fails), and one entry appended that
 * seals the imported trail as the earlier segment this instance's trail continues from.
 */
export async function restoreFullExport(ds: DataSource, storage: EvidenceStorage, file: string, actor: Actor, opts: RestoreOptions = {}): Promise<RestoreReport> {
  const zip = await TransferZip.open(file, opts.limits ?? DEFAULT_ZIP_LIMITS);
  try {
    const { manifest, manifestSha256 } = await readManifest(zip);
    await verifyMembers(zip, manifest);
    await refuseUnlessEmpty(ds);
    const placed: string[] = [];
    const derived: string[] = [];
    try {
      const report = await withTransaction(ds, async (em) => {
        const db = rawDb(ds);
        await refuseUnlessEmpty(ds);
        // Rows reference each other in both directions within a table (an institution's parent may
        // have the higher id): foreign keys are checked once, before the commit, below.
        db.exec('PRAGMA defer_foreign_keys = ON');
        db.exec('DELETE FROM vocab_term');
        const counts: Record<string, number> = {};
        const chain = new ChainVerifier();
        const checkpointKeys = new Set<string>();
        let checkpoints = 0;
        for (const table of TRANSFER_TABLES) {
          counts[table.kind] = await insertRows(db, zip, table, opts.maxLineBytes ?? MAX_LINE_BYTES, (row) => {
            if (table.table === 'audit_entry' && !chain.push(row as unknown as ChainRow)) throw new TransferError('auditBroken', { seq: chain.problem!.seq, problem: chain.problem!.problem });
            if (table.table === 'audit_checkpoint') {
              const c = checkpointSchema.safeParse({ seq: row.seq, hash: row.hash, at: row.at, keyFingerprint: row.key_fingerprint, publicKey: row.public_key, signature: row.signature });
              const entry = c.success ? (db.prepare('SELECT hash FROM audit_entry WHERE seq = ?').get(c.data.seq) as { hash: string } | undefined) : undefined;
              if (!c.success || checkSignature(c.data, 'embedded') !== 'valid' || entry?.hash !== c.data.hash) throw new TransferError('checkpointInvalid', { seq: Number(row.seq) });
              checkpointKeys.add(c.data.keyFingerprint);
              checkpoints++;
            }
          });
          if (counts[table.kind] !== manifest.counts[table.kind]) throw new TransferError('countMismatch', { kind: table.kind, expected: manifest.counts[table.kind] ?? 0, found: counts[table.kind] });
        }
        const verified = chain.finish(manifest.auditHead);
        if (verified.problem) throw new TransferError('auditBroken', { seq: verified.problem.seq, problem: verified.problem.problem });

        // Originals: one per stored_object row, each hashed again as it is written.
        const objects = db.prepare('SELECT sha256 FROM stored_object ORDER BY id').iterate() as IterableIterator<{ sha256: string }>;
        const wanted = new Set<string>();
        for (const { sha256 } of objects) wanted.add(sha256);
        let originals = 0;
        for (const name of zip.members.keys()) {
          const m = EVIDENCE_MEMBER.exec(name);
          if (!m) continue;
          if (!wanted.delete(m[1])) throw new TransferError('unexpectedMember', { name });
          const temp = storage.newTempPath();
          const digest = await writeAndHash(await zip.open(name), temp);
          if (digest.sha256 !== m[1]) {
            await storage.removeTemp([temp]);
            throw new TransferError('evidenceAltered', { sha256: m[1] });
          }
          if (await storage.placeObject(temp, m[1])) placed.push(m[1]);
          originals++;
        }
        if (wanted.size > 0) throw new TransferError('evidenceMissing', { sha256: [...wanted][0], count: wanted.size });

        const referenced = new Set<string>();
        for (const r of db.prepare('SELECT preview_path AS p, thumbnail_path AS t FROM evidence_file').iterate() as IterableIterator<{ p: string | null; t: string | null }>) {
          if (r.p) referenced.add(r.p.split(/[\\/]/).join('/'));
          if (r.t) referenced.add(r.t.split(/[\\/]/).join('/'));
        }
        for (const name of zip.members.keys()) {
          const m = DERIVED_MEMBER.exec(name);
          if (!m) continue;
          if (!referenced.has(m[1])) throw new TransferError('unexpectedMember', { name });
          await storage.restoreDerived(m[1], await zip.readAll(name, MAX_DERIVED_BYTES));
          derived.push(m[1]);
        }

        const broken = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[];
        if (broken.length) throw new TransferError('brokenReferences', { table: broken[0].table, rowid: broken[0].rowid, parent: broken[0].parent, count: broken.length });

        if (manifest.auditHead) db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)').run(manifest.auditHead.seq, manifest.auditHead.hash);
        await recordAudit(em, actor, {
          action: SEALED_SEGMENT_ACTION,
          recordType: 'instance',
          detail: {
            manifestSha256,
            exportedAt: manifest.createdAt,
            partial: manifest.partial,
            includesAccounts: manifest.includesAccounts,
            sealedHeadSeq: manifest.auditHead?.seq ?? 0,
            sealedHeadHash: manifest.auditHead?.hash ?? null,
            sealedKeys: [...checkpointKeys].sort().join(' '),
            rows: Object.values(counts).reduce((a, b) => a + b, 0),
            originals,
          },
        });
        return { manifest, manifestSha256, counts, originals, derived: derived.length, sealedHead: manifest.auditHead, checkpoints };
      });
      // The index is derived: rebuilt from the restored rows, as `casebook search rebuild` would.
      await rebuildSearchIndex(ds);
      return report;
    } catch (err) {
      for (const sha256 of placed) await storage.removeObject(sha256).catch(() => undefined);
      for (const relative of derived) await storage.removeDerived(relative).catch(() => undefined);
      throw err;
    }
  } finally {
    zip.close();
  }
}

async function readManifest(zip: TransferZip): Promise<{ manifest: TransferManifest; manifestSha256: string }> {
  if (!zip.members.has(MANIFEST_FILE)) throw new TransferError('noManifest');
  const bytes = await zip.readAll(MANIFEST_FILE, MAX_MANIFEST_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new TransferError('badManifest');
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw new TransferError('badManifest');
  if (parsed.data.format !== TRANSFER_FORMAT) throw new TransferError('otherFormat');
  if (parsed.data.schemaVersion !== TRANSFER_SCHEMA_VERSION) throw new TransferError('otherVersion', { found: parsed.data.schemaVersion, supported: TRANSFER_SCHEMA_VERSION });
  return { manifest: parsed.data as TransferManifest, manifestSha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** Every member listed, of the listed size and hash, and named as the layout allows; nothing else. */
async function verifyMembers(zip: TransferZip, manifest: TransferManifest): Promise<void> {
  const listed = new Map(manifest.members.map((m) => [m.name, m]));
  if (listed.size !== manifest.members.length) throw new TransferError('duplicateMember', { name: MANIFEST_FILE });
  for (const name of zip.members.keys()) {
    if (name === MANIFEST_FILE) continue;
    if (!listed.has(name)) throw new TransferError('memberNotListed', { name });
    if (!tableByFile(name) && !EVIDENCE_MEMBER.test(name) && !DERIVED_MEMBER.test(name)) throw new TransferError('unexpectedMember', { name });
  }
  for (const table of TRANSFER_TABLES) if (!listed.has(table.file)) throw new TransferError('memberMissing', { name: table.file });
  for (const m of manifest.members) {
    const inZip = zip.members.get(m.name);
    if (!inZip) throw new TransferError('memberMissing', { name: m.name });
    if (inZip.bytes !== m.bytes) throw new TransferError('memberAltered', { name: m.name });
    const hash = crypto.createHash('sha256');
    try {
      for await (const chunk of await zip.open(m.name)) hash.update(chunk as Buffer);
    } catch (err) {
      if (err instanceof TransferError) throw err;
      throw new TransferError('memberAltered', { name: m.name });
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== m.sha256) throw new TransferError('memberAltered', { name: m.name });
    const evidence = EVIDENCE_MEMBER.exec(m.name);
    if (evidence && evidence[1] !== sha256) throw new TransferError('evidenceAltered', { sha256: evidence[1] });
  }
}

/** An instance is empty when it holds nothing but the vocabularies its migrations seeded. */
async function refuseUnlessEmpty(ds: DataSource): Promise<void> {
  const db = rawDb(ds);
  for (const table of [...TRANSFER_TABLES.filter((t) => t.table !== 'vocab_term').map((t) => t.table), 'audit_head', 'user_session']) {
    if (db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get()) throw new TransferError('targetNotEmpty', { table });
  }
}

/** Inserts one member's rows, each checked against the schema first; returns how many. */
async function insertRows(db: ReturnType<typeof rawDb>, zip: TransferZip, table: TransferTable, maxLine: number, check: (row: Record<string, unknown>) => void): Promise<number> {
  const cols = columnNames(table);
  const insert = db.prepare(`INSERT INTO "${table.table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  let n = 0;
  for await (const line of lines(await zip.open(table.file), maxLine, table.file)) {
    if (line === '') continue;
    n++;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new TransferError('badLine', { member: table.file, line: n });
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new TransferError('badLine', { member: table.file, line: n });
    const r = row as Record<string, unknown>;
    const keys = Object.keys(r);
    if (keys.length !== cols.length || !cols.every((c) => Object.hasOwn(r, c) && fitsColumn(table.columns[c], r[c]))) throw new TransferError('badLine', { member: table.file, line: n });
    insert.run(...cols.map((c) => r[c]));
    check(
      table.table === 'audit_entry'
        ? { seq: r.seq, at: r.at, actorUserId: r.actor_user_id, actorLabel: r.actor_label, action: r.action, recordType: r.record_type, recordId: r.record_id, fields: r.fields, detail: r.detail, ip: r.ip, prevHash: r.prev_hash, hash: r.hash }
        : r,
    );
  }
  return n;
}
