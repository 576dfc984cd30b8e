import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainContent {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  fields: string;
  detail: string;
  ip: string | null;
}

/** Canonical JSON: keys sorted, no whitespace; the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k])).join(',') + '}';
}

export function entryHash(prevHash: string, content: ChainContent): string {
  const canonical = canonicalJson({
    seq: content.seq,
    at: content.at,
    actorUserId: content.actorUserId,
    actorLabel: content.actorLabel,
    action: content.action,
    recordType: content.recordType,
    recordId: content.recordId,
    fields: content.fields,
    detail: content.detail,
    ip: content.ip,
  });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface ChainRow extends ChainContent {
  prevHash: string;
  hash: string;
}

/**
 * Walks entries in stored order and names the first break: altered content, a missing or
 * reordered entry (sequence or link mismatch), or entries removed from the end (head mismatch).
 * Fed one row at a time so a long trail is never held in memory.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private previousHash: string;
  count = 0;
  problem: ChainProblem | null = null;

  /** From the start of the trail, or from an entry already known to be good (a checkpoint). */
  constructor(after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = after.seq + 1;
    this.previousHash = after.hash;
  }

  /** Returns false once a problem is found; later rows are then ignored. */
  push(row: ChainRow): boolean {
    if (this.problem) return false;
    this.count++;
    const expected = this.expectedSeq;
    if (row.seq !== expected) {
      this.problem = {
        seq: row.seq,
        problem:
          row.seq > expected
            ? `${row.seq - 1 > expected ? `entries ${expected}–${row.seq - 1} are` : `entry ${expected} is`} missing before entry ${row.seq}`
            : `entry ${row.seq} is out of order (expected entry ${expected})`,
      };
    } else if (row.prevHash !== this.previousHash) {
      this.problem = { seq: row.seq, problem: `entry ${row.seq} does not link to entry ${row.seq - 1} (an entry was removed, replaced or reordered)` };
    } else if (entryHash(row.prevHash, row) !== row.hash) {
      this.problem = { seq: row.seq, problem: `entry ${row.seq} was altered: its content no longer matches its hash` };
    } else {
      this.previousHash = row.hash;
      this.expectedSeq++;
      return true;
    }
    return false;
  }

  finish(head: { seq: number; hash: string } | null): { count: number; problem: ChainProblem | null; lastHash: string } {
    const lastSeq = this.expectedSeq - 1;
    if (!this.problem && head && (head.seq !== lastSeq || head.hash !== this.previousHash)) {
      this.problem = {
        seq: Math.min(head.seq, lastSeq + 1),
        problem:
          head.seq > lastSeq
            ? `entries ${lastSeq + 1}–${head.seq} were removed from the end of the trail`
            : `the trail's head record does not match entry ${lastSeq}`,
      };
    }
    if (!this.problem && !head && lastSeq > 0) {
      this.problem = { seq: lastSeq, problem: 'the trail head record is missing' };
    }
    return { count: this.count, problem: this.problem, lastHash: this.previousHash };
  }
}
