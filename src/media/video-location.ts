import fs from 'node:fs/promises';
import { errorMessage } from './error-message';
import { parseIso6709 } from './iso6709';
import type { GpsPosition } from './metadata';

/**
 * Where a video (or other MP4/QuickTime file) says it was recorded. Phones store the point in
 * the movie's metadata, in one of three places:
 *   moov/meta keys+ilst  'com.apple.quicktime.location.ISO6709' (iPhone; QuickTime metadata)
 *   moov/udta/©xyz       ISO 6709 text (Android, older iPhones; QuickTime user data)
 *   moov/udta/loci       3GPP location: fixed-point longitude, latitude, altitude
 * Only box headers and these small boxes are read, wherever the movie box sits in the file
 * (the sample tables, often megabytes, are skipped). Malformed files give a warning, never a throw.
 */
export interface VideoLocation {
  gps: GpsPosition | null;
  /** A location box or key was present (even if its value could not be read). */
  declared: boolean;
  warnings: string[];
}

interface Source {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

interface Box {
  type: string;
  start: number;
  /** Where the content starts (after size, type and any 64-bit size). */
  body: number;
  end: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'udta', 'meta', 'ilst']);
/** Boxes an MP4/QuickTime file starts with; anything else (WebM, MP3, WAV…) is not walked. */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
const LOCATION_KEY = 'com.apple.quicktime.location.ISO6709';
/** Location boxes are a few dozen bytes; anything larger is not read. */
const MAX_LEAF = 64 * 1024;
/** Bounds the walk over hostile files made of millions of empty boxes. */
const MAX_BOXES = 20_000;

class Walk {
  boxes = 0;
  declared = false;
  readonly found: { source: number; gps: GpsPosition }[] = [];
  readonly warnings: string[] = [];
  keys: string[] = [];

  constructor(private readonly src: Source) {}

  async children(start: number, end: number): Promise<Box[]> {
    const out: Box[] = [];
    for (let pos = start; pos + 8 <= end; ) {
      if (++this.boxes > MAX_BOXES) throw new Error('too many boxes');
      const head = await this.src.read(pos, 16);
      if (head.length < 8) break;
      let size = head.readUInt32BE(0);
      let body = pos + 8;
      if (size === 1) {
        if (head.length < 16) break;
        size = Number(head.readBigUInt64BE(8));
        body = pos + 16;
      } else if (size === 0) {
        size = end - pos;
      }
      if (size < body - pos || pos + size > end) {
        this.warnings.push('a box of the video runs past the end of its container');
        break;
      }
      out.push({ type: head.toString('latin1', 4, 8), start: pos, body, end: pos + size });
      pos += size;
    }
    return out;
  }

  async content(box: Box): Promise<Buffer | null> {
    if (box.end - box.body > MAX_LEAF) return null;
    return this.src.read(box.body, box.end - box.body);
  }

  async visit(box: Box): Promise<void> {
    switch (box.type) {
      case '\u00a9xyz':
        return this.userDataText(box);
      case 'loci':
        return this.loci(box);
      case 'keys':
        this.keys = await this.keyNames(box);
        return;
    }
    if (!CONTAINERS.has(box.type)) return;
    let start = box.body;
    if (box.type === 'meta') {
      start += await this.metaHeader(box);
      this.keys = [];
    }
    const kids = await this.children(start, box.end);
    // keys come before ilst in every writer seen, but read them first all the same.
    for (const kid of kids.filter((k) => k.type === 'keys')) await this.visit(kid);
    for (const kid of kids.filter((k) => k.type !== 'keys')) {
      if (box.type === 'ilst') await this.ilstItem(kid);
      else await this.visit(kid);
    }
  }

  /** ISO 'meta' is a full box (4 bytes of version and flags); QuickTime's is a plain container. */
  async metaHeader(box: Box): Promise<number> {
    const head = await this.src.read(box.body, 12);
    if (head.length >= 8 && head.toString('latin1', 4, 8) === 'hdlr') return 0;
    return head.length >= 4 && head.readUInt32BE(0) === 0 ? 4 : 0;
  }

