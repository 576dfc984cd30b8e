import { formatPartialDate, DatePrecision } from '../db/partial-date';

/** A cell as exported: text or a number; null is an empty cell. */
export type Cell = string | number | boolean | null;

/**
 * Spreadsheet programs execute cells that start with = + - @ (and tab/CR) as formulas: a
 * hostile record could run commands on a report writer's machine. CSV cells are prefixed with
 * an apostrophe (OWASP's advice); JSON exports keep the exact text.
 */
export function csvSafe(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function dateText(precision: string | null, start: string | null, end: string | null): string | null {
  if (!precision || !start || !end) return null;
  return formatPartialDate({ precision: precision as DatePrecision, start, end }) || null;
}
