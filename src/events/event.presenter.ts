import { DataSource, EntityManager } from 'typeorm';
import { EventRecord } from './event.service';
import { CATEGORY_LABELS, categoryOf } from './event-category';
import { TimelineEvent } from './timeline-layout';
import { isoOfDay, orderTimeline, sortDayNumber } from './timeline-order';
import { formatPartialDate, isUncertain, partialDateToInput } from '../db/partial-date';
import { PersonLabel } from '../people/identity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { t } from '../i18n/i18n';
import { catalogueLabels } from '../records/catalogue-labels';
import { institutionNamesById } from '../institutions/institution-names';

type Db = DataSource | EntityManager;
type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** What a date that is not a single known day is, beside it in the list: "month only" ... */
export const PRECISION_NOTES: Record<string, string> = catalogueLabels('timeline.precision', ['month', 'year', 'approximate', 'range']);

export interface InstitutionRef {
  id: number;
  name: string;
}

/** Names of institutions by id (institutions are visible to every reader). */
export async function institutionNames(db: Db, ids: Iterable<number>): Promise<Map<number, InstitutionRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const names = await institutionNamesById(db, list);
  return new Map([...names].map(([id, name]) => [id, { id, name }]));
}

export interface EventLookups {
  label: Labeler;
  people: Map<number, PersonLabel>;
  institutions: Map<number, InstitutionRef>;
}

/** "23 Oct 2005 · Arrest · Detained in Nalchik": how an event is named in link lists and pickers. */
export function eventCaption(r: EventRecord, label: Labeler): string {
  return [formatPartialDate(r.event.date), label('event_type', r.event.type), r.event.title].filter(Boolean).join(' · ');
}

/** An event as pages and the API show it; names of people as this user may see them. */
export function presentEvent(r: EventRecord, look: EventLookups, captions: Map<number, string>) {
  const e = r.event;
  const typeLabel = look.label('event_type', e.type);
  const category = categoryOf(e.type);
  const precision = e.date.precision ?? 'day';
  const ref = (id: number) => ({ id, caption: captions.get(id) ?? t('records.fallback.event', { id }) });
  return {
    id: e.id,
    caseId: e.caseId,
    type: e.type,
    typeLabel,
    category,
    categoryLabel: CATEGORY_LABELS[category],
    title: e.title,
    date: { precision, start: e.date.start!, end: e.date.end!, text: formatPartialDate(e.date), uncertain: isUncertain(e.date) },
    dateLabel: formatPartialDate(e.date),
    /** For <time datetime>: only a single day, month or year has one. */
    datetime: precision === 'day' ? e.date.start : precision === 'month' ? e.date.start!.slice(0, 7) : precision === 'year' ? e.date.start!.slice(0, 4) : null,
    uncertain: isUncertain(e.date),
    precisionNote: PRECISION_NOTES[precision] ?? null,
    place: e.place,
    region: e.region,
    regionLabel: e.region ? look.label('region', e.region) : null,
    description: e.description,
    institutions: r.institutionIds.map((id) => look.institutions.get(id) ?? { id, name: t('records.fallback.institution', { id }) }),
    people: r.people.map((p) => {
      const who = look.people.get(p.personId);
      return { id: p.personId, label: who?.label ?? t('records.fallback.person', { id: p.personId }), hidden: who?.hidden ?? true, role: p.role, roleLabel: look.label('participant_role', p.role) };
    }),
    causes: r.causes.map(ref),
    followsFrom: r.followsFrom.map(ref),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
export type EventView = ReturnType<typeof presentEvent>;

/**
 * Where an event sits in time for ordering (timeline-order.ts): a date known only to the month or
 * the year, or approximately, at the centre of its window ("c. Nov 2005" is mid-November, not
 * the start of its October-to-December window, so it does not jump ahead of an arrest on
 * 23 October); a range likewise at its centre; a day at that day.
 */
export function sortDay(d: { precision: string; start: string; end: string }): string {
  return isoOfDay(sortDayNumber(d));
}

/** Timeline order without the "follows" links: by sortDay, then the earliest end, then the order of entry. */
export function byDate(a: EventView, b: EventView): number {
  return sortDay(a.date).localeCompare(sortDay(b.date)) || a.date.end.localeCompare(b.date.end) || a.id - b.id;
}

/** Timeline order: byDate, and never an event before one it follows from (timeline-order.ts). */
export function inEventOrder(views: EventView[]): EventView[] {
  const ordered = orderTimeline(views.map((v) => ({ key: `event-${v.id}`, date: v.date, follows: v.followsFrom.map((f) => `event-${f.id}`), seq: v.id, view: v })));
  return ordered.map((o) => o.view);
}

export function toTimelineEvent(v: EventView): TimelineEvent {
  return { id: v.id, category: v.category, precision: v.date.precision, start: v.date.start, end: v.date.end, dateLabel: v.dateLabel, typeLabel: v.typeLabel, title: v.title };
}

/** What the event form shows: stored values as the strings and rows a form holds. */
export function eventFormValues(r?: EventRecord) {
  const date = r ? partialDateToInput(r.event.date) : null;
  return {
    type: r?.event.type ?? '',
    title: r?.event.title ?? '',
    date: { precision: date?.precision ?? 'auto', value: date?.value ?? '', start: date?.start ?? '', end: date?.end ?? '' },
    place: r?.event.place ?? '',
    region: r?.event.region ?? '',
    description: r?.event.description ?? '',
    institutionIds: (r?.institutionIds ?? []).map(String),
    people: (r?.people ?? []).map((p) => ({ personId: String(p.personId), role: p.role })),
    causes: (r?.causes ?? []).map(String),
    followsFrom: (r?.followsFrom ?? []).map(String),
  };
}
export type EventFormValues = ReturnType<typeof eventFormValues>;

/** The same values as an API client would send them (for PATCH: fields not sent keep these). */
export function eventApiValues(r: EventRecord) {
  return {
    type: r.event.type,
    title: r.event.title,
    date: partialDateToInput(r.event.date),
    place: r.event.place,
    region: r.event.region,
    description: r.event.description,
    institutionIds: r.institutionIds,
    people: r.people,
    causes: r.causes,
    followsFrom: r.followsFrom,
  };
}
