import { memoRead } from '../db/read-memo';
import { DataSource, EntityManager, In } from 'typeorm';
import { CaseEvent } from './event.entity';
import { EventInstitution } from './event-institution.entity';
import { EventPerson } from './event-person.entity';
import { EventLink } from './event-link.entity';
import { EventInput } from './event.schema';
import { checkCaseEvents, checkInstitutions, checkPeople, checkTerms, refuseIfAny } from './linked-records';
import { requireCase } from '../cases/case-access';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { moveToTrash } from '../trash/trash.service';
import { auditRecord, changedFields } from '../records/record-audit';
import { Institution } from '../institutions/institution.entity';
import { t } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

/** An event with everything attached to it. */
export interface EventRecord {
  event: CaseEvent;
  institutionIds: number[];
  people: { personId: number; role: string }[];
  causes: number[];
  followsFrom: number[];
}

const SCALARS = ['type', 'title', 'date', 'place', 'description', 'region'] as const;

/** Every event of a case with its links, in timeline order (earliest start, then earliest end). */
export function eventsOfCase(db: Db, caseId: number): Promise<EventRecord[]> {
  // One read per page: the events list, the timeline and the allegations all ask (db/read-memo.ts).
  return memoRead(db, `events-of-case:${caseId}`, async () => {
    const em = manager(db);
    const events = await em.find(CaseEvent, { where: { caseId }, order: { date: { start: 'ASC', end: 'ASC' }, id: 'ASC' } });
    return attach(em, events);
  });
}

async function attach(em: EntityManager, events: CaseEvent[]): Promise<EventRecord[]> {
  const ids = events.map((e) => e.id);
  if (ids.length === 0) return [];
  const [institutions, people, links] = await Promise.all([
    em.find(EventInstitution, { where: { eventId: In(ids) }, order: { id: 'ASC' } }),
    em.find(EventPerson, { where: { eventId: In(ids) }, order: { id: 'ASC' } }),
    em.find(EventLink, { where: [{ fromEventId: In(ids) }, { toEventId: In(ids) }], order: { id: 'ASC' } }),
  ]);
  return events.map((event) => ({
    event,
    institutionIds: institutions.filter((i) => i.eventId === event.id).map((i) => i.institutionId),
    people: people.filter((p) => p.eventId === event.id).map((p) => ({ personId: p.personId, role: p.role })),
    causes: links.filter((l) => l.fromEventId === event.id).map((l) => l.toEventId),
    followsFrom: links.filter((l) => l.toEventId === event.id).map((l) => l.fromEventId),
  }));
}

/** Some events of a case (others' ids are ignored), with their links. */
export async function eventsByIds(db: Db, caseId: number, ids: number[]): Promise<EventRecord[]> {
  if (ids.length === 0) return [];
  const em = manager(db);
  return attach(em, await em.find(CaseEvent, { where: { caseId, id: In(ids) } }));
}

/** One event of one case; an event of another case is "not found", whatever its id. */
export async function eventOfCase(db: Db, caseId: number, eventId: number): Promise<EventRecord> {
  const em = manager(db);
  const event = await em.findOneBy(CaseEvent, { id: eventId, caseId });
  if (!event) throw notFound(t('events.errors.noSuchEvent'));
  return (await attach(em, [event]))[0];
}

async function validate(em: EntityManager, user: CurrentUser, caseId: number, input: EventInput, before?: EventRecord): Promise<void> {
  const both = input.causes.filter((id) => input.followsFrom.includes(id));
  refuseIfAny(
    await checkTerms(em, [
      { field: 'type', vocabulary: 'event_type', code: input.type, previous: before?.event.type },
      { field: 'region', vocabulary: 'region', code: input.region, previous: before?.event.region },
      ...input.people.map((p, i) => ({ field: `people.${i}.role`, vocabulary: 'participant_role' as const, code: p.role, previous: before?.people.map((x) => x.role) })),
    ]),
    await checkInstitutions(em, input.institutionIds.map((id, i) => ({ field: `institutionIds.${i}`, id }))),
    await checkPeople(em, user, input.people.map((p, i) => ({ field: `people.${i}.personId`, id: p.personId })), before?.people.map((p) => p.personId)),
    await checkCaseEvents(em, caseId, 'causes', input.causes, before?.event.id),
    await checkCaseEvents(em, caseId, 'followsFrom', input.followsFrom, before?.event.id),
    both.length ? { followsFrom: t('events.errors.causesAndFollows') } : {},
  );
}

