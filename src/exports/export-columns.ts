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

/**
 * Every date of every export is four columns, so that no window edge is ever read as the date:
 * `<name>` the date as people read it ("c. Oct 2005", "Apr 2005", "23 Oct 2005"),
 * `<name>Precision` (day, month, year, approximate, range),
 * `<name>Earliest` and `<name>Latest` its earliest and latest possible day (YYYY-MM-DD).
 * Every export kind declares its date columns with dateColumns and fills them with dateCells.
 */
export const DATE_COLUMN_SUFFIXES = ['', 'Precision', 'Earliest', 'Latest'] as const;

export function dateColumns(name: string): string[] {
  return DATE_COLUMN_SUFFIXES.map((suffix) => name + suffix);
}

type StoredDate = { precision: string | null; start: string | null; end: string | null } | null | undefined;

/** The four cells of one date (all empty when it was not recorded). */
export function dateCells(name: string, date: StoredDate): Record<string, Cell> {
  const known = date && date.precision && date.start && date.end ? date : null;
  return {
    [name]: known ? dateText(known.precision, known.start, known.end) : null,
    [`${name}Precision`]: known?.precision ?? null,
    [`${name}Earliest`]: known?.start ?? null,
    [`${name}Latest`]: known?.end ?? null,
  };
}

/** A row read with `<prefix>_precision`, `<prefix>_start`, `<prefix>_end` columns, as a date. */
export function storedDate(row: Record<string, unknown>, prefix = 'date'): StoredDate {
  return { precision: (row[`${prefix}_precision`] as string | null) ?? null, start: (row[`${prefix}_start`] as string | null) ?? null, end: (row[`${prefix}_end`] as string | null) ?? null };
}
