import { DataSource, EntityManager, In } from 'typeorm';
import { EventRecord } from './event.service';
import { CATEGORY_LABELS, categoryOf } from './event-category';
import { TimelineEvent } from './timeline-layout';
import { formatPartialDate, isUncertain, partialDateToInput } from '../db/partial-date';
import { Institution } from '../institutions/institution.entity';
import { PersonLabel } from '../people/identity';
import { Vocabulary } from '../vocab/vocab-term.entity';

type Db = DataSource | EntityManager;
type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

const PRECISION_NOTES: Record<string, string> = { month: 'month only', year: 'year only', approximate: 'approximate', range: 'range' };

export interface InstitutionRef {
  id: number;
  name: string;
}

/** Names of institutions by id (institutions are visible to every reader). */
export async function institutionNames(db: Db, ids: Iterable<number>): Promise<Map<number, InstitutionRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const em = db instanceof DataSource ? db.manager : db;
  const rows = await em.find(Institution, { where: { id: In(list) }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
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
  const ref = (id: number) => ({ id, caption: captions.get(id) ?? `Event ${id}` });
  return {
    id: e.id,
    caseId: e.caseId,
    type: e.type,
    typeLabel,
    category,
    categoryLabel: CATEGORY_LABELS[category],
    title: e.title,
    date: { precision, start: e.date.start!, end: e.date.end! },
    dateLabel: formatPartialDate(e.date),
    /** For <time datetime>: only a single day, month or year has one. */
    datetime: precision === 'day' ? e.date.start : precision === 'month' ? e.date.start!.slice(0, 7) : precision === 'year' ? e.date.start!.slice(0, 4) : null,
    uncertain: isUncertain(e.date),
    precisionNote: PRECISION_NOTES[precision] ?? null,
    place: e.place,
    region: e.region,
    regionLabel: e.region ? look.label('region', e.region) : null,
    description: e.description,
    institutions: r.institutionIds.map((id) => look.institutions.get(id) ?? { id, name: `Institution ${id}` }),
    people: r.people.map((p) => {
      const who = look.people.get(p.personId);
      return { id: p.personId, label: who?.label ?? `Person ${p.personId}`, hidden: who?.hidden ?? true, role: p.role, roleLabel: look.label('participant_role', p.role) };
    }),
    causes: r.causes.map(ref),
    followsFrom: r.followsFrom.map(ref),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
export type EventView = ReturnType<typeof presentEvent>;

/**
 * Where an event sits in time for ordering: an approximate date at its centre ("c. Nov 2005" is
 * mid-November, not the start of its October-to-December window, so it does not jump ahead of
 * an arrest on 23 October); every other date at its earliest possible day.
 */
export function sortDay(d: { precision: string; start: string; end: string }): string {
  if (d.precision !== 'approximate') return d.start;
  const a = Date.parse(d.start + 'T00:00:00Z');
  const b = Date.parse(d.end + 'T00:00:00Z');
  return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}

/** Timeline order: by sortDay, then the earliest end, then the order of entry. */
export function byDate(a: EventView, b: EventView): number {
  return sortDay(a.date).localeCompare(sortDay(b.date)) || a.date.end.localeCompare(b.date.end) || a.id - b.id;
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
    date: { precision: date?.precision ?? 'day', value: date?.value ?? '', start: date?.start ?? '', end: date?.end ?? '' },
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
