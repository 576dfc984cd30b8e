import { Column } from 'typeorm';
import { LANGUAGES, Language, currentLanguage, t, translator } from '../i18n/i18n';

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
/**
 * What a form or client may send as the precision: a stored one, or `auto` ("as typed"), which
 * takes day, month, year or approximate from what was typed (`окт 2005` is a month, `около 2005`
 * an approximate year). An omitted precision is `auto`. Never stored.
 */
export const INPUT_PRECISIONS = ['auto', ...DATE_PRECISIONS] as const;
export type InputPrecision = (typeof INPUT_PRECISIONS)[number];

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

/**
 * What a form or API client sends: `value` for auto/day/month/year/approximate, `start`/`end`
 * for a range (or for auto with no value). parsePartialDate also takes it without a precision
 * (TypedPartialDate), which is `auto`.
 */
export interface PartialDateInput {
  precision: string;
  value?: string | null;
  start?: string | null;
  end?: string | null;
}

export type TypedPartialDate = Omit<PartialDateInput, 'precision'> & { precision?: string | null };

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

function earliest(p: Parsed): string {
  return iso(p.year, p.month, p.day);
}

function latest(p: Parsed): string {
  if (p.granularity === 'year') return iso(p.year, 12, 31);
  if (p.granularity === 'month') return iso(p.year, p.month, daysInMonth(p.year, p.month));
  return iso(p.year, p.month, p.day);
}

// ---------------------------------------------------------------------------------------------
// The words of dates come from the catalogues (locales/<lang>.json, section `dates`), so that a
// third language is added by translating them: month names in each use (`dates.months.day`: in a
// date with a day, Russian genitive "октября"; `short`: with a year only, "окт."; `name`: the
// name, "октябрь"; `range`: after "between", Russian instrumental "октябрём"; `in`: after "in",
// Russian prepositional "октябре"), the patterns of `dates.format` and `dates.range`, and the
// words input may carry (`dates.input`).

const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
export type MonthForm = 'day' | 'short' | 'name' | 'range' | 'in';
const MONTH_FORMS: readonly MonthForm[] = ['day', 'short', 'name', 'range', 'in'];

const say = (lang: Language) => {
  const T = translator(lang);
  return (key: string, opts?: Record<string, unknown>) => String(T(key, opts));
};

/** The month (1..12) as `lang` writes it in one use: monthName(10, 'short', 'ru') is "окт.". */
export function monthName(month: number, form: MonthForm, lang: Language = currentLanguage()): string {
  return say(lang)(`dates.months.${form}.${MONTH_KEYS[month - 1]}`);
}

/** "Oct 2005", "окт. 2005": a month of a year, as the month precision shows it. */
export function formatMonthYear(year: number, month: number, lang: Language = currentLanguage()): string {
  return say(lang)('dates.format.month', { month: monthName(month, 'short', lang), year });
}

