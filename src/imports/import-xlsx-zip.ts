import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportFileError, ImportLimits } from './import-limits';

/**
 * XLSX is a ZIP of XML parts. Before any spreadsheet library sees one, every member is looked at
 * here: sizes (zip bombs), encryption, external links and DTDs (which XML parsers may resolve
 * into other files or URLs). Only a ZIP that passes is handed on, and then only the parts a
 * reader needs, in the order a streaming reader needs them (see `workbookStream`).
 */

/** A spreadsheet part compresses 5–50×; deflate's ceiling is about 1030×, which is what bombs use. */
const MAX_RATIO = 500;
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const MAX_RELS_BYTES = 4 * 1024 * 1024;
const XML_PART = /\.(xml|rels|vml)$/i;
const DTD_MARKERS = ['<!doctype', '<!entity'].flatMap((m) => [Buffer.from(m), Buffer.from(m, 'utf16le'), Buffer.from(m, 'utf16le').swap16()]);
/** The one kind of external relationship a reader never follows: a cell's clickable link. */
const HYPERLINK_REL = /\/relationships\/hyperlink$/;

export interface ZipPlan {
  /** Members to hand to the reader, in order. */
  entries: yauzl.Entry[];
  /** Sheet numbers (xl/worksheets/sheetN.xml) in file order of the plan. */
  sheets: number[];
}

function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    });
  });
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry, raw = false): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, raw ? { decompress: false } : {}, (err, stream) => {
      if (err || !stream) reject(err ?? new Error('no stream'));
      else resolve(stream);
    });
  });
}

async function allEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  if (zip.entryCount > MAX_ENTRIES) throw new ImportFileError('zip-bomb', { maxMb: 0 });
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/** Reads every XML member once, refusing DTDs and external relationships as it goes. */
async function scanPart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  const stream = await readStream(zip, entry);
  const isRels = /\.rels$/i.test(entry.fileName);
  const relsChunks: Buffer[] = [];
  let relsBytes = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const joined = Buffer.concat([carry, chunk]);
    const lower = Buffer.from(joined.toString('latin1').toLowerCase(), 'latin1');
    if (DTD_MARKERS.some((m) => lower.includes(m))) {
      stream.destroy();
      throw new ImportFileError('external-entities');
    }
    carry = joined.subarray(Math.max(0, joined.length - 32));
    if (isRels) {
      relsBytes += chunk.length;
      if (relsBytes > MAX_RELS_BYTES) throw new ImportFileError('unreadable');
      relsChunks.push(chunk);
    }
  }
  if (isRels) {
    const text = Buffer.concat(relsChunks).toString('utf8');
    for (const rel of text.match(/<Relationship\b[^>]*>/gi) ?? []) {
      if (!/TargetMode\s*=\s*["']External["']/i.test(rel)) continue;
      const type = /Type\s*=\s*["']([^"']*)["']/i.exec(rel)?.[1] ?? '';
      if (!HYPERLINK_REL.test(type)) throw new ImportFileError('external-links');
    }
    if (/\/relationships\/externalLink["']/i.test(text)) throw new ImportFileError('external-links');
  }
}

/** Inspects the ZIP; throws an ImportFileError for anything refused, else returns what to read. */
export async function inspectXlsx(filePath: string, limits: ImportLimits, claimsXlsx: boolean): Promise<ZipPlan> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(filePath);
  } catch {
    throw new ImportFileError(claimsXlsx ? 'not-what-it-says' : 'unknown-format');
  }
  try {
    const entries = await allEntries(zip);
    const names = new Set(entries.map((e) => e.fileName));
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
      throw new ImportFileError(claimsXlsx ? 'not-what-it-says' : 'unknown-format');
    }
    let total = 0;
    for (const e of entries) {
      if (e.isEncrypted()) throw new ImportFileError('encrypted');
      total += e.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new ImportFileError('zip-bomb', { maxMb: megabytes(limits.maxUncompressedBytes) });
      if (e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize / Math.max(1, e.compressedSize) > MAX_RATIO) {
        throw new ImportFileError('zip-bomb', { maxMb: megabytes(limits.maxUncompressedBytes) });
      }
      if (/^xl\/externalLinks\//i.test(e.fileName)) throw new ImportFileError('external-links');
    }
    for (const e of entries) {
      if (XML_PART.test(e.fileName)) await scanPart(zip, e);
    }
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const first = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'].flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
    const sheets = entries
      .map((e) => ({ e, n: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.fileName)?.[1] }))
      .filter((x) => x.n !== undefined)
      .sort((a, b) => Number(a.n) - Number(b.n));
    return { entries: [...first, ...sheets.map((s) => s.e)], sheets: sheets.map((s) => Number(s.n)) };
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    // yauzl reports a member larger than it claims, a bad CRC or a broken archive here.
    const message = err instanceof Error ? err.message : '';
    if (/too many bytes|expected \d+|uncompressed/i.test(message)) throw new ImportFileError('zip-bomb', { maxMb: megabytes(limits.maxUncompressedBytes) });
    throw new ImportFileError('unreadable');
  } finally {
    zip.close();
  }
}

/**
 * The planned members as a new ZIP stream, their compressed bytes copied as they are (nothing
 * inflated or deflated again) behind local headers that carry the sizes. exceljs's streaming
 * reader parses a ZIP front to back; given the workbook, styles and shared strings first, it
 * reads sheets straight through instead of parking them in temporary files (which it leaves
 * behind when reading fails), and it knows the date formats before the first cell.
 */
export function workbookStream(filePath: string, plan: ZipPlan): Readable {
  async function* parts(): AsyncGenerator<Buffer> {
    const zip = await openZip(filePath);
    try {
      const wanted = new Set(plan.entries.map((e) => e.fileName));
      const current = new Map((await allEntries(zip)).filter((e) => wanted.has(e.fileName)).map((e) => [e.fileName, e]));
      for (const planned of plan.entries) {
        const e = current.get(planned.fileName);
        if (!e || e.crc32 !== planned.crc32) throw new ImportFileError('unreadable');
        const name = Buffer.from(e.fileName, 'utf8');
        const header = Buffer.alloc(30);
        header.writeUInt32LE(0x04034b50, 0);
        header.writeUInt16LE(20, 4);
        header.writeUInt16LE(1 << 11, 6);
        header.writeUInt16LE(e.compressionMethod, 8);
        header.writeUInt16LE(0, 10);
        header.writeUInt16LE(0, 12);
        header.writeUInt32LE(e.crc32, 14);
        header.writeUInt32LE(e.compressedSize, 18);
        header.writeUInt32LE(e.uncompressedSize, 22);
        header.writeUInt16LE(name.length, 26);
        header.writeUInt16LE(0, 28);
        yield Buffer.concat([header, name]);
        for await (const chunk of (await readStream(zip, e, true)) as AsyncIterable<Buffer>) yield chunk;
      }
      // End of central directory (empty): a streaming reader stops here.
      const eocd = Buffer.alloc(22);
      eocd.writeUInt32LE(0x06054b50, 0);
      yield eocd;
    } finally {
      zip.close();
    }
  }
  return Readable.from(parts(), { objectMode: false });
}