  async keyNames(box: Box): Promise<string[]> {
    const data = await this.content(box);
    if (!data || data.length < 8) return [];
    const names: string[] = [];
    const count = data.readUInt32BE(4);
    for (let pos = 8, i = 0; i < count && pos + 8 <= data.length; i++) {
      const size = data.readUInt32BE(pos);
      if (size < 8 || pos + size > data.length) break;
      names.push(data.toString('utf8', pos + 8, pos + size));
      pos += size;
    }
    return names;
  }

  /** An item of an ilst: keyed by index into 'keys' (QuickTime metadata) or by its own type (iTunes-style '©xyz'). */
  async ilstItem(item: Box): Promise<void> {
    const index = Buffer.from(item.type, 'latin1').readUInt32BE(0);
    const name = item.type === '\u00a9xyz' ? LOCATION_KEY : this.keys[index - 1];
    if (name !== LOCATION_KEY) return;
    this.declared = true;
    for (const data of (await this.children(item.body, item.end)).filter((b) => b.type === 'data')) {
      const bytes = await this.content(data);
      if (bytes && bytes.length > 8) this.point(0, bytes.toString('utf8', 8));
    }
  }

  /** QuickTime user data text: 16-bit length, 16-bit language, the text (or, from some writers, a 'data' box). */
  async userDataText(box: Box): Promise<void> {
    this.declared = true;
    const bytes = await this.content(box);
    if (!bytes || bytes.length < 4) return this.unreadable();
    if (bytes.length >= 16 && bytes.toString('latin1', 4, 8) === 'data') return this.point(1, bytes.toString('utf8', 16));
    const length = bytes.readUInt16BE(0);
    this.point(1, bytes.toString('utf8', 4, Math.min(bytes.length, 4 + length)));
  }

  /** 3GPP TS 26.244 'loci': version/flags, language, name (NUL-terminated), role, then 16.16 fixed-point coordinates. */
  async loci(box: Box): Promise<void> {
    this.declared = true;
    const bytes = await this.content(box);
    if (!bytes || bytes.length < 6) return this.unreadable();
    let pos = 6;
    if (bytes[pos] === 0xfe && bytes[pos + 1] === 0xff) {
      for (pos += 2; pos + 1 < bytes.length && (bytes[pos] !== 0 || bytes[pos + 1] !== 0); pos += 2);
      pos += 2;
    } else {
      while (pos < bytes.length && bytes[pos] !== 0) pos++;
      pos += 1;
    }
    pos += 1; // role
    if (pos + 12 > bytes.length) return this.unreadable();
    const fixed = (at: number) => bytes.readInt32BE(at) / 65536;
    const [longitude, latitude, altitude] = [fixed(pos), fixed(pos + 4), fixed(pos + 8)];
    if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) this.found.push({ source: 2, gps: { latitude, longitude, altitude } });
    else this.unreadable();
  }

  point(source: number, text: string): void {
    const gps = parseIso6709(text);
    if (gps) this.found.push({ source, gps });
    else this.unreadable();
  }

  unreadable(): void {
    this.warnings.push('a location is recorded in the video but could not be read');
  }
}

function fileSource(handle: fs.FileHandle, size: number): Source {
  return {
    size,
    async read(offset, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

function bufferSource(bytes: Buffer): Source {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

export async function readVideoLocation(input: string | Buffer): Promise<VideoLocation> {
  let handle: fs.FileHandle | null = null;
  const result: VideoLocation = { gps: null, declared: false, warnings: [] };
  try {
    let src: Source;
    if (typeof input === 'string') {
      handle = await fs.open(input, 'r');
      src = fileSource(handle, (await handle.stat()).size);
    } else {
      src = bufferSource(input);
    }
    if (!FIRST_BOXES.has((await src.read(4, 4)).toString('latin1'))) return result;
    const walk = new Walk(src);
    try {
      for (const top of await walk.children(0, src.size)) if (top.type === 'moov') await walk.visit(top);
    } finally {
      result.declared = walk.declared || walk.found.length > 0;
      result.warnings.push(...new Set(walk.warnings));
      result.gps = walk.found.sort((a, b) => a.source - b.source)[0]?.gps ?? null;
    }
  } catch (err) {
    result.warnings.push(`the video's metadata could not be read: ${errorMessage(err)}`);
  } finally {
    await handle?.close();
  }
  return result;
}
