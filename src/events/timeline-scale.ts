import { t } from '../i18n/i18n';

/**
 * The time axis of the timeline picture: UTC day numbers mapped to x, with tick marks at whole
 * days, months or years chosen so that the labels never crowd, whatever the span of the case
 * (a week of detention or twenty years of litigation).
 */
import { formatMonthYear, monthName } from '../db/partial-date';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function dayOf(isoDate: string): number {
  return Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / DAY_MS;
}

function parts(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const monthStart = (monthIndex: number) => Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS;
const monthIndexOf = (day: number) => {
  const p = parts(day);
  return p.y * 12 + p.m - 1;
};

type Unit = 'day' | 'month' | 'year';
interface Step {
  unit: Unit;
  size: number;
}

const STEPS: Step[] = [
  { unit: 'day', size: 1 },
  { unit: 'day', size: 2 },
  { unit: 'day', size: 7 },
  { unit: 'day', size: 14 },
  { unit: 'month', size: 1 },
  { unit: 'month', size: 2 },
  { unit: 'month', size: 3 },
  { unit: 'month', size: 6 },
  { unit: 'year', size: 1 },
  { unit: 'year', size: 2 },
  { unit: 'year', size: 5 },
  { unit: 'year', size: 10 },
  { unit: 'year', size: 20 },
  { unit: 'year', size: 50 },
];

/** The tick at or before `day` (floor) for a step. Weeks start on Mondays (day 4 was one). */
function floorTo(step: Step, day: number): number {
  if (step.unit === 'day') {
    const offset = step.size >= 7 ? 4 : 0;
    return day - (((day - offset) % step.size) + step.size) % step.size;
  }
  if (step.unit === 'month') {
    const mi = monthIndexOf(day);
    return monthStart(mi - (mi % step.size));
  }
  const y = parts(day).y;
  return Date.UTC(y - (((y % step.size) + step.size) % step.size), 0, 1) / DAY_MS;
}

function next(step: Step, tick: number): number {
  if (step.unit === 'day') return tick + step.size;
  if (step.unit === 'month') return monthStart(monthIndexOf(tick) + step.size);
  return Date.UTC(parts(tick).y + step.size, 0, 1) / DAY_MS;
}

function ceilTo(step: Step, day: number): number {
  const floor = floorTo(step, day);
  return floor === day ? day : next(step, floor);
}

export interface Tick {
  day: number;
  x: number;
  label: string;
  /** The larger unit (month and year, or year), shown where it changes. */
  context: string | null;
}

export interface TimeScale {
  /** First and last day shown (the last is exclusive: the scale ends where that day begins). */
  startDay: number;
  endDay: number;
  x: (day: number) => number;
  ticks: Tick[];
  /** Unlabelled smaller ticks (months between year ticks, ...). */
  minor: number[];
  unit: Unit;
}

export interface ScaleOptions {
  left: number;
  width: number;
  /** Least room between two labelled ticks. */
  minSpacing: number;
}

/**
 * A scale for days `first` .. `last` (inclusive). Spans shorter than a month are widened so that
 * a single event sits in the middle of some context rather than filling the picture.
 */
export function buildScale(first: number, last: number, opts: ScaleOptions): TimeScale {
  let from = first;
  let to = last + 1;
  const minSpan = 28;
  if (to - from < minSpan) {
    const grow = Math.ceil((minSpan - (to - from)) / 2);
    from -= grow;
    to += grow;
  }
  const pad = Math.max(1, Math.round((to - from) * 0.02));
  from -= pad;
  to += pad;
  const maxTicks = Math.max(2, Math.floor(opts.width / opts.minSpacing) + 1);

  let step = STEPS[STEPS.length - 1];
  for (const candidate of STEPS) {
    const start = floorTo(candidate, from);
    const end = ceilTo(candidate, to);
    let count = 0;
    for (let t = start; t <= end && count <= maxTicks; t = next(candidate, t)) count++;
    if (count <= maxTicks) {
      step = candidate;
      break;
    }
  }
  const startDay = floorTo(step, from);
  const endDay = ceilTo(step, to);
  const x = (day: number) => opts.left + ((day - startDay) / (endDay - startDay)) * opts.width;

  const ticks: Tick[] = [];
  let previousContext: string | null = null;
  for (let tick = startDay; tick <= endDay; tick = next(step, tick)) {
    const p = parts(tick);
    const label = step.unit === 'year' ? String(p.y) : step.unit === 'month' ? monthName(p.m, 'short') : String(p.d);
    const context = step.unit === 'year' ? null : step.unit === 'month' ? String(p.y) : formatMonthYear(p.y, p.m);
    ticks.push({ day: tick, x: x(tick), label, context: context !== previousContext ? context : null });
    previousContext = context;
  }
  return { startDay, endDay, x, ticks, minor: minorTicks(step, startDay, endDay, x), unit: step.unit };
}

/** Smaller unlabelled ticks between labelled ones, where they are at least 5 units apart. */
function minorTicks(step: Step, startDay: number, endDay: number, x: (day: number) => number): number[] {
  const minor: Step | null =
    step.unit === 'year' ? (step.size === 1 ? { unit: 'month', size: 1 } : { unit: 'year', size: step.size >= 10 ? 5 : 1 }) : step.unit === 'month' ? (step.size > 1 ? { unit: 'month', size: 1 } : null) : step.size > 1 ? { unit: 'day', size: 1 } : null;
  if (!minor) return [];
  const days: number[] = [];
  for (let t = floorTo(minor, startDay); t <= endDay; t = next(minor, t)) days.push(t);
  if (days.length > 1 && x(days[1]) - x(days[0]) < 5) return [];
  return days.filter((d) => d >= startDay);
}
