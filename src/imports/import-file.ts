import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ImportFileError, ImportLimits, resolveLimits } from './import-limits';
import { openCsv, TextFacts, TextStatistics } from './import-csv';
import { openXlsx } from './import-xlsx';
import { splitUwaziSheets } from './import-uwazi';
import { casebookExportSheets } from './import-casebook';
import { openJson } from './import-json';

export { DEFAULT_IMPORT_LIMITS, ImportFileError } from './import-limits';
export type { ImportLimits, ImportFileErrorCode } from './import-limits';

export type ImportFormat = 'csv' | 'xlsx' | 'json';

export interface ImportRow {
  /** The row's number as a spreadsheet program shows it (header row = 1, first data row = 2). */
  line: number;
  /** Aligned to the header (missing cells ''), trimmed; formulas as their text; XLSX dates as YYYY-MM-DD. */
  cells: string[];
}

export interface ImportSheet {
  name: string;
  /** Trimmed column names; a column with data but no name has ''. */
  header: string[];
  /** Non-empty data rows, counted when the file was opened (for progress bars). */
  rowCount: number;
  /** Streams the rows again from disk at every call; entirely empty rows are skipped. */
  rows(): AsyncIterable<ImportRow>;
}

export interface ImportNotice {
  code: 'formula-kept-as-text' | 'converted-from-windows-1251' | 'bom-removed' | 'empty-rows-skipped' | 'uwazi-export' | 'casebook-export';
  sheet?: string;
  /** The first place it happened. */
  line?: number;
  column?: string;
  /** How many cells or rows it happened to. */
  count?: number;
}

export interface ImportFile {
  format: ImportFormat;
  encoding: 'utf-8' | 'windows-1251' | null;
  delimiter: string | null;
  sha256: string;
  bytes: number;
  sheets: ImportSheet[];
  notices: ImportNotice[];
}

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const XLSX_EXTENSIONS = new Set(['.xlsx']);
/** JSON: an array of records, as Casebook's JSON export writes it (import-json.ts). */
const JSON_EXTENSIONS = new Set(['.json']);
const HEAD_BYTES = 64 * 1024;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** Compound File Binary (OLE): legacy .xls, or an OOXML file encrypted with a password. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Opens an uploaded spreadsheet for import, trusting neither its name nor its claimed type: the
 * bytes decide, and a name that says otherwise is refused ('not-what-it-says'). The whole file is
 * read once here (hash, encoding, every limit, headers, notices), so a refused file is refused
 * before anything is stored; `rows()` reads it again from disk. Nothing is written anywhere.
 */
export async function openImportFile(
  filePath: string,
  opts: { originalName?: string; limits?: Partial<ImportLimits> } = {},
): Promise<ImportFile> {
  const limits = resolveLimits(opts.limits);
  const name = opts.originalName ?? path.basename(filePath);
  const ext = path.extname(name).toLowerCase();

  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch {
    throw new ImportFileError('unreadable');
  }
  if (!stat.isFile()) throw new ImportFileError('unreadable');
  if (stat.size > limits.maxFileBytes) throw new ImportFileError('too-large', { max: limits.maxFileBytes, maxMb: megabytes(limits.maxFileBytes) });
  if (stat.size === 0) throw new ImportFileError('empty');

  const head = await readHead(filePath);
  const kind = contentKind(head);
  const claimsText = TEXT_EXTENSIONS.has(ext);
  const claimsXlsx = XLSX_EXTENSIONS.has(ext);

  if (kind === 'cfb') {
    if (await isEncryptedOoxml(filePath)) throw new ImportFileError('encrypted');
    throw new ImportFileError(claimsXlsx || claimsText ? 'not-what-it-says' : 'unknown-format');
  }
  if (kind === 'zip') {
    if (claimsText) throw new ImportFileError('not-what-it-says');
    if (!claimsXlsx && ext !== '') throw new ImportFileError('unknown-format');
    const facts = await hashFile(filePath, false);
    const xlsx = await openXlsx(filePath, limits, { claimsXlsx });
    return { format: 'xlsx', encoding: null, delimiter: null, sha256: facts.sha256, bytes: facts.bytes, ...xlsx };
  }
  if (claimsXlsx) throw new ImportFileError('not-what-it-says');
  const claimsJson = JSON_EXTENSIONS.has(ext);
  if (!claimsText && !claimsJson && ext !== '') throw new ImportFileError('unknown-format');
  if (kind === 'binary') throw new ImportFileError(claimsText || claimsJson ? 'not-what-it-says' : 'unknown-format');

  const facts = await hashFile(filePath, true);
  if (facts.text!.binary) throw new ImportFileError(claimsText || claimsJson ? 'not-what-it-says' : 'unknown-format');
  const sheetName = path.basename(name, path.extname(name)) || name;
  if (claimsJson) {
    // JSON is UTF-8 (RFC 8259): anything else is not what the name says.
    if (facts.text!.encoding !== 'utf-8') throw new ImportFileError('not-what-it-says');
    const notices: ImportNotice[] = facts.text!.bom ? [{ code: 'bom-removed' }] : [];
    const json = await openJson(filePath, sheetName, facts.bytes, limits);
    return { format: 'json', encoding: 'utf-8', delimiter: null, sha256: facts.sha256, bytes: facts.bytes, sheets: casebookExportSheets(json.sheets, notices, false), notices };
  }
  const csv = await openCsv(filePath, sheetName, limits, facts.text!);
  // An Uwazi export holds several templates in one file: one sheet per template.
  // Casebook's own export (import-casebook.ts): dates, record numbers and formula apostrophes read back.
  const sheets = casebookExportSheets(await splitUwaziSheets(csv.sheets, csv.notices), csv.notices, true);
  return { format: 'csv', sha256: facts.sha256, bytes: facts.bytes, ...csv, sheets };
}

export const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function contentKind(head: Buffer): 'zip' | 'cfb' | 'binary' | 'text' {
  if (head.subarray(0, 4).equals(ZIP_MAGIC) || head.subarray(0, 4).equals(EMPTY_ZIP_MAGIC)) return 'zip';
  if (head.subarray(0, 8).equals(CFB_MAGIC)) return 'cfb';
  return hasBinaryByte(head) ? 'binary' : 'text';
}

/** NUL and the C0 controls that never occur in text (WHATWG MIME sniffing's "binary data bytes"). */
export function hasBinaryByte(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return true;
  }
  return false;
}

/** An encrypted OOXML file is a CFB container holding an "EncryptedPackage" stream (MS-OFFCRYPTO). */
async function isEncryptedOoxml(filePath: string): Promise<boolean> {
  const marker = Buffer.from('EncryptedPackage', 'utf16le');
  let carry = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    const joined = Buffer.concat([carry, chunk as Buffer]);
    if (joined.includes(marker)) return true;
    carry = joined.subarray(Math.max(0, joined.length - marker.length));
  }
  return false;
}

/** One pass over the file: its SHA-256 and, for text, what the encoding guess needs. */
async function hashFile(filePath: string, asText: boolean): Promise<{ sha256: string; bytes: number; text: TextFacts | null }> {
  const hash = createHash('sha256');
  const stats = asText ? new TextStatistics() : null;
  let bytes = 0;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    stats?.add(buffer);
  }
  return { sha256: hash.digest('hex'), bytes, text: stats ? stats.finish() : null };
}