const uniquePeople = (people: EventInput['people']) => [...new Map(people.map((p) => [`${p.personId}:${p.role}`, p])).values()];
const sameSet = (a: (number | string)[], b: (number | string)[]) => JSON.stringify([...new Set(a)].map(String).sort()) === JSON.stringify([...new Set(b)].map(String).sort());

async function writeLinks(em: EntityManager, eventId: number, input: EventInput, before?: EventRecord): Promise<string[]> {
  const changed: string[] = [];
  const institutionIds = [...new Set(input.institutionIds)];
  if (!before || !sameSet(before.institutionIds, institutionIds)) {
    if (before) await em.delete(EventInstitution, { eventId });
    if (institutionIds.length) await em.insert(EventInstitution, institutionIds.map((institutionId) => ({ eventId, institutionId })));
    if (before || institutionIds.length) changed.push('institutions');
  }
  const people = uniquePeople(input.people);
  const key = (p: { personId: number; role: string }) => `${p.personId}:${p.role}`;
  if (!before || !sameSet(before.people.map(key), people.map(key))) {
    if (before) await em.delete(EventPerson, { eventId });
    if (people.length) await em.insert(EventPerson, people.map((p) => ({ eventId, ...p })));
    if (before || people.length) changed.push('people');
  }
  if (!before || !sameSet(before.causes, input.causes)) {
    if (before) await em.delete(EventLink, { fromEventId: eventId });
    if (input.causes.length) await em.insert(EventLink, input.causes.map((toEventId) => ({ fromEventId: eventId, toEventId })));
    if (before || input.causes.length) changed.push('causes');
  }
  if (!before || !sameSet(before.followsFrom, input.followsFrom)) {
    if (before) await em.delete(EventLink, { toEventId: eventId });
    if (input.followsFrom.length) await em.insert(EventLink, input.followsFrom.map((fromEventId) => ({ fromEventId, toEventId: eventId })));
    if (before || input.followsFrom.length) changed.push('followsFrom');
  }
  return changed;
}

const scalarValues = (input: EventInput, region: string | null) => ({ type: input.type, title: input.title, date: { precision: input.date.precision, start: input.date.start, end: input.date.end }, place: input.place, description: input.description, region });

/** The event's region: as given, or else the region of its first institution that has one (a case's regions are its events', cases/case-regions.ts). */
async function regionOf(em: EntityManager, input: EventInput): Promise<string | null> {
  if (input.region) return input.region;
  if (input.institutionIds.length === 0) return null;
  const rows = await em.find(Institution, { where: { id: In(input.institutionIds) }, select: { id: true, region: true } });
  const byId = new Map(rows.map((i) => [i.id, i.region]));
  return input.institutionIds.map((id) => byId.get(id)).find((r): r is string => !!r) ?? null;
}

export async function createEvent(db: Db, actor: Actor, user: CurrentUser, caseId: number, input: EventInput): Promise<CaseEvent> {
  return inTransaction(db, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validate(em, user, caseId, input);
    const event = await em.save(CaseEvent, em.create(CaseEvent, { caseId, ...scalarValues(input, await regionOf(em, input)), createdById: user.id, updatedById: user.id }));
    const links = await writeLinks(em, event.id, input);
    await auditRecord(em, actor, 'event', event.id, 'create', [...SCALARS.filter((f) => event[f] != null), ...links], caseId);
    return event;
  });
}

export async function updateEvent(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, eventId: number, input: EventInput): Promise<CaseEvent> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await eventOfCase(em, caseId, eventId);
    await validate(em, user, caseId, input, before);
    const next = scalarValues(input, await regionOf(em, input));
    const current = { ...before.event, date: { precision: before.event.date.precision, start: before.event.date.start, end: before.event.date.end } };
    const fields = changedFields(current, next as Partial<typeof current>, [...SCALARS]);
    const links = await writeLinks(em, eventId, input, before);
    if (fields.length === 0 && links.length === 0) return before.event;
    const event = before.event;
    Object.assign(event, next, { updatedById: user.id });
    await em.save(CaseEvent, event);
    await auditRecord(em, actor, 'event', eventId, 'update', [...fields, ...links], caseId);
    return event;
  });
}

export async function deleteEvent(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, eventId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const event = await em.findOneBy(CaseEvent, { id: eventId, caseId });
    if (!event) throw notFound(t('events.errors.noSuchEvent'));
    await moveToTrash(em, actor, { target: CaseEvent, id: eventId, caseId });
    await auditRecord(em, actor, 'event', eventId, 'delete', [], caseId);
  });
}
