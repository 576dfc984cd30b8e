import { createHash } from 'node:crypto';
import { ImportField } from './import-fields';
import { MULTIPLE_SEPARATOR } from './import-fields';
import { parsePartialDate, PartialDateValue } from '../db/partial-date';
import type { RowProblem } from './import-batch.entity';

/** A reference as checked: an existing record, or a row of this batch (written first, found by its external id). */
export type ImportRef = { record: number } | { row: string };

export const cellList = (cell: string) => cell.split(MULTIPLE_SEPARATOR).map((s) => s.trim()).filter(Boolean);

/** The row's identity when the file gives none: the hash of its mapped cells, so the same row gives the same id. */
export function rowHashOf(cells: Record<string, string>): string {
  const canonical = JSON.stringify(Object.keys(cells).sort().map((k) => [k, cells[k]]));
  return createHash('sha256').update(canonical).digest('hex');
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'да', 'д', 'истина', '+', 'on']);
const FALSE = new Set(['no', 'n', 'false', '0', 'нет', 'н', 'ложь', '-', 'off', '']);

export function readBoolean(cell: string): boolean | null {
  const v = cell.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

export function readInteger(cell: string): number | null | 'nan' {
  const v = cell.trim().replace(/[\s\u00a0]/g, '');
  if (v === '') return null;
  if (!/^\d{1,9}$/.test(v)) return 'nan';
  return Number(v);
}

/**
 * A date as typed ("2005", "окт. 2005", "13.10.2005", "around 2005", "2005-03/2005-05"), or as
 * Uwazi writes dates for its import: Unix time in seconds ("1129161600"; ranges "from:to" or
 * "from ~ to"), read as the day it falls on in UTC.
 */
export function readDate(cell: string): PartialDateValue | null | 'bad' {
  const text = cell.trim();
  if (text === '') return null;
  const single = parsePartialDate({ value: unixDay(text) ?? text });
  if (single.ok) return single.date;
  const range = /^(.+?)\s*(?:\/|\.\.|–|—|~| - )\s*(.+)$/.exec(text) ?? /^(-?\d{9,11})\s*:\s*(-?\d{9,11})$/.exec(text);
  if (range) {
    const r = parsePartialDate({ precision: 'range', start: unixDay(range[1]) ?? range[1], end: unixDay(range[2]) ?? range[2] });
    if (r.ok) return r.date;
  }
  return 'bad';
}

/** "1129161600" → "2005-10-13"; anything else null. Nine to eleven digits (negative before 1970): never a year or a compact date like 20051013. */
function unixDay(text: string): string | null {
  if (!/^-?\d{9,11}$/.test(text.trim())) return null;
  const date = new Date(Number(text.trim()) * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

const GENDER_WORDS: Record<string, 'female' | 'male' | 'other' | 'unknown'> = {
  female: 'female', f: 'female', woman: 'female', ж: 'female', жен: 'female', женский: 'female', женщина: 'female',
  male: 'male', m: 'male', man: 'male', м: 'male', муж: 'male', мужской: 'male', мужчина: 'male',
  other: 'other', другой: 'other', иной: 'other',
  unknown: 'unknown', неизвестно: 'unknown', '': 'unknown',
};
export function readGender(cell: string) {
  return GENDER_WORDS[cell.trim().toLowerCase().replace(/\.$/, '')] ?? null;
}

export function readCoordinate(cell: string, limit: number): number | null | 'bad' {
  const text = cell.trim().replace(',', '.');
  if (text === '') return null;
  if (!/^[-+]?\d{1,3}(\.\d{1,12})?$/.test(text)) return 'bad';
  const n = Number(text);
  return Math.abs(n) <= limit ? n : 'bad';
}

/** Collects a row's problems, each naming its column and field. */
export class Problems {
  readonly list: RowProblem[] = [];
  constructor(private readonly columnOf: (field: string) => string) {}
  add(field: string, code: string, params: RowProblem['params'] = {}) {
    this.list.push({ column: this.columnOf(field), field, code, params });
  }
  has(field?: string) {
    return field ? this.list.some((p) => p.field === field) : this.list.length > 0;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text checked for length; text that cannot be stored as sent (a lone surrogate) is refused, never altered. */
export function readText(field: ImportField, cell: string, max: number, problems: Problems): string | null {
  // A missing required value is reported once, by checkRow.
  if (cell === '') return null;
  if (LONE_SURROGATE.test(cell)) {
    problems.add(field.code, 'invalid');
    return null;
  }
  if ([...cell].length > max) {
    problems.add(field.code, 'too-long', { max });
    return null;
  }
  return cell;
}
