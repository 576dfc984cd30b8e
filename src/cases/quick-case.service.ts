import { DataSource } from 'typeorm';
import { CaseRecord } from './case.entity';
import { QuickCaseInput } from './quick-case.schema';
import { addParticipant, createCase } from './case.service';
import { createPerson } from '../people/person.service';
import { PossibleDuplicate, possibleDuplicatePeople } from '../people/person-duplicates';
import { createSource } from '../sources/source.service';
import { citeSource } from '../sources/citation.service';
import { createEvent } from '../events/event.service';
import { Actor } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { AppError, validationFailed } from '../http/errors';

export type QuickCaseResult = { created: CaseRecord } | { duplicates: Map<number, PossibleDuplicate[]> };

const VICTIM_ROLE = 'victim';

/**
 * Runs one service call of the quick case; its field errors are moved onto the quick case form's
 * fields (`rename` maps a service's field to the form's), anything else passes unchanged.
 */
async function onForm<T>(rename: (field: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && Object.keys(err.fieldErrors).length) {
      throw validationFailed(Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [rename(k), v])));
    }
    throw err;
  }
}

const SOURCE_FIELDS: Record<string, string> = { note: 'sourceText' };
const sourceField = (k: string) => SOURCE_FIELDS[k] ?? 'source' + k[0].toUpperCase() + k.slice(1);
const eventField = (k: string) => (k.startsWith('institutionIds') ? 'eventInstitutionId' : k.startsWith('people.') ? 'victims' : 'event' + k[0].toUpperCase() + k.slice(1));

/**
 * A case with its source, victims and first event, from the quick case form, in one transaction
 * with every audit entry: the source (its text pasted into the form) is cited for the case, each
 * victim is a person recorded or created here and a participant with the victim role, and the
 * event names the victims and its institution. When a new victim's name resembles someone already
 * recorded, nothing is written and the possible duplicates are returned, by row, for the user to
 * choose (the same warning as the person form's).
 */
export async function createQuickCase(ds: DataSource, actor: Actor, user: CurrentUser, input: QuickCaseInput): Promise<QuickCaseResult> {
  return withTransaction(ds, async (em) => {
    const duplicates = new Map<number, PossibleDuplicate[]>();
    for (const v of input.victims) {
      if (!('person' in v) || v.person.createAnyway) continue;
      const found = await possibleDuplicatePeople(em, user, v.person.names.map((n) => n.name));
      if (found.length) duplicates.set(v.row, found);
    }
    if (duplicates.size) return { duplicates };

    const record = await onForm((k) => k, () => createCase(em, actor, user, input.caseInput));
    if (input.source) {
      const source = await onForm(sourceField, () => createSource(em, actor, user, input.source!));
      await onForm(() => 'sourceName', () => citeSource(em, actor, user, record.id, { sourceId: source.id, recordType: 'case_record', recordId: record.id, note: null, attribution: null, field: 'recordType' }));
    }
    const victimIds: number[] = [];
    for (const v of input.victims) {
      const at = (k: string) => `victims.${v.row}.${k === 'personId' ? 'personId' : 'name'}`;
      let personId: number;
      if ('person' in v) {
        const result = await onForm(at, () => createPerson(em, actor, user, { ...v.person, createAnyway: true }));
        if (!('created' in result)) throw new Error('a person was not created although duplicates were confirmed');
        personId = result.created.id;
      } else {
        personId = v.personId;
      }
      if (victimIds.includes(personId)) continue; // the same person chosen on two rows is one victim
      await onForm(() => `victims.${v.row}.personId`, () => addParticipant(em, actor, user, record.id, { personId, role: VICTIM_ROLE, note: null }));
      victimIds.push(personId);
    }
    if (input.event) {
      const e = input.event;
      await onForm(eventField, () =>
        createEvent(em, actor, user, record.id, {
          type: e.type,
          title: e.title,
          date: e.date,
          place: e.place,
          region: null,
          description: null,
          institutionIds: e.institutionId ? [e.institutionId] : [],
          people: victimIds.map((personId) => ({ personId, role: VICTIM_ROLE })),
          causes: [],
          followsFrom: [],
        }),
      );
    }
    return { created: record };
  });
}
