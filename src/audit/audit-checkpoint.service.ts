import { DataSource } from 'typeorm';
import { withTransaction } from '../db/transaction';
import { ChainProblem } from './audit-chain';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { CheckpointData, checkSignature, signCheckpoint } from './audit-checkpoint';
import { AuditKeyError, AuditPublicKey, AuditSigningKey, trustedAuditKey } from './audit-key';
import { verifyChain } from './audit.service';

export interface CheckpointPolicy {
  everyEntries: number;
  everyHours: number;
}

export type CheckpointOutcome =
  | { kind: 'created' | 'unchanged'; checkpoint: CheckpointData }
  | { kind: 'empty' }
  /** The trail since the newest checkpoint does not verify, or contradicts it: nothing was signed. */
  | { kind: 'refused'; chainProblem: ChainProblem | null; checkpointProblem: CheckpointProblem | null };

export interface CheckpointProblem {
  seq: number;
  kind: 'invalid-signature' | 'other-key' | 'beyond-head' | 'hash-mismatch';
  signedAt: string;
  keyFingerprint: string;
  hash: string;
  /** The hash of the entry at `seq` now (null when it is gone); for hash-mismatch. */
  actualHash?: string | null;
  /** The trail's newest entry now; for beyond-head. */
  headSeq?: number;
}

/** Every stored checkpoint as plain data, oldest first: what a backup or full export carries. */
export async function listCheckpoints(ds: DataSource): Promise<CheckpointData[]> {
  const rows = await ds.getRepository(AuditCheckpoint).find({ order: { seq: 'ASC' } });
  return rows.map(toData);
}

export interface CheckpointStatus {
  count: number;
  headSeq: number;
  newest: CheckpointData | null;
  /** The newest checkpoint, checked against the key at `keyPath` and the trail; 'no-key' when that key cannot be read. */
  newestCheck: 'valid' | 'no-key' | CheckpointProblem['kind'] | null;
}

/** For the admin page: cheap (one signature, one entry), so only the newest checkpoint is checked. */
export async function checkpointStatus(ds: DataSource, keyPath: string): Promise<CheckpointStatus> {
  const { head, newest } = await readTip(ds);
  const count = await ds.getRepository(AuditCheckpoint).count();
  const headSeq = head?.seq ?? 0;
  if (!newest) return { count, headSeq, newest, newestCheck: null };
  let trusted: AuditPublicKey | null = null;
  try {
    trusted = trustedAuditKey(keyPath)?.key ?? null;
  } catch (err) {
    if (!(err instanceof AuditKeyError)) throw err;
  }
  if (!trusted) return { count, headSeq, newest, newestCheck: 'no-key' };
  const [problem] = await checkCheckpoints(ds, [newest], trusted, headSeq);
  return { count, headSeq, newest, newestCheck: problem?.kind ?? 'valid' };
}

/**
 * Signs the trail's head. Only a head that extends the newest checkpoint is signed: a trail cut
 * or rewritten before it must never be signed over, so the chain from that checkpoint to the head
 * is recomputed first (the whole chain for the first checkpoint).
 */
export async function createCheckpoint(ds: DataSource, key: AuditSigningKey, now = new Date()): Promise<CheckpointOutcome> {
  const { head, newest } = await readTip(ds);
  if (!head) return { kind: 'empty' };
  if (newest) {
    const [problem] = await checkCheckpoints(ds, [newest], key, head.seq);
    if (problem) return { kind: 'refused', chainProblem: null, checkpointProblem: problem };
    if (newest.seq === head.seq) return { kind: 'unchanged', checkpoint: newest };
  }
  const chain = await verifyChain(ds, head, { after: newest ?? undefined, upToHead: true });
  if (chain.problem) return { kind: 'refused', chainProblem: chain.problem, checkpointProblem: null };
  const signed = signCheckpoint(key, head, now);
  // Entries are never changed, so the head read above is still true even if others were
  // appended since; another process that signed the same entry first wins.
  const stored = await withTransaction(ds, async (em) => {
    await em.createQueryBuilder().insert().into(AuditCheckpoint).values(signed).orIgnore().execute();
    return em.findOneOrFail(AuditCheckpoint, { where: { seq: head.seq } });
  });
  return { kind: stored.signature === signed.signature ? 'created' : 'unchanged', checkpoint: toData(stored) };
}

/** Signs the head when `everyEntries` entries, or an entry older than `everyHours`, are not covered yet. */
export async function checkpointIfDue(ds: DataSource, key: AuditSigningKey, policy: CheckpointPolicy, now = new Date()): Promise<CheckpointOutcome | null> {
  const { head, newest, firstUncoveredAt } = await readTip(ds);
  const covered = newest?.seq ?? 0;
  if (!head || head.seq <= covered) return null;
  const oldestUncoveredMs = firstUncoveredAt ? now.getTime() - Date.parse(firstUncoveredAt) : 0;
  if (head.seq - covered < policy.everyEntries && oldestUncoveredMs < policy.everyHours * 3_600_000) return null;
  return createCheckpoint(ds, key, now);
}