/** What dates as people write them may contain, gathered from every language's catalogue. */
interface InputWords {
  /** Every month form of every language, lower case, without a final dot. */
  months: Map<string, number>;
  /** Approximate markers ("около", "c.", "~"), longest first. */
  approximate: string[];
  prepositions: Set<string>;
  yearWords: Set<string>;
  ordinals: Set<string>;
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
const undot = (s: string) => s.replace(/\.$/, '');

let cachedWords: InputWords | null = null;
function inputWords(): InputWords {
  if (cachedWords) return cachedWords;
  const months = new Map<string, number>();
  const clash = new Set<string>();
  const approximate = new Set<string>();
  const prepositions = new Set<string>();
  const yearWords = new Set<string>();
  const ordinals = new Set<string>();
  const list = (lang: Language, key: string) =>
    say(lang)(key)
      .split(',')
      .map((w) => fold(w.trim()))
      .filter(Boolean);
  for (const lang of LANGUAGES) {
    for (const form of MONTH_FORMS) {
      MONTH_KEYS.forEach((_key, i) => {
        const word = undot(fold(monthName(i + 1, form, lang)));
        if (months.has(word) && months.get(word) !== i + 1) clash.add(word);
        months.set(word, i + 1);
      });
    }
    for (const m of list(lang, 'dates.input.approximate')) {
      approximate.add(m);
      // "ca." may be typed "ca", "ок." as "ок".
      if (/\p{L}\.$/u.test(m)) approximate.add(undot(m));
    }
    for (const w of list(lang, 'dates.input.prepositions')) prepositions.add(w);
    for (const w of list(lang, 'dates.input.yearWords')) yearWords.add(undot(w));
    for (const w of list(lang, 'dates.input.ordinals')) ordinals.add(w);
  }
  for (const word of clash) months.delete(word);
  cachedWords = { months, approximate: [...approximate].sort((a, b) => b.length - a.length), prepositions, yearWords, ordinals };
  return cachedWords;
}

/** A month written as a word in any language: a form of the catalogue, or a prefix of three letters or more of one month's forms ("сен", "sept", "октяб"). */
function monthOfWord(token: string): number | null {
  const word = undot(fold(token));
  if (!/^\p{L}+$/u.test(word)) return null;
  const { months } = inputWords();
  const exact = months.get(word);
  if (exact) return exact;
  if (word.length < 3) return null;
  const found = new Set<number>();
  for (const [form, month] of months) if (form.startsWith(word)) found.add(month);
  return found.size === 1 ? [...found][0] : null;
}

// ---------------------------------------------------------------------------------------------
// Reading a date as typed.

/** A date as typed: its granularity and whether it was marked approximate. */
type Reading = ({ ok: true } & Parsed & { approximate: boolean }) | { ok: false; message: string };

const refuse = (key: string, params?: Record<string, unknown>): { ok: false; message: string } => ({ ok: false, message: t(`dates.errors.${key}`, params) });

/** The calendar check of what was read: the year in range, the month a month, the day in the month. */
function calendar(shown: string, year: number, month?: number, day?: number): Reading {
  if (year < MIN_YEAR || year > MAX_YEAR) return refuse('year', { min: MIN_YEAR, max: MAX_YEAR });
  if (month === undefined) return { ok: true, granularity: 'year', year, month: 1, day: 1, approximate: false };
  if (month < 1 || month > 12) return refuse('month');
  if (day === undefined) return { ok: true, granularity: 'month', year, month, day: 1, approximate: false };
  if (day < 1 || day > daysInMonth(year, month)) return refuse('notADay', { text: shown });
  return { ok: true, granularity: 'day', year, month, day, approximate: false };
}

/** 10/11/2005: day first (10 November) or month first (11 October)? Refused when both are days and differ. */
function dayMonthEitherWay(shown: string, a: number, b: number, year: number): Reading {
  const aMonth = a >= 1 && a <= 12;
  const bMonth = b >= 1 && b <= 12;
  if (!aMonth && !bMonth) return year < MIN_YEAR || year > MAX_YEAR ? calendar(shown, year) : refuse('notADay', { text: shown });
  if (a === b || (bMonth && !aMonth)) return calendar(shown, year, b, a);
  if (aMonth && !bMonth) return calendar(shown, year, a, b);
  const dayFirst = calendar(shown, year, b, a);
  const monthFirst = calendar(shown, year, a, b);
  if (!dayFirst.ok) return monthFirst.ok ? monthFirst : dayFirst;
  if (!monthFirst.ok) return dayFirst;
  const show = (r: Parsed) => formatPartialDate({ precision: 'day', start: earliest(r), end: earliest(r) });
  return refuse('ambiguous', { text: shown, dayFirst: show(dayFirst), monthFirst: show(monthFirst) });
}

function readNumbers(shown: string, s: string): Reading {
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s); // ISO: 2005, 2005-10, 2005-10-23
  if (m) return calendar(shown, +m[1], m[2] === undefined ? undefined : +m[2], m[3] === undefined ? undefined : +m[3]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(s); // 23.10.2005: day first, always
  if (m) return calendar(shown, +m[3], +m[2], +m[1]);
  m = /^(\d{1,2})[./](\d{4})$/.exec(s); // 10.2005, 10/2005
  if (m) return calendar(shown, +m[2], +m[1]);
  m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(s); // 23/10/2005, 10/23/2005: whichever reading exists
  if (m) return dayMonthEitherWay(shown, +m[1], +m[3], +m[4]);
  if (/^\d{1,2}([./-])\d{1,2}\1\d{2}$/.test(s)) return refuse('shortYear');
  return refuse('unrecognised');
}

function readWords(tokens: string[]): Reading | null {
  const isDay = (x: string) => /^\d{1,2}$/.test(x);
  const isYear = (x: string) => /^\d{4}$/.test(x);
  let day: string | undefined;
  let word: string;
  let year: string;
  if (tokens.length === 3 && isDay(tokens[0]) && !/\d/.test(tokens[1])) [day, word, year] = tokens; // 23 октября 2005
  else if (tokens.length === 3 && !/\d/.test(tokens[0]) && isDay(tokens[1])) [word, day, year] = tokens; // October 23 2005
  else if (tokens.length === 2 && !/\d/.test(tokens[0])) [word, year] = tokens; // окт 2005
  else return null;
  if (/^\d{2}$/.test(year)) return refuse('shortYear');
  if (!isYear(year)) return null;
  const month = monthOfWord(word);
  if (!month) return refuse('unknownMonth', { word });
  return { ok: true, granularity: day === undefined ? 'month' : 'day', year: +year, month, day: day === undefined ? 1 : +day, approximate: false };
}

/**
 * Reads a date the way people write it, in any language of the catalogues: ISO (2005, 2005-10,
 * 2005-10-23), 23.10.2005, 10.2005, 23 октября 2005, октябрь 2005, окт 2005, окт. 2005,
 * October 2005, Oct 2005, 23 Oct 2005, October 23, 2005; "г." or "года" after the year; an
 * approximate marker first ("около", "ок.", "примерно", "c.", "ca.", "circa", "about", "~", "≈").
 * Case and extra spaces are forgiven. 10/11/2005 is refused as ambiguous, 31.02.2005 as no day.
 */
function readDate(raw: string): Reading {
  const shown = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  const words = inputWords();
  // Tokens keep the case they were typed in (for messages); comparisons fold case and ё.
  let s = shown;
  let approximate = false;
  for (const marker of words.approximate) {
    if (!fold(s).startsWith(marker)) continue;
    // A marker that ends in a letter must end a word: "ок 2005" is approximate, "окт 2005" is not.
    if (/\p{L}$/u.test(marker) && /\p{L}/u.test(s.charAt(marker.length))) continue;
    approximate = true;
    s = s.slice(marker.length).trim();
    break;
  }
  s = s
    .replace(/,/g, ' ')
    .replace(/(\d)-?(\p{L})/gu, '$1 $2') // 2005г. -> 2005 г., 23-го -> 23 го, 23rd -> 23 rd
    .replace(/(\p{L}\.?)(\d)/gu, '$1 $2') // окт.2005 -> окт. 2005
    .replace(/\s+/g, ' ')
    .trim();
  const tokens = s ? s.split(' ') : [];
  const last = () => fold(tokens[tokens.length - 1]);
  if (tokens.length > 1 && words.prepositions.has(fold(tokens[0]))) tokens.shift(); // "примерно в 2005 году"
  if (tokens.length > 1 && /\d\.?$/.test(tokens[tokens.length - 2]) && words.yearWords.has(undot(last()))) tokens.pop(); // 2005 г., 23.10.2005 года
  for (let i = 1; i < tokens.length; i++) {
    if (/^\d{1,2}$/.test(tokens[i - 1]) && words.ordinals.has(fold(tokens[i]))) tokens.splice(i, 1); // 23rd, 23-го
  }
  if (!tokens.length) return refuse('unrecognised');
  const read = tokens.length === 1 && !/\p{L}/u.test(tokens[0]) ? readNumbers(shown, tokens[0]) : readWords(tokens) ?? refuse('unrecognised');
  if (!read.ok) return read;
  // Words were read without the calendar check: do it now.
  const checked = read.granularity === 'day' ? calendar(shown, read.year, read.month, read.day) : read.granularity === 'month' ? calendar(shown, read.year, read.month) : calendar(shown, read.year);
  return checked.ok ? { ...checked, approximate } : checked;
}

const RULE_FOR: Record<Granularity, string> = { day: 'dates.errors.wrongPrecision.day', month: 'dates.errors.wrongPrecision.month', year: 'dates.errors.wrongPrecision.year' };

/**
 * Validates a partial date as entered and computes its earliest and latest day. Never throws:
 * the failure names the field it belongs to, so a form can show the message next to it, worded
 * in the language of the request (`dates.errors.*`). Precision `auto` (or none) takes the
 * precision from what was typed; an explicit one must agree with it. The stored precision is
 * never `auto`.
 */
export function parsePartialDate(input: TypedPartialDate): PartialDateResult {
  const precision = (input.precision ?? 'auto') as InputPrecision;
  if (!(INPUT_PRECISIONS as readonly string[]).includes(precision)) {
    return { ok: false, field: 'precision', message: t('dates.errors.precision', { list: INPUT_PRECISIONS.join(', ') }) };
  }
  const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');
  const valueText = text(input.value);

  if (precision === 'range' || (precision === 'auto' && !valueText && (text(input.start) || text(input.end)))) {
    const startText = text(input.start);
    const endText = text(input.end);
    if (!startText) return { ok: false, field: 'start', message: t('dates.errors.enterStart') };
    if (!endText) return { ok: false, field: 'end', message: t('dates.errors.enterEnd') };
    const s = readDate(startText);
    if (!s.ok) return { ok: false, field: 'start', message: s.message };
    if (s.approximate) return { ok: false, field: 'start', message: t('dates.errors.approximateInRange') };
    const e = readDate(endText);
    if (!e.ok) return { ok: false, field: 'end', message: e.message };
    if (e.approximate) return { ok: false, field: 'end', message: t('dates.errors.approximateInRange') };
    const date: PartialDateValue = { precision: 'range', start: earliest(s), end: latest(e) };
    if (date.end < date.start) return { ok: false, field: 'end', message: t('dates.errors.endBeforeStart') };
    return { ok: true, date };
  }

  if (!valueText) return { ok: false, field: 'value', message: t('dates.errors.enterDate') };
  const parsed = readDate(valueText);
  if (!parsed.ok) return { ok: false, field: 'value', message: parsed.message };
  const shown = valueText.replace(/\s+/g, ' ');

  if (precision === 'approximate' || (precision === 'auto' && parsed.approximate)) {
    return { ok: true, date: { precision: 'approximate', ...approximateWindow(parsed) } };
  }
  if (precision === 'auto') return { ok: true, date: { precision: parsed.granularity, start: earliest(parsed), end: latest(parsed) } };

  const asTyped = t('dates.form.precisions.auto');
  if (parsed.approximate) {
    return { ok: false, field: 'value', message: t('dates.errors.markedApproximate', { text: shown, approximately: t('dates.form.precisions.approximate'), asTyped }) };
  }
  if (parsed.granularity !== precision) {
    return { ok: false, field: 'value', message: t('dates.errors.keepAsTyped', { rule: t(RULE_FOR[precision]), text: shown, asTyped }) };
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

interface Split {
  y: number;
  m: number;
  d: number;
}
const split = (isoDate: string): Split => ({ y: +isoDate.slice(0, 4), m: +isoDate.slice(5, 7), d: +isoDate.slice(8, 10) });
const isFirstOfYear = (s: Split) => s.m === 1 && s.d === 1;
const isLastOfYear = (s: Split) => s.m === 12 && s.d === 31;
const isLastOfMonth = (s: Split) => s.d === daysInMonth(s.y, s.m);

/** The formats of one language: "23 Oct 2005" / "23 октября 2005 г.", "Oct 2005" / "окт. 2005", "2005" / "2005 г.". */
function writer(lang: Language) {
  const T = say(lang);
  const month = (m: number, form: MonthForm) => monthName(m, form, lang);
  return {
    T,
    month,
    day: (s: Split) => T('dates.format.day', { day: s.d, month: month(s.m, 'day'), year: s.y }),
    monthYear: (s: Split) => formatMonthYear(s.y, s.m, lang),
    year: (s: Split) => T('dates.format.year', { year: s.y }),
  };
}
type Writer = ReturnType<typeof writer>;

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

/**
 * A span: "Apr 2005 – Sep 2005" where the catalogue's `dates.range.style` is "dash" (English);
 * "между мартом и маем 2006", "между 2004 и 2006 гг.", "между 3 марта и 5 мая 2006 г." where it
 * is "between" (Russian), with a year shared by both ends written once.
 */
function formatRange(s: Split, e: Split, w: Writer): string {
  const g = spanGranularity(s, e);
  const show = g === 'year' ? w.year : g === 'month' ? w.monthYear : w.day;
  const [from, to] = [show(s), show(e)];
  if (from === to) return from;
  if (w.T('dates.range.style') !== 'between') return w.T('dates.range.dash', { from, to });
  if (g === 'year') return w.T('dates.range.years', { from: s.y, to: e.y });
  if (g === 'month') {
    if (s.y === e.y) return w.T('dates.range.monthsSameYear', { from: w.month(s.m, 'range'), to: w.month(e.m, 'range'), year: s.y });
    return w.T('dates.range.months', { from: w.month(s.m, 'range'), fromYear: s.y, to: w.month(e.m, 'range'), toYear: e.y });
  }
  if (s.y === e.y && s.m === e.m) return w.T('dates.range.daysSameMonth', { from: s.d, to: e.d, month: w.month(s.m, 'day'), year: s.y });
  if (s.y === e.y) return w.T('dates.range.daysSameYear', { fromDay: s.d, fromMonth: w.month(s.m, 'day'), toDay: e.d, toMonth: w.month(e.m, 'day'), year: s.y });
  return w.T('dates.range.days', { from, to });
}

type StoredPartialDate = { precision: DatePrecision | string | null; start: string | null; end: string | null };

/**
 * The date as precisely as it is known, in `lang` (the request's language by default):
 * "23 Oct 2005", "Oct 2005", "2005", "c. 2005", "Apr 2005 – Sep 2005" in English;
 * "23 октября 2005 г.", "окт. 2005", "2005 г.", "≈ 2005", "между мартом и маем 2006" in Russian.
 * An absent date formats as the empty string; the view decides what to show instead.
 */
export function formatPartialDate(date: StoredPartialDate | null | undefined, lang: Language = currentLanguage()): string {
  if (!date || !date.precision || !date.start || !date.end) return '';
  const key = `${lang}\u0000${date.precision}\u0000${date.start}\u0000${date.end}`;
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    formatted.set(key, (text = formatStoredDate(date as { precision: string; start: string; end: string }, lang)));
  }
  return text;
}

/**
 * Dates already worded, by language and stored value. A case page words a few dozen dates, each
 * several times (list, timeline, record index), and every wording goes through i18next, whose
 * per-call option objects made a fifth of the page's time and much of its garbage. The
 * catalogues are loaded once per process (i18n.ts), so a wording never goes stale.
 */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 20_000;

function formatStoredDate(date: { precision: string; start: string; end: string }, lang: Language): string {
  const s = split(date.start);
  const e = split(date.end);
  const w = writer(lang);
  switch (date.precision) {
    case 'day':
      return w.day(s);
    case 'month':
      return w.monthYear(s);
    case 'year':
      return w.year(s);
    case 'approximate': {
      const centre = approximateCentre(date.start, date.end);
      const c = split(centre.value.padEnd(10, '-01').slice(0, 10));
      if (centre.granularity === 'year') return w.T('dates.format.approximate.year', { year: c.y });
      return w.T(`dates.format.approximate.${centre.granularity}`, { date: centre.granularity === 'month' ? w.monthYear(c) : w.day(c) });
    }
    case 'range':
      return formatRange(s, e, w);
    default:
      return `${date.start} – ${date.end}`;
  }
}

/** The input that parsePartialDate would turn into this stored date: fills an edit form (ISO values, read in every language). */
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
