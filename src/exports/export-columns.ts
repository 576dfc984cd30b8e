import { formatPartialDate, DatePrecision } from '../db/partial-date';

/** A cell as exported: text or a number; null is an empty cell. */
export type Cell = string | number | boolean | null;

/**
 * Spreadsheet programs execute cells that start with = + - @ (and tab/CR) as formulas: a
 * hostile record could run commands on a report writer's machine. CSV cells are prefixed with
 * an apostrophe (OWASP's advice); JSON exports keep the exact text. A text that already starts
 * with apostrophes before such a character gets one more, so that an import can take exactly one
 * away (csvUnsafe) and get the text back as it was.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function csvSafe(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text csvSafe was given: an apostrophe it added is taken away; any other text is left as it is. */
export function csvUnsafe(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
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

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** A spreadsheet cell's value and number format: a real date where one is known to the day, else the cell as it is. */
export interface SheetCell {
  value: Cell | Date;
  numFmt?: string;
}

/**
 * How a workbook holds each column (issue 13: real dates where the day is known). The earliest
 * and latest days of a date are real dates always; the date as people read it is a real date
 * when its precision is the day ("23 Oct 2005"), and stays text otherwise ("c. Oct 2005",
 * "Apr 2005"), so Excel never invents a day; its precision stays in its own column. Record
 * stamps (createdAt, updatedAt) are real date-times.
 */
export function sheetCells(header: string[], dayFormat: string): (row: Record<string, Cell>, column: string, value: Cell) => SheetCell {
  const dates = new Set(header.filter((h) => header.includes(`${h}Precision`)));
  const edges = new Set([...dates].flatMap((d) => [`${d}Earliest`, `${d}Latest`]));
  const day = (text: Cell): Date | null => {
    const m = typeof text === 'string' ? DAY.exec(text) : null;
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  };
  return (row, column, value) => {
    if (edges.has(column)) {
      const d = day(value);
      return d ? { value: d, numFmt: 'yyyy-mm-dd' } : { value };
    }
    if (dates.has(column) && row[`${column}Precision`] === 'day') {
      const d = day(row[`${column}Earliest`] ?? null);
      return d ? { value: d, numFmt: dayFormat } : { value };
    }
    if (column === 'createdAt' || column === 'updatedAt') {
      const m = typeof value === 'string' ? STAMP.exec(value) : null;
      return m ? { value: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0))), numFmt: 'yyyy-mm-dd hh:mm' } : { value };
    }
    return { value };
  };
}
