import crypto from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { z } from 'zod';
import { BackupError } from './backup-errors';

/**
 * The plaintext inside a backup's age encryption (see README, "Backup and restore"):
 *
 *   CASEBOOK-BACKUP 1\n
 *   {"part":"manifest","bytes":N}\n  then N bytes of JSON (BackupManifest)
 *   {"part":"database","bytes":N}\n  then the SQLite snapshot
 *   {"part":"file","name":"session-secret","bytes":N}\n  then that file of the data directory, when there is one
 *   {"part":"object","sha256":H,"bytes":N}\n  then an evidence original, once per object new in this file
 *   {"part":"end","manifestSha256":H}\n
 *
 * Each header is one JSON line; every body's length is in its header, so the stream is read in
 * one pass without buffering a part. age authenticates every 64 KiB and the end, so an altered or
 * cut-off file is refused by decryption; the SHA-256s in the manifest and the end line check the
 * parts again as they are read.
 */
export const BACKUP_MAGIC = 'CASEBOOK-BACKUP 1\n';
export const BACKUP_FORMAT = 'casebook-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_SUFFIX = '.age';
export const BACKUP_FILE = /^casebook-backup-\d{8}T\d{6}\d{3}Z(?:-\d+)?\.age$/;

/** The data directory's files a backup carries besides the database and the evidence. */
export const DATA_FILES = ['session-secret'] as const;

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  id: z.string().uuid(),
  createdAt: z.string().max(40),
  fileName: z.string().regex(BACKUP_FILE),
  database: z.object({ sha256: SHA256, bytes: z.number().int().positive() }),
  /** Files of the data directory beside the database (the session secret, which second factors are encrypted with). */
  files: z.array(z.object({ name: z.enum(DATA_FILES), sha256: SHA256, bytes: z.number().int().nonnegative() })),
  auditHead: z.object({ seq: z.number().int().positive(), hash: SHA256 }).nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Every evidence object the snapshot refers to; `in` names the earlier file holding it, null for this one. */
  objects: z.array(z.object({ sha256: SHA256, bytes: z.number().int().nonnegative(), in: z.string().regex(BACKUP_FILE).nullable() })),
  /** The earlier files this one needs, with their manifests' ids. */
  needs: z.array(z.object({ file: z.string().regex(BACKUP_FILE), id: z.string().uuid() })),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const headerSchema = z.discriminatedUnion('part', [
  z.object({ part: z.literal('manifest'), bytes: z.number().int().positive().max(512 * 1024 ** 2) }),
  z.object({ part: z.literal('database'), bytes: z.number().int().positive() }),
  z.object({ part: z.literal('file'), name: z.enum(DATA_FILES), bytes: z.number().int().nonnegative().max(1024 ** 2) }),
  z.object({ part: z.literal('object'), sha256: SHA256, bytes: z.number().int().nonnegative() }),
  z.object({ part: z.literal('end'), manifestSha256: SHA256 }),
]);
export type PartHeader = z.infer<typeof headerSchema>;

const MAX_HEADER = 1024;

/** Writes parts into the plaintext stream, waiting for it to drain. */
export class BackupWriter {
  constructor(private readonly out: Writable) {}

  async start(): Promise<void> {
    await this.write(Buffer.from(BACKUP_MAGIC, 'latin1'));
  }

  async part(header: PartHeader, body?: Buffer | AsyncIterable<Buffer>): Promise<void> {
    await this.write(Buffer.from(JSON.stringify(header) + '\n', 'utf8'));
    if (!body) return;
    if (Buffer.isBuffer(body)) return this.write(body);
    for await (const chunk of body) await this.write(chunk);
  }

  end(): void {
    this.out.end();
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.out.destroyed) throw new Error('backup output closed');
    if (!this.out.write(chunk)) await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
  }
}

/** Reads the parts back in one pass: a line, then exactly as many bytes as it says. */
export class BackupReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly source: AsyncIterator<Buffer>;
  private finished = false;

  constructor(input: Readable) {
    this.source = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  async start(): Promise<void> {
    const magic = await this.take(BACKUP_MAGIC.length);
    if (magic.toString('latin1') !== BACKUP_MAGIC) throw new BackupError('notABackup');
  }

  async header(): Promise<PartHeader> {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl >= 0) {
        const line = this.buffer.subarray(0, nl).toString('utf8');
        this.buffer = this.buffer.subarray(nl + 1);
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new BackupError('notABackup');
        }
        const parsed = headerSchema.safeParse(value);
        if (!parsed.success) throw new BackupError('notABackup');
        return parsed.data;
      }
      if (this.buffer.length > MAX_HEADER) throw new BackupError('notABackup');
      if (!(await this.fill())) throw new BackupError('damaged', { why: 'cut off' });
    }
  }

  /**
   * A part's body, chunk by chunk. Must be read to its end before the next header; at its end the
   * SHA-256 is compared with `expected`, and a difference throws partAltered naming `part`.
   */
  async *body(bytes: number, expected: string, part: string): AsyncGenerator<Buffer> {
    const hash = crypto.createHash('sha256');
    let left = bytes;
    while (left > 0) {
      if (this.buffer.length === 0 && !(await this.fill())) throw new BackupError('damaged', { why: 'cut off' });
      const n = Math.min(left, this.buffer.length);
      const chunk = this.buffer.subarray(0, n);
      this.buffer = this.buffer.subarray(n);
      left -= n;
      hash.update(chunk);
      yield chunk;
    }
    if (hash.digest('hex') !== expected) throw new BackupError('partAltered', { part });
  }

  /** A short part (the manifest) whole, with its SHA-256. */
  async readAll(bytes: number): Promise<{ bytes: Buffer; sha256: string }> {
    const chunks: Buffer[] = [];
    let left = bytes;
    while (left > 0) {
      if (this.buffer.length === 0 && !(await this.fill())) throw new BackupError('damaged', { why: 'cut off' });
      const n = Math.min(left, this.buffer.length);
      chunks.push(Buffer.from(this.buffer.subarray(0, n)));
      this.buffer = this.buffer.subarray(n);
      left -= n;
    }
    const all = Buffer.concat(chunks);
    return { bytes: all, sha256: crypto.createHash('sha256').update(all).digest('hex') };
  }

  /** Nothing may follow the end line. */
  async atEnd(): Promise<boolean> {
    while (this.buffer.length === 0) if (!(await this.fill())) return true;
    return false;
  }

  private async take(n: number): Promise<Buffer> {
    while (this.buffer.length < n) if (!(await this.fill())) throw new BackupError('notABackup');
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  private async fill(): Promise<boolean> {
    if (this.finished) return false;
    const next = await this.source.next();
    if (next.done) {
      this.finished = true;
      return false;
    }
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
    return true;
  }
}

/** `casebook-backup-20261202T130501123Z.age`: sorts by time. */
export function backupFileName(at: Date, n = 0): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `casebook-backup-${stamp}${n ? `-${n}` : ''}${BACKUP_SUFFIX}`;
}