/**
 * Checks checkpoints against the trail as it is: each must carry a valid signature by `trusted`
 * (or, for checkpoints kept off the server, by the key it carries), and the entry at its seq
 * must still exist with exactly its hash. Returns one problem per failing checkpoint.
 */
export async function checkCheckpoints(
  ds: DataSource,
  checkpoints: CheckpointData[],
  trusted: AuditPublicKey | 'embedded',
  headSeq: number,
): Promise<CheckpointProblem[]> {
  const problems: CheckpointProblem[] = [];
  const segments = await sealedSegments(ds);
  for (const c of checkpoints) {
    const base = { seq: c.seq, signedAt: c.at, keyFingerprint: c.keyFingerprint, hash: c.hash };
    const signature = checkSignature(c, isSealed(c, segments) ? 'embedded' : trusted);
    if (signature !== 'valid') {
      problems.push({ ...base, kind: signature === 'invalid' ? 'invalid-signature' : 'other-key' });
    } else if (c.seq > headSeq) {
      problems.push({ ...base, kind: 'beyond-head', headSeq });
    } else {
      const [row]: { hash: string }[] = await ds.query('SELECT hash FROM audit_entry WHERE seq = ?', [c.seq]);
      if (row?.hash !== c.hash) problems.push({ ...base, kind: 'hash-mismatch', actualHash: row?.hash ?? null });
    }
  }
  return problems;
}

/**
 * The entry a restore appends (transfer-restore.service.ts): the trail before it was imported
 * from another instance, entries and checkpoints as they were, and this instance's trail chains
 * on from that head. Its detail names the sealed head and the keys that signed the imported
 * checkpoints; being itself an entry of the chain, it cannot be changed without breaking it.
 */
export const SEALED_SEGMENT_ACTION = 'transfer.restore';

export interface SealedSegment {
  /** The restore's own entry. */
  seq: number;
  headSeq: number;
  keys: Set<string>;
}

/** The earlier segments sealed into this trail by restores (usually none, or one). */
export async function sealedSegments(ds: DataSource): Promise<SealedSegment[]> {
  const rows: { seq: number; detail: string }[] = await ds.query('SELECT seq, detail FROM audit_entry WHERE action = ? ORDER BY seq', [SEALED_SEGMENT_ACTION]);
  return rows.map((r) => {
    let detail: Record<string, unknown> = {};
    try {
      detail = JSON.parse(r.detail) as Record<string, unknown>;
    } catch {
      // An unreadable detail seals nothing; the chain check reports the alteration.
    }
    const headSeq = typeof detail.sealedHeadSeq === 'number' && detail.sealedHeadSeq < r.seq ? detail.sealedHeadSeq : 0;
    const keys = new Set(typeof detail.sealedKeys === 'string' ? detail.sealedKeys.split(' ').filter(Boolean) : []);
    return { seq: r.seq, headSeq, keys };
  });
}

/**
 * A checkpoint of an imported segment: at or before its head, signed by a key the restore
 * recorded. It was signed on the instance it came from, so it is checked against the key it
 * carries; every other checkpoint must be signed by this instance's key.
 */
export function isSealed(c: CheckpointData, segments: SealedSegment[]): boolean {
  return segments.some((s) => c.seq <= s.headSeq && s.keys.has(c.keyFingerprint));
}

export async function currentHeadSeq(ds: DataSource): Promise<number> {
  const [head]: { seq: number }[] = await ds.query('SELECT seq FROM audit_head WHERE id = 1');
  return head?.seq ?? 0;
}

interface Tip {
  head: { seq: number; hash: string } | null;
  newest: CheckpointData | null;
  firstUncoveredAt: string | null;
}

/**
 * Read in one queued transaction: SQLite has one connection per DataSource, and a read outside
 * could see another transaction's uncommitted entry (which a rollback would then un-sign).
 */
function readTip(ds: DataSource): Promise<Tip> {
  return withTransaction(ds, async (em) => {
    const [head]: { seq: number; hash: string }[] = await em.query('SELECT seq, hash FROM audit_head WHERE id = 1');
    const [newest] = await em.find(AuditCheckpoint, { order: { seq: 'DESC' }, take: 1 });
    const [first]: { at: string }[] = await em.query('SELECT at FROM audit_entry WHERE seq = ?', [(newest?.seq ?? 0) + 1]);
    return { head: head ?? null, newest: newest ? toData(newest) : null, firstUncoveredAt: first?.at ?? null };
  });
}

function toData(c: AuditCheckpoint): CheckpointData {
  return { seq: c.seq, hash: c.hash, at: c.at, keyFingerprint: c.keyFingerprint, publicKey: c.publicKey, signature: c.signature };
}
