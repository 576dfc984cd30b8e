import { DataSource } from 'typeorm';
import { EventRecord, eventsOfCase } from './event.service';
import { EventView, eventCaption, inEventOrder, institutionNames, presentEvent } from './event.presenter';
import { CurrentUser } from '../http/context';
import { personLabels } from '../people/identity';
import { vocabLabeler } from '../vocab/vocab.service';

/**
 * The events of a case presented for one user, in timeline order: shared by the case page, the
 * timeline picture and the API so that all three agree. The caller has checked access to the case.
 */
export async function eventViewsOfCase(ds: DataSource, user: CurrentUser, caseId: number): Promise<EventView[]> {
  return presentRecords(ds, user, await eventsOfCase(ds, caseId));
}

export async function presentRecords(ds: DataSource, user: CurrentUser, records: EventRecord[], captionsFrom: EventRecord[] = records): Promise<EventView[]> {
  const label = await vocabLabeler(ds);
  const people = await personLabels(ds, user, records.flatMap((r) => r.people.map((p) => p.personId)));
  const institutions = await institutionNames(ds, records.flatMap((r) => r.institutionIds));
  const captions = new Map(captionsFrom.map((r) => [r.event.id, eventCaption(r, label)]));
  return inEventOrder(records.map((r) => presentEvent(r, { label, people, institutions }, captions)));
}
