import { DataSource } from 'typeorm';
import { AllegationRecord, allegationsOfCase } from './allegation.service';
import { AllegationView, presentAllegation } from './allegation.presenter';
import { eventsOfCase } from '../events/event.service';
import { eventCaption, institutionNames } from '../events/event.presenter';
import { CurrentUser } from '../http/context';
import { personLabels } from '../people/identity';
import { vocabLabeler } from '../vocab/vocab.service';

/** The allegations of a case presented for one user; the caller has checked access to the case. */
export async function allegationViewsOfCase(ds: DataSource, user: CurrentUser, caseId: number): Promise<AllegationView[]> {
  return presentAllegations(ds, user, caseId, await allegationsOfCase(ds, caseId));
}

export async function presentAllegations(ds: DataSource, user: CurrentUser, caseId: number, records: AllegationRecord[]): Promise<AllegationView[]> {
  if (records.length === 0) return [];
  const label = await vocabLabeler(ds);
  const personIds = records.flatMap((r) => [r.allegation.victimPersonId, ...r.perpetrators.map((p) => p.personId)]).filter((id): id is number => typeof id === 'number');
  const institutionIds = records.flatMap((r) => [...r.institutionIds, ...r.perpetrators.map((p) => p.institutionId).filter((id): id is number => typeof id === 'number')]);
  const [people, institutions, events] = await Promise.all([personLabels(ds, user, personIds), institutionNames(ds, institutionIds), eventsOfCase(ds, caseId)]);
  const captions = new Map(events.map((e) => [e.event.id, eventCaption(e, label)]));
  // Linked events in timeline order, whatever order they were ticked in.
  const order = new Map(events.map((e, i) => [e.event.id, i]));
  return records.map((r) => presentAllegation({ ...r, eventIds: [...r.eventIds].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) }, { label, people, institutions, events: captions }));
}
