import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { parse, CsvError } from 'csv-parse';
import { columnLetter, ImportFileError, ImportLimits, SheetGuard } from './import-limits';
import type { ImportNotice, ImportRow, ImportSheet } from './import-file';

/** What one pass over the raw bytes tells about a text file. */
export interface TextFacts {
  binary: boolean;
  bom: boolean;
  /** null: neither valid UTF-8 nor plausibly Windows-1251. */
  encoding: 'utf-8' | 'windows-1251' | null;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Windows-1251 punctuation Russian text uses (… – — « » № “ ” „ ‘ ’), neutral in the letter count. */
const CP1251_PUNCTUATION = new Set([0x85, 0x96, 0x97, 0xab, 0xbb, 0xb9, 0x93, 0x94, 0x84, 0x91, 0x92, 0xa0]);

/**
 * Streaming encoding evidence: strict UTF-8 validation, and how the bytes above 0x7F spread. In
 * Windows-1251 Russian letters are 0xC0–0xFF (and Ё/ё 0xA8/0xB8), so text in it is invalid UTF-8
 * whose high bytes are nearly all letters; Latin-1 or random bytes are not.
 */
export class TextStatistics {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private utf8 = true;
  private first = true;
  private bom = false;
  private binary = false;
  private cyrillic = 0;
  private other = 0;

  add(chunk: Buffer): void {
    if (this.first) {
      this.bom = chunk.subarray(0, 3).equals(UTF8_BOM);
      this.first = false;
    }
    if (!this.binary && chunk.includes(0)) this.binary = true;
    if (this.utf8) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.utf8 = false;
      }
    }
    for (const b of chunk) {
      if (b < 0x80) continue;
      if (b >= 0xc0 || b === 0xa8 || b === 0xb8) this.cyrillic++;
      else if (!CP1251_PUNCTUATION.has(b)) this.other++;
    }
  }

  finish(): TextFacts {
    if (this.utf8) {
      try {
        this.decoder.decode();
      } catch {
        this.utf8 = false;
      }
    }
    let encoding: TextFacts['encoding'] = null;
    if (this.utf8) encoding = 'utf-8';
    else if (!this.bom && this.cyrillic > 0 && this.cyrillic >= 4 * this.other) encoding = 'windows-1251';
    return { binary: this.binary, bom: this.bom, encoding };
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits the first records into the same number of fields most often, quotes
 * respected; ',' when none splits anything (a one-column file).
 */
export function sniffDelimiter(sample: string, complete: boolean): string {
  const records = sampleRecords(sample, complete);
  let best: { delimiter: string; score: number; fields: number } = { delimiter: ',', score: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = records.map((r) => countOutsideQuotes(r, delimiter)).filter((_, i) => records[i].trim() !== '');
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [c, f] of freq) if (f > modeFreq || (f === modeFreq && c > mode)) [mode, modeFreq] = [c, f];
    if (mode === 0) continue;
    if (modeFreq > best.score || (modeFreq === best.score && mode > best.fields)) best = { delimiter, score: modeFreq, fields: mode };
  }
  return best.delimiter;
}

function sampleRecords(sample: string, complete: boolean): string[] {
  const out: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length && out.length < 50; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      out.push(sample.slice(start, i));
      if (c === '\r' && sample[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (complete && out.length < 50 && start < sample.length) out.push(sample.slice(start));
  return out;
}

function countOutsideQuotes(record: string, delimiter: string): number {
  let n = 0;
  let inQuotes = false;
  for (const c of record) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === delimiter) n++;
  }
  return n;
}

/**
 * A CSV cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM(...)", "+cmd|...").
 * "+7 928 123-45-67" and "-5" are numbers, not formulas.
 */
export function looksLikeFormula(cell: string): boolean {
  if (cell === '') return false;
  const c = cell[0];
  if (c === '=' || c === '@') return cell.length > 1;
  if (c === '+' || c === '-') return !/^[+-][\d\s().,/-]*$/.test(cell);
  return false;
}

const iconvName = (encoding: 'utf-8' | 'windows-1251') => (encoding === 'utf-8' ? 'utf8' : 'win1251');

interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * Every record of the file but empty lines, decoded and split, each with its spreadsheet row
 * number (empty lines counted); streams, never buffers the file. csv-parse skips empty lines
 * cheaply but builds an Error for every record whose width differs from the first, so a file of
 * millions of blank lines is refused by watching its counters between chunks, before it
 * emits anything. `headerLine()`: the header's row (0 until known), where the row limit starts.
 */
async function* records(
  filePath: string,
  encoding: 'utf-8' | 'windows-1251',
  delimiter: string,
  limits: ImportLimits,
  sheet: string,
  headerLine: () => number,
  end?: { lines: number },
): AsyncGenerator<RawRecord> {
  const source = fs.createReadStream(filePath, { highWaterMark: 64 * 1024 });
  const decoded = source.pipe(iconv.decodeStream(iconvName(encoding), { stripBOM: true })) as unknown as Readable;
  const parser = parse({
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    bom: false,
    // csv-parse counts a whole record; a cell past the cell limit trips this well before memory grows.
    max_record_size: limits.maxCellChars * 8,
  });
  const rowsSeen = () => parser.info.records + parser.info.empty_lines - headerLine();
  const watch = new Transform({
    transform(chunk, _enc, done) {
      if (rowsSeen() > limits.maxRows) {
        done(new ImportFileError('too-many-rows', { sheet, line: headerLine() + limits.maxRows + 1, max: limits.maxRows }));
      } else done(null, chunk);
    },
  });
  source.on('error', (e) => parser.destroy(e));
  decoded.on('error', (e) => parser.destroy(e));
  watch.on('error', (e) => parser.destroy(e));
  decoded.pipe(watch).pipe(parser);
  let line = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; empty_lines: number } }>) {
      line = info.records + info.empty_lines;
      yield { line, fields: record };
    }
    if (rowsSeen() > limits.maxRows) {
      throw new ImportFileError('too-many-rows', { sheet, line: headerLine() + limits.maxRows + 1, max: limits.maxRows });
    }
    if (end) end.lines = parser.info.records + parser.info.empty_lines;
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    if (err instanceof CsvError && err.code === 'CSV_MAX_RECORD_SIZE') {
      const column = typeof (err as { column?: unknown }).column === 'number' ? (err as unknown as { column: number }).column : 0;
      throw new ImportFileError('cell-too-large', { sheet, line: parser.info.records + parser.info.empty_lines + 1, column: columnLetter(column + 1), max: limits.maxCellChars });
    }
    throw new ImportFileError('unreadable', { sheet, line: line + 1 });
  } finally {
    source.destroy();
    watch.destroy();
    parser.destroy();
  }
}

