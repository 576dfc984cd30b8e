/**
 * The order of a case timeline, pure so that it can be tested alone:
 * - a date sorts at its centre: a month, a year, an approximate date or a range at the middle of
 *   its window (the most likely day when nothing else is known), a day at that day;
 * - entries with the same window keep the order a researcher set (timeline_order), then their
 *   family's rank, then the order of entry;
 * - an entry that follows from another is never placed before it (a topological order that
 *   takes, of the entries whose predecessors are placed, the earliest); the links inside a cycle
 *   (which cannot all hold) are set aside, and its entries ordered by their dates alone;
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
  // Links inside a cycle cannot all hold: the entries of a cycle are ordered by their dates alone.
  const cycle = componentsOf(items.map((i) => i.key), preds);
  const inCycle = new Set<string>();
  for (const [key, list] of preds) {
    const kept = list.filter((k) => cycle.get(k) !== cycle.get(key));
    if (kept.length !== list.length) inCycle.add(key);
    preds.set(key, kept);
  }
  // Kahn's topological order, taking the earliest free entry each time (a heap, so that a case of
  // thousands of entries stays fast).
  const waiting = new Map(items.map((i) => [i.key, preds.get(i.key)!.length]));
  const successors = new Map<string, string[]>();
  for (const [key, list] of preds) for (const p of list) successors.set(p, [...(successors.get(p) ?? []), key]);
  const free = new Heap<T>(compareBase);
  for (const item of items) if (waiting.get(item.key) === 0) free.push(item);
  const placed = new Map<string, Ordered<T>>();
  const out: Ordered<T>[] = [];
  while (free.size) {
    const item = free.pop()!;
    const own = centreDay(item.date);
    const after = Math.max(own, ...preds.get(item.key)!.map((k) => placed.get(k)?.drawDay ?? -Infinity));
    const drawDay = Math.min(Math.max(after, dayNumber(item.date.start)), dayNumber(item.date.end));
    const result = { ...item, drawDay, brokenCycle: inCycle.has(item.key) } as Ordered<T>;
    placed.set(item.key, result);
    out.push(result);
    for (const next of successors.get(item.key) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) free.push(byKey.get(next)!);
    }
  }
  return out;
}

/** Strongly connected components (Tarjan): the component number of each key. */
function componentsOf(keys: string[], preds: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const visit = (start: string) => {
    // Iterative, so that a long chain of links cannot overflow the call stack.
    const work: { key: string; next: number }[] = [{ key: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = preds.get(frame.key)!;
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ key: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.key, Math.min(low.get(frame.key)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].key;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.key)!));
      }
      if (low.get(frame.key) === index.get(frame.key)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.key);
        components++;
      }
    }
  };
  for (const key of keys) if (!index.has(key)) visit(key);
  return component;
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

/** A binary min-heap by `compare`. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
