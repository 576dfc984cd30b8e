import { DataSource } from 'typeorm';
import { PartialDateValue } from '../db/partial-date';
import { CurrentUser } from '../http/context';
import { PersonLabel } from '../people/identity';
import { Vocabulary } from '../vocab/vocab-term.entity';

/**
 * The case timeline shows more than events: complaints and their responses, statements and
 * retractions, proceeding stages (and, after them, any family added later). Each family is read
 * from its own records by one small module, a `TimelineSource`; nothing is entered twice.
 *
 * To add a family (e.g. investigation decisions): write `src/events/timeline-<family>.ts`
 * exporting a `TimelineSource`, and add it to TIMELINE_SOURCES in timeline-sources.ts. The
 * source chooses its mark (a shape from MARK_SHAPES not used by another family, and a colour
 * with at least 4.5:1 contrast on white) and returns its dated records as entries. Undated
 * records are not entries (the timeline counts them apart). A source never checks access: the
 * caller has checked that the user may read the case; names of people go through `ctx.people`.
 */

/** Shapes a family may draw with; event categories use the first six (see timeline-marks.ts). */
export const MARK_SHAPES = ['circle', 'diamond', 'square', 'triangle-up', 'triangle-down', 'hexagon', 'pentagon', 'star', 'cross', 'bowtie', 'hourglass'] as const;
export type MarkShape = (typeof MARK_SHAPES)[number];

export interface TimelineFamily {
  /** Stable id, used in the URL (`?show=complaint`) and in the entries' keys. */
  id: string;
  /** For the legend and the checkbox: "Complaints and responses". */
  label: string;
  shape: MarkShape;
  colour: string;
  /** Among entries sharing a date and without a researcher's order: lower first. */
  rank: number;
}

export interface TimelineEntry {
  /** Unique within the case, `<kind of record>-<id>`: "event-12", "response-7". Stored by timeline_order. */
  key: string;
  family: string;
  /** The vocabulary code of what happened (event type, response outcome, stage kind, ...) */
  kind: string;
  /** Its label, e.g. "Refusal to open a criminal case". */
  kindLabel: string;
  date: PartialDateValue;
  /** A short line; the kind label stands in when it is null. */
  title: string | null;
  /** Where the record is on the case page, e.g. "#complaint-3". */
  href: string;
  /** Keys of entries this one follows from: it is never drawn or listed before them. */
  follows?: string[];
  /** Event entries only: the event category, which chooses the mark within the events family. */
  category?: string;
  /** Event entries only: the event's id, to find its full view for the list. */
  eventId?: number;
}

export interface TimelineSourceContext {
  ds: DataSource;
  user: CurrentUser;
  caseId: number;
  label: (vocabulary: Vocabulary, code: string | null | undefined) => string;
  /** Names or pseudonyms for people, as this user may see them. */
  people: (ids: Iterable<number>) => Promise<Map<number, PersonLabel>>;
}

export interface TimelineSource {
  family: TimelineFamily;
  /** The family's dated entries, and how many of its records have no date (not drawn). */
  entries(ctx: TimelineSourceContext): Promise<{ entries: TimelineEntry[]; undated: number }>;
}

/** A stored partial date as an entry's date, or null when it has none. */
export function entryDate(d: { precision: string | null; start: string | null; end: string | null } | null | undefined): PartialDateValue | null {
  if (!d || !d.precision || !d.start || !d.end) return null;
  return { precision: d.precision as PartialDateValue['precision'], start: d.start, end: d.end };
}
