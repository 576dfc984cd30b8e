import { formatPartialDate, isUncertain, partialDateToInput } from '../db/partial-date';
import { t } from '../i18n/i18n';

type Stored = { precision: string | null; start: string | null; end: string | null } | null | undefined;

export interface DateView {
  text: string;
  /** Anything but a single known day: views mark it. */
  uncertain: boolean;
  precision: string;
  start: string;
  end: string;
}

/** A stored partial date for views and JSON, or null when none was recorded. */
export function presentDate(date: Stored): DateView | null {
  if (!date || !date.precision || !date.start || !date.end) return null;
  return { text: formatPartialDate(date), uncertain: isUncertain(date), precision: date.precision, start: date.start, end: date.end };
}

/** "on 12 May 2006", "in May 2006", "c. 2005" ("12 мая 2006 г.", "в 2006 г.", "≈ 2005"): a date as a sentence needs it (`dates.phrase.*`). */
export function datePhrase(date: Stored): string {
  const view = presentDate(date);
  if (!view) return '';
  const precision = ['day', 'month', 'year', 'approximate', 'range'].includes(view.precision) ? view.precision : 'range';
  return t(`dates.phrase.${precision}`, { date: view.text });
}

/** The form input for a stored date (empty fields, precision "as typed", when none). */
export function dateInput(date: Stored) {
  return partialDateToInput(date) ?? { precision: 'auto', value: '' };
}

/** Sort key placing undated records last. */
export function byDateThenId(a: { date: Stored; id: number }, b: { date: Stored; id: number }): number {
  const sa = a.date?.start ?? '9999';
  const sb = b.date?.start ?? '9999';
  if (sa !== sb) return sa < sb ? -1 : 1;
  const ea = a.date?.end ?? '9999';
  const eb = b.date?.end ?? '9999';
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.id - b.id;
}

/**
 * The steps of one process (a proceeding's stages, a complaint's responses) in date order. A step
 * whose date is not known is placed after the latest step entered before it: an undated
 * annulment entered after the September acquittal reads between it and the May conviction.
 */
export function inSequence<T extends { date: Stored; id: number }>(items: T[]): T[] {
  let anchor = { start: '', end: '' };
  const keyed = [...items]
    .sort((a, b) => a.id - b.id)
    .map((item) => {
      const own = item.date?.start && item.date.end ? { start: item.date.start, end: item.date.end } : null;
      if (own && (own.start > anchor.start || (own.start === anchor.start && own.end > anchor.end))) anchor = own;
      return { item, ...(own ?? anchor) };
    });
  return keyed
    .sort((a, b) => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.end !== b.end ? (a.end < b.end ? -1 : 1) : a.item.id - b.item.id))
    .map((k) => k.item);
}
