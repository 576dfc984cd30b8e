import { TIMELINE_FAMILIES } from './timeline-sources';
import { TimelineChoice } from './timeline.service';

/**
 * The families a reader chose to see, from the address: `?tl=1&show=event&show=complaint`.
 * Without `tl` every family is shown (so a plain link shows everything); with it, only the ticked
 * ones (so unticking every box hides every family instead of showing all). Unknown names are ignored.
 */
export function timelineChoice(query: Record<string, unknown> | undefined): TimelineChoice {
  if (!query || query.tl === undefined) return { show: null };
  const raw = query.show;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
  const known = new Set(TIMELINE_FAMILIES().map((f) => f.id));
  return { show: [...new Set(values)].filter((v) => known.has(v)) };
}

/** The query string that keeps a choice (empty when everything is shown). */
export function choiceQuery(choice: TimelineChoice): string {
  if (choice.show === null) return '';
  return ['tl=1', ...choice.show.map((f) => `show=${encodeURIComponent(f)}`)].join('&');
}
