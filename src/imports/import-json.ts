import fs from 'node:fs';
import readline from 'node:readline';
import { ImportFileError, ImportLimits, SheetGuard } from './import-limits';
import type { ImportRow, ImportSheet } from './import-file';

/**
 * A JSON file of records: an array of flat objects (text, number, true/false or null values),
 * one sheet whose columns are the objects' keys in the order they first appear. This is what
 * Casebook's JSON export writes (exports/export.service.ts: `[`, one object per line, `]`), read
 * line by line so that a large export never sits in memory; an array laid out otherwise is read
 * whole, up to WHOLE_FILE_BYTES. Anything else (an object, nested values, a broken line) is
 * refused as 'not-records', with the line.
 */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;

type Flat = Record<string, string | number | boolean | null>;
type Layout = 'lines' | 'whole';
type Element = { line: number; value: Flat };

export async function openJson(filePath: string, sheetName: string, bytes: number, limits: ImportLimits): Promise<{ sheets: ImportSheet[] }> {
  const header: string[] = [];
  const keys: string[] = [];
  const known = new Set<string>();
  let rowCount = 0;
  const pass = async (layout: Layout) => {
    const guard = new SheetGuard(limits, sheetName, 1);
    for await (const { line, value } of elements(filePath, layout, sheetName)) {
      for (const key of Object.keys(value)) {
        if (known.has(key)) continue;
        known.add(key);
        keys.push(key);
        header.push(key.normalize('NFC').trim());
      }
      guard.row(line, header.length);
      Object.values(value).forEach((v, i) => guard.cell(line, i, cellText(v)));
      rowCount++;
    }
  };
  let layout: Layout = 'lines';
  try {
    await pass('lines');
  } catch (err) {
    if (!(err instanceof NotLines)) throw err;
    if (bytes > WHOLE_FILE_BYTES) throw new ImportFileError('not-records', { sheet: sheetName, line: err.line });
    [header.length, keys.length, rowCount, layout] = [0, 0, 0, 'whole'];
    known.clear();
    await pass('whole');
  }
  if (header.length === 0) throw new ImportFileError('no-header');
  return { sheets: [{ name: sheetName, header, rowCount, rows: () => rowsOf(elements(filePath, layout, sheetName), keys) }] };
}

async function* rowsOf(source: AsyncIterable<Element>, keys: string[]): AsyncGenerator<ImportRow> {
  for await (const { line, value } of source) {
    const cells = keys.map((k) => cellText(value[k] ?? null));
    if (cells.some((c) => c !== '')) yield { line, cells };
  }
}

const cellText = (v: string | number | boolean | null): string => (v === null ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v).trim());

/** The file is not laid out one object per line (it may still be an array laid out otherwise). */
class NotLines extends Error {
  constructor(readonly line: number) {
    super(`not one record per line (line ${line})`);
  }
}

function flat(value: unknown, sheet: string, line: number): Flat {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ImportFileError('not-records', { sheet, line });
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object') throw new ImportFileError('not-records', { sheet, line });
  return value as Flat;
}

function elements(filePath: string, layout: Layout, sheet: string): AsyncGenerator<Element> {
  return layout === 'lines' ? byLines(filePath, sheet) : whole(filePath, sheet);
}

/** `[`, then one object per line (a comma after each but the last), then `]`: the layout of Casebook's JSON export. */
async function* byLines(filePath: string, sheet: string): AsyncGenerator<Element> {
  const input = fs.createReadStream(filePath, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let state: 'start' | 'rows' | 'end' = 'start';
  try {
    for await (const raw of lines) {
      n++;
      const text = (n === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (text === '') continue;
      if (state === 'start') {
        if (text === '[]') state = 'end';
        else if (text === '[') state = 'rows';
        else throw new NotLines(n);
        continue;
      }
      if (state === 'end') throw new NotLines(n);
      if (text === ']') {
        state = 'end';
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text.endsWith(',') ? text.slice(0, -1) : text);
      } catch {
        throw new NotLines(n);
      }
      yield { line: n, value: flat(value, sheet, n) };
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (state !== 'end') throw new NotLines(n);
}

async function* whole(filePath: string, sheet: string): AsyncGenerator<Element> {
  let value: unknown;
  try {
    value = JSON.parse((await fs.promises.readFile(filePath, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportFileError('not-records', { sheet, line: 1 });
  }
  if (!Array.isArray(value)) throw new ImportFileError('not-records', { sheet, line: 1 });
  for (let i = 0; i < value.length; i++) yield { line: i + 2, value: flat(value[i], sheet, i + 2) };
}
