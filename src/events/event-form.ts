import { DataSource } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { CurrentUser } from '../http/context';
import { personPickerLabels } from '../people/person-picker';
import { vocabLabeler, vocabOptions } from '../vocab/vocab.service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { EventFormValues, eventCaption, institutionNames } from './event.presenter';
import { eventsOfCase } from './event.service';
import { compactRows, errorsForForm, rowList } from '../records/form-rows';
import { t } from '../i18n/i18n';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strList = (v: unknown) => (Array.isArray(v) ? v : v == null ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

/** Groups of repeated rows on the event form, and how many blank rows each offers by default. */
export const EVENT_ROW_GROUPS = ['people', 'institutionIds'] as const;
export type EventRowGroup = (typeof EVENT_ROW_GROUPS)[number];

/** What was posted, as strings for the form (never anything but strings from the body reaches a view). */
export function eventValuesFromBody(body: Record<string, unknown>): EventFormValues {
  const date = (body.date && typeof body.date === 'object' ? body.date : {}) as Record<string, unknown>;
  return {
    type: str(body.type),
    title: str(body.title),
    date: { precision: str(date.precision) || 'day', value: str(date.value), start: str(date.start), end: str(date.end) },
    place: str(body.place),
    region: str(body.region),
    description: str(body.description),
    institutionIds: compactRows(body.institutionIds, null).map(str),
    people: compactRows(body.people, ['personId']).map((r) => {
      const row = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
      return { personId: str(row.personId), role: str(row.role) };
    }),
    causes: strList(body.causes),
    followsFrom: strList(body.followsFrom),
  };
}

/** The body with blank rows removed, so that the row numbers of errors match the rows shown again. */
export function compactEventBody(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, institutionIds: compactRows(body.institutionIds, null), people: compactRows(body.people, ['personId']) };
}

/** Blank rows to offer: the ones posted (at least one, two on an empty group), one more on "add another". */
function blankRows(body: Record<string, unknown> | null, group: EventRowGroup, filled: number): number {
  const posted = body ? (rowList(body[group]) ?? []).length - filled : 0;
  const more = body && body._more === group ? 1 : 0;
  return Math.min(Math.max(posted, filled ? 1 : 2) + more, 50);
}

interface FormState {
  caseRecord: CaseRecord;
  eventId: number | null;
  values: EventFormValues;
  errors: Record<string, string>;
  body: Record<string, unknown> | null;
}

/** The people an event of this case already names: their pickers keep showing them. */
async function peopleOfEvent(ds: DataSource, caseId: number, eventId: number): Promise<number[]> {
  const rows: { personId: number }[] = await ds.query(
    'SELECT ep.person_id AS "personId" FROM event_person ep JOIN case_event e ON e.id = ep.event_id WHERE ep.event_id = ? AND e.case_id = ?',
    [eventId, caseId],
  );
  return rows.map((r) => Number(r.personId));
}

/** Everything views/events/form.ejs needs: options, labels for chosen records, rows, history. */
export async function eventFormLocals(ds: DataSource, user: CurrentUser, s: FormState) {
  const { values } = s;
  const label = await vocabLabeler(ds);
  const personIds = values.people.map((p) => Number(p.personId)).filter((n) => Number.isSafeInteger(n) && n > 0);
  const institutionIds = values.institutionIds.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const names = await personPickerLabels(ds, user, personIds, s.eventId ? await peopleOfEvent(ds, s.caseRecord.id, s.eventId) : []);
  const institutions = await institutionNames(ds, institutionIds);
  const others = (await eventsOfCase(ds, s.caseRecord.id)).filter((r) => r.event.id !== s.eventId);
  const blank = (group: EventRowGroup, filled: number) => blankRows(s.body, group, filled);
  const c = s.caseRecord;
  return {
    title: s.eventId ? t('events.form.editTitle', { code: c.code }) : t('events.form.newTitle', { code: c.code }),
    caseRecord: { id: c.id, code: c.code, title: c.title },
    eventId: s.eventId,
    action: s.eventId ? `/cases/${c.id}/events/${s.eventId}` : `/cases/${c.id}/events`,
    cancelHref: s.eventId ? `/cases/${c.id}#event-${s.eventId}` : `/cases/${c.id}#events`,
    /** The page this form comes back to after "New person…" without script (drafts/form-draft.ts). */
    draftReturn: s.eventId ? `/cases/${c.id}/events/${s.eventId}/edit` : `/cases/${c.id}/events/new`,
    values,
    errors: errorsForForm(s.errors, [...EVENT_ROW_GROUPS]),
    types: await vocabOptions(ds, 'event_type', [values.type]),
    regions: await vocabOptions(ds, 'region', [values.region]),
    roles: await vocabOptions(ds, 'participant_role', values.people.map((p) => p.role)),
    otherEvents: others.map((r) => ({ code: String(r.event.id), label: eventCaption(r, label) })),
    institutionRows: [
      ...values.institutionIds.map((v) => ({ value: v, selectedLabel: institutions.get(Number(v))?.name ?? '' })),
      ...Array.from({ length: blank('institutionIds', values.institutionIds.length) }, () => ({ value: '', selectedLabel: '' })),
    ],
    personRows: [
      ...values.people.map((p) => ({ personId: p.personId, role: p.role, selectedLabel: names.get(Number(p.personId)) ?? '' })),
      ...Array.from({ length: blank('people', values.people.length) }, () => ({ personId: '', role: '', selectedLabel: '' })),
    ],
    history: s.eventId ? (await historyOf(ds, 'event', s.eventId)).map(presentAuditEntry) : [],
  };
}
