/**
 * The order of a case timeline, pure so that it can be tested alone:
 * - a date sorts at its centre: a month, a year, an approximate date or a range at the middle of
 *   its window (the most likely day when nothing else is known), a day at that day;
 * - entries with the same window keep the order a researcher set (timeline_order), then their
 *   family's rank, then the order of entry;
 * - an entry that follows from another is never placed before it (a topological order that
 *   takes, of the entries whose predecessors are placed, the earliest); a cycle in the links
 *   is broken at its earliest entry instead of hiding the entries;
 * - each entry is drawn at its centre, moved later to the latest drawn day of what it follows
 *   when that is still inside its own window, so the picture agrees with the list.
 */
export interface OrderDate {
  precision: string;
  start: string;
  end: string;
}

export interface Orderable {
  key: string;
  date: OrderDate;
  follows?: string[];
  /** A researcher's position among entries with the same window; null when not set. */
  position?: number | null;
  rank?: number;
  /** Order of entry, the last tie-break. */
  seq?: number;
}

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
export const isoOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The middle day of a date's window (the earlier of two middle days). */
export function centreDay(d: OrderDate): number {
  return Math.floor((dayNumber(d.start) + dayNumber(d.end)) / 2);
}

/** The day a date sorts at: the centre of its window (for a day, that day). */
export function sortDayNumber(d: OrderDate): number {
  return centreDay(d);
}

/** Comparison before the "follows" constraint is applied. */
export function compareBase(a: Orderable, b: Orderable): number {
  const da = sortDayNumber(a.date);
  const db = sortDayNumber(b.date);
  if (da !== db) return da - db;
  if (a.date.end !== b.date.end) return a.date.end < b.date.end ? -1 : 1;
  if (a.date.start !== b.date.start) return a.date.start < b.date.start ? -1 : 1;
  const pa = a.position ?? Number.MAX_SAFE_INTEGER;
  const pb = b.position ?? Number.MAX_SAFE_INTEGER;
  if (pa !== pb) return pa - pb;
  return (a.rank ?? 0) - (b.rank ?? 0) || (a.seq ?? 0) - (b.seq ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Two entries share a date when their windows are the same: only those can be reordered by hand. */
export const sameWindow = (a: OrderDate, b: OrderDate) => a.start === b.start && a.end === b.end && a.precision === b.precision;

export type Ordered<T> = T & { drawDay: number; brokenCycle: boolean };

export function orderTimeline<T extends Orderable>(items: readonly T[]): Ordered<T>[] {
  const byKey = new Map(items.map((i) => [i.key, i]));
  // Only links between entries present count (a hidden family or another case's record does not).
  const preds = new Map(items.map((i) => [i.key, [...new Set(i.follows ?? [])].filter((k) => k !== i.key && byKey.has(k))]));
  const remaining = [...items].sort(compareBase);
  const placed = new Map<string, Ordered<T>>();
  const out: Ordered<T>[] = [];
  while (remaining.length) {
    let index = remaining.findIndex((i) => preds.get(i.key)!.every((k) => placed.has(k)));
    const brokenCycle = index === -1;
    if (brokenCycle) index = 0;
    const [item] = remaining.splice(index, 1);
    const own = centreDay(item.date);
    const after = Math.max(own, ...preds.get(item.key)!.map((k) => placed.get(k)?.drawDay ?? -Infinity));
    const drawDay = Math.min(Math.max(after, dayNumber(item.date.start)), dayNumber(item.date.end));
    const result = { ...item, drawDay, brokenCycle } as Ordered<T>;
    placed.set(item.key, result);
    out.push(result);
  }
  return out;
}

/**
 * The new order of a group of entries sharing a date after moving `key` one place up or down:
 * the keys in their new order, or null when it cannot move that way.
 */
export function moveWithin(group: readonly string[], key: string, direction: 'up' | 'down'): string[] | null {
  const i = group.indexOf(key);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i === -1 || j < 0 || j >= group.length) return null;
  const next = [...group];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}
