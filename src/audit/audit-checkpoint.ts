import { z } from 'zod';
import { canonicalJson } from './audit-chain';
import { AuditPublicKey, AuditSigningKey, publicKeyFromRaw, sign, signatureValid } from './audit-key';

/**
 * A checkpoint as plain data: the shape stored, printed, logged, exported (JSON Lines) and read
 * back by `casebook audit verify --against`. One schema for both directions.
 */
export const checkpointSchema = z.strictObject({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().max(30),
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: z.string().max(44),
  signature: z.string().max(88),
});
export type CheckpointData = z.infer<typeof checkpointSchema>;

/** What is signed: a fixed label (so the signature means nothing elsewhere), then canonical JSON. */
export function checkpointPayload(c: Pick<CheckpointData, 'seq' | 'hash' | 'at' | 'keyFingerprint'>): Buffer {
  return Buffer.from('casebook-audit-checkpoint-v1\n' + canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, key: c.keyFingerprint }));
}

export function signCheckpoint(key: AuditSigningKey, head: { seq: number; hash: string }, now: Date): CheckpointData {
  const unsigned = { seq: head.seq, hash: head.hash, at: now.toISOString(), keyFingerprint: key.fingerprint, publicKey: key.publicKey };
  return { ...unsigned, signature: sign(key, checkpointPayload(unsigned)) };
}

/** Field order fixed, so the same checkpoint always prints as the same line. */
export function checkpointLine(c: CheckpointData): string {
  return JSON.stringify({ seq: c.seq, hash: c.hash, at: c.at, keyFingerprint: c.keyFingerprint, publicKey: c.publicKey, signature: c.signature });
}

export type SignatureCheck = 'valid' | 'invalid' | 'other-key';

/**
 * Checks a checkpoint's signature. With `trusted`, it must have been made by that key; with
 * 'embedded' (checkpoints kept off the server, trusted as kept), by the key it carries.
 */
export function checkSignature(c: CheckpointData, trusted: AuditPublicKey | 'embedded'): SignatureCheck {
  const own = publicKeyFromRaw(c.publicKey);
  if (!own || own.fingerprint !== c.keyFingerprint) return 'invalid';
  if (trusted !== 'embedded' && trusted.fingerprint !== c.keyFingerprint) return 'other-key';
  return signatureValid(own, checkpointPayload(c), c.signature) ? 'valid' : 'invalid';
}

export interface CheckpointLines {
  checkpoints: CheckpointData[];
  /** Lines that are neither a checkpoint nor a log line carrying one (1-based line numbers). */
  unreadable: number[];
}

/**
 * Reads JSON Lines of checkpoints, as `casebook audit checkpoints` writes them; also accepts the
 * server's log lines that carry one (`{"message":"Audit checkpoint","checkpoint":{...}}`), so a
 * shipped log can be checked against directly. Blank lines and other log lines are skipped.
 */
export function parseCheckpointLines(text: string): CheckpointLines {
  const checkpoints: CheckpointData[] = [];
  const unreadable: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      unreadable.push(i + 1);
      return;
    }
    const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    if (record && !('checkpoint' in record) && 'message' in record && 'level' in record) return;
    const parsed = checkpointSchema.safeParse(record && 'checkpoint' in record ? record.checkpoint : value);
    if (parsed.success) checkpoints.push(parsed.data);
    else unreadable.push(i + 1);
  });
  return { checkpoints, unreadable };
}
