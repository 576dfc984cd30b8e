import { SectionContext } from '../cases/case-section';
import { formatPartialDate, isUncertain } from '../db/partial-date';
import { EventView, PRECISION_NOTES } from './event.presenter';
import { eventViewsOfCase } from './event-views';
import { EventCategory } from './event-category';
import { CATEGORY_COLOURS, describeTimeline } from './timeline-svg';
import { TimelineEvent } from './timeline-layout';
import { CATEGORY_SHAPES, ListMark, listMark } from './timeline-marks';
import { CaseTimeline, PlacedEntry, caseTimeline } from './timeline.service';
import { choiceQuery, timelineChoice } from './timeline-choice';
import { TimelineFamily } from './timeline-entry';
import { t } from '../i18n/i18n';


/** One line of the timeline list: an event with all its details, or another family's record. */
export interface TimelineItem {
  key: string;
  /** The list item's id: an event keeps "event-12" (links point there); others "tl-complaint-3". */
  anchor: string;
  family: string;
  familyLabel: string;
  event: EventView | null;
  kindLabel: string;
  title: string | null;
  href: string;
  dateLabel: string;
  datetime: string | null;
  precision: string;
  precisionNote: string | null;
  uncertain: boolean;
  mark: ListMark;
  canMoveUp: boolean;
  canMoveDown: boolean;
}

export interface EventsSection {
  /** The events alone, in timeline order. */
  items: EventView[];
  /** Every shown family's entries, in timeline order. */
  entries: TimelineItem[];
  families: (CaseTimeline['families'][number] & { mark: ListMark })[];
  /** Records of shown families without a date; entries of hidden families. */
  undated: number;
  hidden: number;
  /** The choice of families as a query string, kept by the picture and the order controls. */
  query: string;
  /** The timeline picture in three widths (chosen by the browser), or null when nothing is shown. */
  picture: { wide: string; medium: string; narrow: string; alt: string } | null;
  newHref: string;
  orderAction: string;
}

const datetimeOf = (d: { precision: string; start: string }) => (d.precision === 'day' ? d.start : d.precision === 'month' ? d.start.slice(0, 7) : d.precision === 'year' ? d.start.slice(0, 4) : null);

function familyOf(families: TimelineFamily[], id: string): TimelineFamily {
  return families.find((f) => f.id === id) ?? { id, label: id, shape: 'hexagon', colour: '#4d5865', rank: 99 };
}

export function toTimelineItem(e: PlacedEntry, families: TimelineFamily[], events: Map<number, EventView>): TimelineItem {
  const family = familyOf(families, e.family);
  const event = e.eventId !== undefined ? (events.get(e.eventId) ?? null) : null;
  const hollow = isUncertain(e.date);
  const category = (e.category ?? 'other') as EventCategory;
  return {
    key: e.key,
    anchor: event ? `event-${event.id}` : `tl-${e.key}`,
    family: e.family,
    familyLabel: family.label,
    event,
    kindLabel: e.kindLabel,
    title: e.title,
    href: e.href,
    dateLabel: formatPartialDate(e.date),
    datetime: datetimeOf(e.date),
    precision: e.date.precision,
    precisionNote: PRECISION_NOTES[e.date.precision] ?? null,
    uncertain: hollow,
    mark: event ? listMark(CATEGORY_SHAPES[category], CATEGORY_COLOURS[category], hollow) : listMark(family.shape, family.colour, hollow),
    canMoveUp: e.canMoveUp,
    canMoveDown: e.canMoveDown,
  };
}

/** What the picture draws of one entry. */
export function toPictureEntry(e: PlacedEntry, families: TimelineFamily[], seq: number): TimelineEvent {
  const isEvent = e.eventId !== undefined;
  const family = familyOf(families, e.family);
  return {
    id: e.eventId ?? -(seq + 1),
    key: e.key,
    category: (e.category ?? 'other') as EventCategory,
    family: isEvent ? undefined : { id: family.id, label: family.label, shape: family.shape, colour: family.colour },
    precision: e.date.precision,
    start: e.date.start,
    end: e.date.end,
    dateLabel: formatPartialDate(e.date),
    typeLabel: e.kindLabel,
    title: e.title,
    drawDay: e.drawDay,
  };
}

/** The timeline part of the case page: the family choice, the picture and the same entries as a list. */
export async function eventsSection(ctx: SectionContext): Promise<EventsSection> {
  const caseId = ctx.record.id;
  const choice = timelineChoice(ctx.query);
  const [views, timeline] = await Promise.all([eventViewsOfCase(ctx.ds, ctx.user, caseId), caseTimeline(ctx.ds, ctx.user, caseId, choice)]);
  const events = new Map(views.map((v) => [v.id, v]));
  const families = timeline.families;
  const entries = timeline.entries.map((e) => toTimelineItem(e, families, events));
  const query = choiceQuery(choice);
  const base = `/cases/${caseId}/timeline.svg`;
  const withQuery = (extra: string | null) => base + ([extra, query].filter(Boolean).length ? `?${[extra, query].filter(Boolean).join('&')}` : '');
  return {
    items: views,
    entries,
    families: families.map((f) => ({ ...f, mark: listMark(f.shape, f.colour, false) })),
    undated: timeline.undated,
    hidden: timeline.hidden,
    query,
    picture: entries.length
      ? {
          wide: withQuery(null),
          medium: withQuery('layout=medium'),
          narrow: withQuery('layout=narrow'),
          alt: t('timeline.pictureAlt', { description: describeTimeline(timeline.entries.map((e, i) => toPictureEntry(e, families, i))) }),
        }
      : null,
    newHref: `/cases/${caseId}/events/new`,
    orderAction: `/cases/${caseId}/timeline/order${query ? `?${query}` : ''}`,
  };
}
