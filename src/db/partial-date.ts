import { Column } from 'typeorm';

/**
 * Dates in the records are often known only to the month or year, approximately, or as a span
 * ("between April and September 2005"). Every partial date is stored as its precision plus the
 * earliest and latest possible day, so the timeline can sort and filter on `start` and draw
 * `start..end` as a bar, while the formatter shows the date as precisely as it is known.
 *
 * Approximate dates keep a central value widened by a fixed window, so the central value and its
 * granularity can be recovered from start/end alone:
 *   year  "c. 2005"        -> 2004-01-01 .. 2006-12-31   (one year either side)
 *   month "c. Oct 2005"    -> 2005-09-01 .. 2005-11-30   (one month either side)
 *   day   "c. 23 Oct 2005" -> 2005-10-16 .. 2005-10-30   (seven days either side)
 */
export const DATE_PRECISIONS = ['day', 'month', 'year', 'approximate', 'range'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const APPROXIMATE_DAY_WINDOW = 7;

/** Embedded as `@Column(() => PartialDate, { prefix: 'date' })` giving date_precision, date_start, date_end. */
export class PartialDate {
  @Column({ type: 'varchar', length: 12, nullable: true })
  precision: DatePrecision | null;

  /** Earliest possible day, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  start: string | null;

  /** Latest possible day, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  end: string | null;
}

export interface PartialDateValue {
  precision: DatePrecision;
  start: string;
  end: string;
}

/** What a form or API client sends: `value` for day/month/year/approximate, `start`/`end` for a range. */
export interface PartialDateInput {
  precision: string;
  value?: string | null;
  start?: string | null;
  end?: string | null;
}

export type PartialDateField = 'precision' | 'value' | 'start' | 'end';
export type PartialDateResult =
  | { ok: true; date: PartialDateValue }
  | { ok: false; field: PartialDateField; message: string };

/**
 * CHECK for an embedded partial date whose column prefix (snake_case) is `prefix`: the three
 * columns are set together, the precision is known, and the span does not run backwards.
 * ISO dates compare correctly as text on both SQLite and PostgreSQL. Every operand is tested
 * for NULL explicitly, because a CHECK that evaluates to NULL passes.
 */
export function partialDateCheck(prefix: string, opts: { required?: boolean } = {}): string {
  const p = `${prefix}_precision`;
  const s = `${prefix}_start`;
  const e = `${prefix}_end`;
  const present = `(${p} IS NOT NULL AND ${p} IN (${DATE_PRECISIONS.map((x) => `'${x}'`).join(',')}) AND ${s} IS NOT NULL AND ${e} IS NOT NULL AND ${s} <= ${e})`;
  if (opts.required) return present;
  return `((${p} IS NULL AND ${s} IS NULL AND ${e} IS NULL) OR ${present})`;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on UTC day numbers, so no time zone can shift a date.

type Granularity = 'day' | 'month' | 'year';
interface Parsed {
  granularity: Granularity;
  year: number;
  month: number; // 1..12; 1 when granularity is year
  day: number; // 1..31; 1 when granularity is month or year
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayNumber = (isoDate: string) => Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / 86_400_000;
const fromDayNumber = (n: number) => {
  const d = new Date(n * 86_400_000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};
/** Month arithmetic that carries into the year: addMonths(2005, 12, 1) is January 2006. */
const addMonths = (y: number, m: number, delta: number) => {
  const index = y * 12 + (m - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function parseCalendar(text: string): Parsed | string {
  const match = PATTERN.exec(text);
  if (!match) return 'Use the form YYYY, YYYY-MM or YYYY-MM-DD';
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return `The year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (match[2] === undefined) return { granularity: 'year', year, month: 1, day: 1 };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return 'The month must be between 01 and 12';
  if (match[3] === undefined) return { granularity: 'month', year, month, day: 1 };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return `${text} is not a day in the calendar`;
  return { granularity: 'day', year, month, day };
}

function earliest(p: Parsed): string {
  return iso(p.year, p.month, p.day);
}

function latest(p: Parsed): string {
  if (p.granularity === 'year') return iso(p.year, 12, 31);
  if (p.granularity === 'month') return iso(p.year, p.month, daysInMonth(p.year, p.month));
  return iso(p.year, p.month, p.day);
}

const GRANULARITY_FOR: Partial<Record<DatePrecision, Granularity>> = { day: 'day', month: 'month', year: 'year' };
const FORM_FOR: Record<Granularity, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' };

/**
 * Validates a partial date as entered and computes its earliest and latest day. Never throws:
 * the failure names the field it belongs to, so a form can show the message next to it.
 */
export function parsePartialDate(input: PartialDateInput): PartialDateResult {
  const precision = input.precision as DatePrecision;
  if (!DATE_PRECISIONS.includes(precision)) {
    return { ok: false, field: 'precision', message: `Choose one of: ${DATE_PRECISIONS.join(', ')}` };
  }
  const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');

  if (precision === 'range') {
    const startText = text(input.start);
    const endText = text(input.end);
    if (!startText) return { ok: false, field: 'start', message: 'Enter the start of the range' };
    if (!endText) return { ok: false, field: 'end', message: 'Enter the end of the range' };
    const s = parseCalendar(startText);
    if (typeof s === 'string') return { ok: false, field: 'start', message: s };
    const e = parseCalendar(endText);
    if (typeof e === 'string') return { ok: false, field: 'end', message: e };
    const date = { precision, start: earliest(s), end: latest(e) };
    if (date.end < date.start) return { ok: false, field: 'end', message: 'The end of the range is before its start' };
    return { ok: true, date };
  }

  const valueText = text(input.value);
  if (!valueText) return { ok: false, field: 'value', message: 'Enter a date' };
  const parsed = parseCalendar(valueText);
  if (typeof parsed === 'string') return { ok: false, field: 'value', message: parsed };

  if (precision === 'approximate') return { ok: true, date: { precision, ...approximateWindow(parsed) } };

  const wanted = GRANULARITY_FOR[precision]!;
  if (parsed.granularity !== wanted) {
    return { ok: false, field: 'value', message: `A ${precision} date is written ${FORM_FOR[wanted]}` };
  }
  return { ok: true, date: { precision, start: earliest(parsed), end: latest(parsed) } };
}

function approximateWindow(p: Parsed): { start: string; end: string } {
  if (p.granularity === 'year') return { start: iso(p.year - 1, 1, 1), end: iso(p.year + 1, 12, 31) };
  if (p.granularity === 'month') {
    const before = addMonths(p.year, p.month, -1);
    const after = addMonths(p.year, p.month, 1);
    return { start: iso(before.year, before.month, 1), end: iso(after.year, after.month, daysInMonth(after.year, after.month)) };
  }
  const centre = dayNumber(earliest(p));
  return { start: fromDayNumber(centre - APPROXIMATE_DAY_WINDOW), end: fromDayNumber(centre + APPROXIMATE_DAY_WINDOW) };
}

// ---------------------------------------------------------------------------------------------
// Formatting and the reverse mapping back to form input.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Split {
  y: number;
  m: number;
  d: number;
}
const split = (isoDate: string): Split => ({ y: +isoDate.slice(0, 4), m: +isoDate.slice(5, 7), d: +isoDate.slice(8, 10) });
const isFirstOfYear = (s: Split) => s.m === 1 && s.d === 1;
const isLastOfYear = (s: Split) => s.m === 12 && s.d === 31;
const isLastOfMonth = (s: Split) => s.d === daysInMonth(s.y, s.m);

const showDay = (s: Split) => `${s.d} ${MONTHS[s.m - 1]} ${s.y}`;
const showMonth = (s: Split) => `${MONTHS[s.m - 1]} ${s.y}`;
const showYear = (s: Split) => String(s.y);

/** The granularity at which both ends of a span fall on whole units (used for ranges). */
function spanGranularity(start: Split, end: Split): Granularity {
  if (isFirstOfYear(start) && isLastOfYear(end)) return 'year';
  if (start.d === 1 && isLastOfMonth(end)) return 'month';
  return 'day';
}

/** Recovers the central value of an approximate date from the window parsePartialDate gave it. */
function approximateCentre(start: string, end: string): { granularity: Granularity; value: string } {
  const s = split(start);
  const e = split(end);
  if (isFirstOfYear(s) && isLastOfYear(e) && e.y - s.y === 2) return { granularity: 'year', value: pad(s.y + 1, 4) };
  const middle = addMonths(s.y, s.m, 1);
  const last = addMonths(s.y, s.m, 2);
  if (s.d === 1 && isLastOfMonth(e) && e.y === last.year && e.m === last.month) {
    return { granularity: 'month', value: `${pad(middle.year, 4)}-${pad(middle.month)}` };
  }
  // The day window, or any other window (e.g. imported data): its midpoint.
  const centre = Math.floor((dayNumber(start) + dayNumber(end)) / 2);
  return { granularity: 'day', value: fromDayNumber(centre) };
}

type StoredPartialDate = { precision: DatePrecision | string | null; start: string | null; end: string | null };

/**
 * "23 Oct 2005", "Oct 2005", "2005", "c. 2005", "Apr 2005 – Sep 2005".
 * An absent date formats as the empty string; the view decides what to show instead.
 */
export function formatPartialDate(date: StoredPartialDate | null | undefined): string {
  if (!date || !date.precision || !date.start || !date.end) return '';
  const s = split(date.start);
  const e = split(date.end);
  switch (date.precision) {
    case 'day':
      return showDay(s);
    case 'month':
      return showMonth(s);
    case 'year':
      return showYear(s);
    case 'approximate': {
      const centre = approximateCentre(date.start, date.end);
      const c = split(centre.value.padEnd(10, '-01').slice(0, 10));
      const shown = centre.granularity === 'year' ? showYear(c) : centre.granularity === 'month' ? showMonth(c) : showDay(c);
      return `c. ${shown}`;
    }
    case 'range': {
      const g = spanGranularity(s, e);
      const show = g === 'year' ? showYear : g === 'month' ? showMonth : showDay;
      const [from, to] = [show(s), show(e)];
      return from === to ? from : `${from} – ${to}`;
    }
    default:
      return `${date.start} – ${date.end}`;
  }
}

/** The input that parsePartialDate would turn into this stored date: fills an edit form. */
export function partialDateToInput(date: StoredPartialDate | null | undefined): PartialDateInput | null {
  if (!date || !date.precision || !date.start || !date.end) return null;
  switch (date.precision) {
    case 'day':
      return { precision: 'day', value: date.start };
    case 'month':
      return { precision: 'month', value: date.start.slice(0, 7) };
    case 'year':
      return { precision: 'year', value: date.start.slice(0, 4) };
    case 'approximate':
      return { precision: 'approximate', value: approximateCentre(date.start, date.end).value };
    default: {
      const g = spanGranularity(split(date.start), split(date.end));
      const cut = g === 'year' ? 4 : g === 'month' ? 7 : 10;
      return { precision: 'range', start: date.start.slice(0, cut), end: date.end.slice(0, cut) };
    }
  }
}

/** Anything but a single known day is drawn as uncertain on the timeline. */
export function isUncertain(date: StoredPartialDate | null | undefined): boolean {
  return !date || date.precision !== 'day';
}
