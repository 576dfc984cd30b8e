import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Sha256PassThrough, sha256File, sha256Stream, writeAndHash } from '../../src/media';
import { makeTempDir, photo } from './media-fixtures';

const expected = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('media hashing', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sha256File matches crypto.createHash on the same bytes', async () => {
    const file = photo('Canon_40D.jpg');
    const bytes = fs.readFileSync(file);
    await expect(sha256File(file)).resolves.toEqual({ sha256: expected(bytes), bytes: bytes.length });
  });

  it('hashes an empty stream', async () => {
    await expect(sha256Stream(Readable.from([]))).resolves.toEqual({ sha256: expected(Buffer.alloc(0)), bytes: 0 });
  });

  it('streams 20 MB to disk while hashing, without buffering it', async () => {
    const total = 20 * 1024 * 1024;
    const chunk = 64 * 1024;
    const reference = crypto.createHash('sha256');
    async function* generate() {
      for (let sent = 0; sent < total; sent += chunk) {
        const piece = crypto.randomBytes(chunk);
        reference.update(piece);
        yield piece;
      }
    }
    const destination = path.join(dir, 'upload.bin');
    const digest = await writeAndHash(Readable.from(generate()), destination);

    expect(digest).toEqual({ sha256: reference.digest('hex'), bytes: total });
    expect(fs.statSync(destination).size).toBe(total);
    await expect(sha256File(destination)).resolves.toEqual(digest);
    expect(fs.statSync(destination).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing file', async () => {
    const destination = path.join(dir, 'existing.bin');
    fs.writeFileSync(destination, 'keep me');
    await expect(writeAndHash(Readable.from([Buffer.from('new')]), destination)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(destination, 'utf8')).toBe('keep me');
  });

  it('removes the partial file when the source fails mid-stream', async () => {
    const destination = path.join(dir, 'aborted.bin');
    const source = new PassThrough();
    const writing = writeAndHash(source, destination);
    source.write(Buffer.alloc(100_000, 1));
    setImmediate(() => source.destroy(new Error('client went away')));
    await expect(writing).rejects.toThrow('client went away');
    expect(fs.existsSync(destination)).toBe(false);
  });

  it('Sha256PassThrough passes bytes through unchanged and reports the digest after finishing', async () => {
    const bytes = crypto.randomBytes(300_000);
    const hasher = new Sha256PassThrough();
    expect(() => hasher.digest()).toThrow(/before the stream finished/);
    const received: Buffer[] = [];
    await pipeline(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), hasher, async function (source) {
      for await (const piece of source) received.push(piece as Buffer);
    });
    expect(Buffer.concat(received).equals(bytes)).toBe(true);
    expect(hasher.digest()).toEqual({ sha256: expected(bytes), bytes: bytes.length });
  });
});
