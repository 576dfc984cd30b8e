import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { TransferError } from './transfer-errors';

/** What a restore accepts before it reads a byte of any member (a zip bomb stops here). */
export interface ZipLimits {
  maxMembers: number;
  /** Sum of the members' declared sizes. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, for members above `ratioFrom` bytes. */
  maxRatio: number;
  ratioFrom: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxMembers: 5_000_000,
  maxTotalBytes: 1024 ** 4,
  maxRatio: 200,
  ratioFrom: 1024 ** 2,
};

export interface ZipMember {
  name: string;
  bytes: number;
  entry: yauzl.Entry;
}

/**
 * A ZIP opened for reading members in any order. yauzl reads the central directory only, and
 * checks while streaming that no member yields more bytes than it declares, so the limits
 * checked on the declared sizes hold.
 */
export class TransferZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly members: Map<string, ZipMember>,
  ) {}

  static async open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<TransferZip> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (err, z) => (err || !z ? reject(new TransferError('notAZip')) : resolve(z))),
    );
    const members = new Map<string, ZipMember>();
    let total = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          if (members.size >= limits.maxMembers) return reject(new TransferError('tooManyMembers', { max: limits.maxMembers }));
          const name = entry.fileName;
          if (members.has(name)) return reject(new TransferError('duplicateMember', { name }));
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) return reject(new TransferError('tooLarge', { max: limits.maxTotalBytes }));
          if (entry.uncompressedSize > limits.ratioFrom && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
            return reject(new TransferError('zipBomb', { name, bytes: entry.uncompressedSize, ratio: Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize)) }));
          }
          members.set(name, { name, bytes: entry.uncompressedSize, entry });
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', () => reject(new TransferError('notAZip')));
        zip.readEntry();
      });
    } catch (err) {
      zip.close();
      throw err;
    }
    return new TransferZip(zip, members);
  }

  open(name: string): Promise<Readable> {
    const member = this.members.get(name);
    if (!member) throw new TransferError('memberMissing', { name });
    return new Promise((resolve, reject) => this.zip.openReadStream(member.entry, (err, stream) => (err || !stream ? reject(new TransferError('notAZip')) : resolve(stream))));
  }

  async readAll(name: string, max: number): Promise<Buffer> {
    const member = this.members.get(name);
    if (!member) throw new TransferError('memberMissing', { name });
    if (member.bytes > max) throw new TransferError('tooLarge', { max });
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * Splits a stream into lines (without their "\n"), refusing a line longer than `maxLine` bytes
 * before it is held: a member of one endless line cannot fill the memory.
 */
export async function* lines(source: Readable, maxLine: number, member: string): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  for await (const raw of source) {
    let chunk = raw as Buffer;
    for (;;) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        pendingBytes += chunk.length;
        if (pendingBytes > maxLine) throw new TransferError('lineTooLong', { member, line: lineNo + 1, max: maxLine });
        pending.push(chunk);
        break;
      }
      if (pendingBytes + nl > maxLine) throw new TransferError('lineTooLong', { member, line: lineNo + 1, max: maxLine });
      pending.push(chunk.subarray(0, nl));
      lineNo++;
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      chunk = chunk.subarray(nl + 1);
    }
  }
  if (pendingBytes > 0) {
    lineNo++;
    yield Buffer.concat(pending).toString('utf8');
  }
}
