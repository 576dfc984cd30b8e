import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileDigest {
  /** Lower-case hex SHA-256 of every byte that passed. */
  sha256: string;
  bytes: number;
}

/**
 * A pass-through stream that hashes what flows through it. Read `digest()` once the stream has
 * finished; nothing is buffered beyond the stream's own high-water mark.
 */
export class Sha256PassThrough extends Transform {
  private readonly hash = crypto.createHash('sha256');
  private byteCount = 0;
  private hex: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.byteCount += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.hex = this.hash.digest('hex');
    callback();
  }

  digest(): FileDigest {
    if (this.hex === undefined) throw new Error('Sha256PassThrough.digest() called before the stream finished');
    return { sha256: this.hex, bytes: this.byteCount };
  }
}

/**
 * Streams `source` into a new file at `destination` while hashing it (the shape multer's custom
 * storage needs). The file is created exclusively, so an existing file is never overwritten; if
 * anything fails, the partial file is removed and the error rethrown.
 */
export async function writeAndHash(source: Readable, destination: string): Promise<FileDigest> {
  const hasher = new Sha256PassThrough();
  try {
    await pipeline(source, hasher, fs.createWriteStream(destination, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await fs.promises.rm(destination, { force: true });
    throw err;
  }
  return hasher.digest();
}

/** Hashes a readable stream to its end without keeping it. */
export async function sha256Stream(source: Readable): Promise<FileDigest> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Hashes a file by streaming it; used to re-check originals before download and in `evidence verify`. */
export function sha256File(path: string): Promise<FileDigest> {
  return sha256Stream(fs.createReadStream(path));
}
