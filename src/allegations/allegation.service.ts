import { DataSource, EntityManager, In } from 'typeorm';
import { Allegation } from './allegation.entity';
import { AllegationEvent } from './allegation-event.entity';
import { AllegationInstitution } from './allegation-institution.entity';
import { AllegationMethod } from './allegation-method.entity';
import { AllegationPurpose } from './allegation-purpose.entity';
import { Perpetrator } from './perpetrator.entity';
import { AllegationInput, PerpetratorInput } from './allegation.schema';
import { FieldRef, checkCaseEvents, checkInstitutions, checkPeople, checkTerms, refuseIfAny } from '../events/linked-records';
import { requireCase } from '../cases/case-access';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { moveToTrash } from '../trash/trash.service';
import { auditRecord, changedFields } from '../records/record-audit';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export interface PerpetratorRecord {
  institutionId: number | null;
  personId: number | null;
  description: string | null;
  involvement: string;
  attribution: string;
}

/** An allegation with everything attached to it. */
export interface AllegationRecord {
  allegation: Allegation;
  eventIds: number[];
  methods: string[];
  purposes: string[];
  institutionIds: number[];
  perpetrators: PerpetratorRecord[];
}

const SCALARS = ['victimPersonId', 'summary', 'description', 'physicalConsequences', 'psychologicalConsequences', 'duration', 'status'] as const;

export async function allegationsOfCase(db: Db, caseId: number): Promise<AllegationRecord[]> {
  const em = manager(db);
  return attach(em, await caseRows(db, Allegation, caseId));
}

/** One allegation of one case; an allegation of another case is "not found". */
export async function allegationOfCase(db: Db, caseId: number, allegationId: number): Promise<AllegationRecord> {
  const em = manager(db);
  const allegation = await em.findOneBy(Allegation, { id: allegationId, caseId });
  if (!allegation) throw notFound(t('allegations.errors.noSuchAllegation'));
  return (await attach(em, [allegation]))[0];
}

async function attach(em: EntityManager, allegations: Allegation[]): Promise<AllegationRecord[]> {
  const ids = allegations.map((a) => a.id);
  if (ids.length === 0) return [];
  const where = { allegationId: In(ids) };
  const [events, methods, purposes, institutions, perpetrators] = await Promise.all([
    em.find(AllegationEvent, { where, order: { id: 'ASC' } }),
    em.find(AllegationMethod, { where, order: { id: 'ASC' } }),
    em.find(AllegationPurpose, { where, order: { id: 'ASC' } }),
    em.find(AllegationInstitution, { where, order: { id: 'ASC' } }),
    em.find(Perpetrator, { where, order: { id: 'ASC' } }),
  ]);
  const of = <T extends { allegationId: number }>(rows: T[], id: number) => rows.filter((r) => r.allegationId === id);
  return allegations.map((allegation) => ({
    allegation,
    eventIds: of(events, allegation.id).map((e) => e.eventId),
    methods: of(methods, allegation.id).map((m) => m.code),
    purposes: of(purposes, allegation.id).map((p) => p.code),
    institutionIds: of(institutions, allegation.id).map((i) => i.institutionId),
    perpetrators: of(perpetrators, allegation.id).map((p) => ({ institutionId: p.institutionId, personId: p.personId, description: p.description, involvement: p.involvement, attribution: p.attribution })),
  }));
}

async function validate(em: EntityManager, user: CurrentUser, caseId: number, input: AllegationInput, before?: AllegationRecord): Promise<void> {
  const perpetratorPeople: FieldRef[] = input.perpetrators.flatMap((p, i) => (p.personId ? [{ field: `perpetrators.${i}.personId`, id: p.personId }] : []));
  const keepPeople = [before?.allegation.victimPersonId, ...(before?.perpetrators.map((p) => p.personId) ?? [])].filter((id): id is number => typeof id === 'number');
  refuseIfAny(
    await checkTerms(em, [
      { field: 'status', vocabulary: 'allegation_status', code: input.status, previous: before?.allegation.status },
      ...input.methods.map((code) => ({ field: 'methods', vocabulary: 'torture_method' as const, code, previous: before?.methods })),
      ...input.purposes.map((code) => ({ field: 'purposes', vocabulary: 'purpose' as const, code, previous: before?.purposes })),
      ...input.perpetrators.flatMap((p, i) => [
        { field: `perpetrators.${i}.involvement`, vocabulary: 'involvement' as const, code: p.involvement, previous: before?.perpetrators.map((x) => x.involvement) },
        { field: `perpetrators.${i}.attribution`, vocabulary: 'attribution' as const, code: p.attribution, previous: before?.perpetrators.map((x) => x.attribution) },
      ]),
    ]),
    await checkPeople(em, user, [...(input.victimPersonId ? [{ field: 'victimPersonId', id: input.victimPersonId }] : []), ...perpetratorPeople], keepPeople),
    await checkInstitutions(em, [
      ...input.institutionIds.map((id, i) => ({ field: `institutionIds.${i}`, id })),
      ...input.perpetrators.flatMap((p, i) => (p.institutionId ? [{ field: `perpetrators.${i}.institutionId`, id: p.institutionId }] : [])),
    ]),
    await checkCaseEvents(em, caseId, 'eventIds', input.eventIds),
  );
}