const isEmptyRecord = (fields: string[]) => fields.every((f) => f.trim() === '');

/** Opens a CSV whose bytes were checked (TextFacts): delimiter, header, limits and notices in one pass. */
export async function openCsv(
  filePath: string,
  sheetName: string,
  limits: ImportLimits,
  facts: TextFacts,
): Promise<{ encoding: 'utf-8' | 'windows-1251'; delimiter: string; sheets: ImportSheet[]; notices: ImportNotice[] }> {
  const encoding = facts.encoding;
  if (!encoding) throw new ImportFileError('unreadable');
  const delimiter = await detectDelimiter(filePath, encoding);
  const notices: ImportNotice[] = [];
  if (facts.bom) notices.push({ code: 'bom-removed' });
  if (encoding === 'windows-1251') notices.push({ code: 'converted-from-windows-1251' });

  let header: string[] | null = null;
  let headerLine = 0;
  let width = 0;
  let rowCount = 0;
  let guard: SheetGuard | null = null;
  const formulas: ImportNotice = { code: 'formula-kept-as-text', sheet: sheetName, count: 0 };
  const empty: ImportNotice = { code: 'empty-rows-skipped', sheet: sheetName, count: 0 };

  const end = { lines: 0 };
  let previous = 0;
  for await (const { line, fields } of records(filePath, encoding, delimiter, limits, sheetName, () => headerLine, end)) {
    if (header && line > previous + 1) {
      empty.line ??= previous + 1;
      empty.count! += line - previous - 1;
    }
    previous = line;
    if (!header) {
      if (line > limits.maxRows) throw new ImportFileError('too-many-rows', { sheet: sheetName, line: limits.maxRows + 1, max: limits.maxRows });
      if (isEmptyRecord(fields)) continue;
      header = fields.map((f) => f.trim());
      while (header.length && header[header.length - 1] === '') header.pop();
      headerLine = line;
      guard = new SheetGuard(limits, sheetName, headerLine);
      guard.row(line, header.length);
      header.forEach((cell, i) => guard!.cell(line, i, cell));
      width = header.length;
      continue;
    }
    let last = fields.length;
    while (last > 0 && fields[last - 1].trim() === '') last--;
    guard!.row(line, last);
    if (last === 0) {
      empty.line ??= line;
      empty.count!++;
      continue;
    }
    rowCount++;
    width = Math.max(width, last);
    for (let i = 0; i < last; i++) {
      guard!.cell(line, i, fields[i]);
      if (looksLikeFormula(fields[i].trim())) {
        if (!formulas.count) Object.assign(formulas, { line, column: columnLetter(i + 1) });
        formulas.count!++;
      }
    }
  }
  if (!header) throw new ImportFileError('no-header', { sheet: sheetName });
  // csv-parse counts the end of the last line as one more, empty, line.
  const trailing = end.lines - previous - 1;
  if (trailing > 0) {
    empty.line ??= previous + 1;
    empty.count! += trailing;
  }
  if (formulas.count) notices.push(formulas);
  if (empty.count) notices.push(empty);
  const fullHeader = [...header, ...Array<string>(width - header.length).fill('')];

  const sheet: ImportSheet = {
    name: sheetName,
    header: fullHeader,
    rowCount,
    rows: () => csvRows(filePath, encoding, delimiter, limits, sheetName, headerLine, fullHeader.length),
  };
  return { encoding, delimiter, sheets: [sheet], notices };
}

async function* csvRows(filePath: string, encoding: 'utf-8' | 'windows-1251', delimiter: string, limits: ImportLimits, sheet: string, headerLine: number, width: number): AsyncGenerator<ImportRow> {
  const guard = new SheetGuard(limits, sheet, headerLine);
  for await (const { line, fields } of records(filePath, encoding, delimiter, limits, sheet, () => headerLine)) {
    if (line <= headerLine) continue;
    guard.row(line, Math.min(fields.length, width));
    const cells = new Array<string>(width);
    let any = false;
    for (let i = 0; i < width; i++) {
      const raw = fields[i] ?? '';
      guard.cell(line, i, raw);
      cells[i] = raw.trim();
      if (cells[i] !== '') any = true;
    }
    if (any) yield { line, cells };
  }
}

async function detectDelimiter(filePath: string, encoding: 'utf-8' | 'windows-1251'): Promise<string> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const size = (await handle.stat()).size;
    // A cut multi-byte character at the end decodes as U+FFFD, harmless for counting delimiters.
    const text = iconv.decode(buffer.subarray(0, bytesRead), iconvName(encoding));
    return sniffDelimiter(text, bytesRead >= size);
  } finally {
    await handle.close();
  }
}