const perpetratorKey = (p: PerpetratorInput | PerpetratorRecord) => JSON.stringify([p.institutionId, p.personId, p.description, p.involvement, p.attribution]);
const sameList = (a: unknown[], b: unknown[]) => JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());

/** Replaces the attached rows that changed; returns the names of the changed parts. */
async function writeParts(em: EntityManager, allegationId: number, input: AllegationInput, before?: AllegationRecord): Promise<string[]> {
  const changed: string[] = [];
  const replace = async <T>(name: string, next: T[], previous: T[] | undefined, key: (x: T) => string, entity: typeof AllegationEvent | typeof AllegationMethod | typeof AllegationPurpose | typeof AllegationInstitution | typeof Perpetrator, row: (x: T) => object) => {
    const unique = [...new Map(next.map((x) => [key(x), x])).values()];
    if (previous && sameList(previous.map(key), unique.map(key))) return;
    if (previous) await em.delete(entity, { allegationId });
    if (unique.length) await em.insert(entity, unique.map((x) => ({ allegationId, ...row(x) })));
    if (previous || unique.length) changed.push(name);
  };
  await replace('events', input.eventIds, before?.eventIds, String, AllegationEvent, (eventId) => ({ eventId }));
  await replace('methods', input.methods, before?.methods, String, AllegationMethod, (code) => ({ code }));
  await replace('purposes', input.purposes, before?.purposes, String, AllegationPurpose, (code) => ({ code }));
  await replace('institutions', input.institutionIds, before?.institutionIds, String, AllegationInstitution, (institutionId) => ({ institutionId }));
  // Perpetrators have no identity of their own beyond their content: the list is replaced.
  await replace<PerpetratorInput | PerpetratorRecord>('perpetrators', input.perpetrators, before?.perpetrators, perpetratorKey, Perpetrator, (p) => ({ institutionId: p.institutionId, personId: p.personId, description: p.description, involvement: p.involvement, attribution: p.attribution }));
  return changed;
}

const scalarValues = (input: AllegationInput) => ({
  victimPersonId: input.victimPersonId,
  summary: input.summary,
  description: input.description,
  physicalConsequences: input.physicalConsequences,
  psychologicalConsequences: input.psychologicalConsequences,
  duration: input.duration,
  status: input.status,
});

export async function createAllegation(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: AllegationInput): Promise<Allegation> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validate(em, user, caseId, input);
    const allegation = await em.save(Allegation, em.create(Allegation, { caseId, ...scalarValues(input), createdById: user.id, updatedById: user.id }));
    const parts = await writeParts(em, allegation.id, input);
    await auditRecord(em, actor, 'allegation', allegation.id, 'create', [...SCALARS.filter((f) => allegation[f] != null), ...parts], caseId);
    return allegation;
  });
}

export async function updateAllegation(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, allegationId: number, input: AllegationInput): Promise<Allegation> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await allegationOfCase(em, caseId, allegationId);
    await validate(em, user, caseId, input, before);
    const next = scalarValues(input);
    const fields = changedFields(before.allegation, next, [...SCALARS]);
    const parts = await writeParts(em, allegationId, input, before);
    if (fields.length === 0 && parts.length === 0) return before.allegation;
    Object.assign(before.allegation, next, { updatedById: user.id });
    await em.save(Allegation, before.allegation);
    await auditRecord(em, actor, 'allegation', allegationId, 'update', [...fields, ...parts], caseId);
    return before.allegation;
  });
}

export async function deleteAllegation(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, allegationId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    if (!(await em.existsBy(Allegation, { id: allegationId, caseId }))) throw notFound(t('allegations.errors.noSuchAllegation'));
    await moveToTrash(em, actor, { target: Allegation, id: allegationId, caseId });
    await auditRecord(em, actor, 'allegation', allegationId, 'delete', [], caseId);
  });
}
