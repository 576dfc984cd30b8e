import { DataSource, EntityManager, In } from 'typeorm';
import { Proceeding } from './proceeding.entity';
import { ProceedingDefendant } from './proceeding-defendant.entity';
import { ProceedingStage } from './proceeding-stage.entity';
import { ProceedingInput, StageInput } from './proceeding.schema';
import { Actor } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { requireCase } from '../cases/case-access';
import { auditRecord, changedFields } from '../records/record-audit';
import { institutionRefErrors, peopleRefErrors, termErrors, throwIfErrors } from '../records/record-refs';
import { filledFields } from '../records/audit-fields';
import { moveToTrash } from '../trash/trash.service';
import { byDateThenId, inSequence } from '../records/record-dates';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export type ProceedingRecord = Proceeding & { defendantIds: number[]; stageList: ProceedingStage[] };

const PROCEEDING_FIELDS = ['courtInstitutionId', 'caseNumber', 'title', 'note'] as const;
const STAGE_FIELDS = ['kind', 'date', 'courtInstitutionId', 'outcome', 'sentence', 'note'] as const;
const NO_DATE = { precision: null, start: null, end: null };

async function withParts(em: EntityManager, rows: Proceeding[]): Promise<ProceedingRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const defendants = await em.find(ProceedingDefendant, { where: { proceedingId: In(ids) }, order: { id: 'ASC' } });
  const stages = await em.find(ProceedingStage, { where: { proceedingId: In(ids) } });
  return rows.map((r) =>
    Object.assign(r, {
      defendantIds: defendants.filter((d) => d.proceedingId === r.id).map((d) => d.personId),
      stageList: inSequence(stages.filter((s) => s.proceedingId === r.id)),
    }),
  );
}

export async function getProceeding(db: Db, caseId: number, id: number): Promise<ProceedingRecord> {
  const em = manager(db);
  const row = await em.findOneBy(Proceeding, { id, caseId });
  if (!row) throw notFound('No such proceeding in this case.');
  return (await withParts(em, [row]))[0];
}

/** A case's proceedings, in the order of their first stage (those without dated stages last). */
export async function listProceedings(db: Db, caseId: number): Promise<ProceedingRecord[]> {
  const em = manager(db);
  const rows = await withParts(em, await em.find(Proceeding, { where: { caseId }, order: { id: 'ASC' } }));
  const first = (p: ProceedingRecord) => p.stageList.find((s) => s.date.start)?.date ?? NO_DATE;
  return rows.sort((a, b) => byDateThenId({ id: a.id, date: first(a) }, { id: b.id, date: first(b) }));
}

async function validateProceeding(em: EntityManager, user: CurrentUser, input: ProceedingInput, before?: ProceedingRecord) {
  throwIfErrors(
    await peopleRefErrors(em, user, [{ field: 'defendants', ids: input.defendants, keep: before?.defendantIds, message: 'Choose each defendant from the list.' }]),
    await institutionRefErrors(em, [{ field: 'courtInstitutionId', id: input.courtInstitutionId }]),
  );
}

async function setDefendants(em: EntityManager, id: number, ids: number[], before?: number[]): Promise<boolean> {
  if (before && JSON.stringify([...before].sort()) === JSON.stringify([...ids].sort())) return false;
  await em.delete(ProceedingDefendant, { proceedingId: id });
  if (ids.length) await em.insert(ProceedingDefendant, ids.map((personId) => ({ proceedingId: id, personId })));
  return before !== undefined || ids.length > 0;
}

export async function createProceeding(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, input: ProceedingInput): Promise<Proceeding> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validateProceeding(em, user, input);
    const { defendants, ...fields } = input;
    const row = await em.save(Proceeding, em.create(Proceeding, { ...fields, caseId, createdById: user.id, updatedById: user.id }));
    const changed = await setDefendants(em, row.id, defendants);
    await auditRecord(em, actor, 'proceeding', row.id, 'create', [...filledFields(row, PROCEEDING_FIELDS), ...(changed ? ['defendants'] : [])], caseId);
    return row;
  });
}

export async function updateProceeding(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, id: number, input: ProceedingInput): Promise<Proceeding> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await getProceeding(em, caseId, id);
    await validateProceeding(em, user, input, before);
    const { defendants, ...next } = input;
    const fields = changedFields(before, next as Partial<Proceeding>, [...PROCEEDING_FIELDS]);
    const defendantsChanged = await setDefendants(em, id, defendants, before.defendantIds);
    if (fields.length === 0 && !defendantsChanged) return before;
    const row = await em.findOneByOrFail(Proceeding, { id });
    Object.assign(row, next, { updatedById: user.id });
    await em.save(Proceeding, row);
    await auditRecord(em, actor, 'proceeding', id, 'update', [...fields, ...(defendantsChanged ? ['defendants'] : [])], caseId);
    return row;
  });
}

/** Statements that a court in this proceeding relied on keep that fact; only the link goes (SET NULL). */
export async function deleteProceeding(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getProceeding(em, caseId, id);
    await moveToTrash(em, actor, { target: Proceeding, id, caseId });
    await auditRecord(em, actor, 'proceeding', id, 'delete', [], caseId);
  });
}

// --- stages ----------------------------------------------------------------------------------

export async function getStage(db: Db, caseId: number, proceedingId: number, stageId: number): Promise<{ proceeding: ProceedingRecord; stage: ProceedingStage }> {
  const proceeding = await getProceeding(db, caseId, proceedingId);
  const stage = proceeding.stageList.find((s) => s.id === stageId);
  if (!stage) throw notFound('No such stage in this proceeding.');
  return { proceeding, stage };
}

async function validateStage(em: EntityManager, input: StageInput, before?: ProceedingStage) {
  throwIfErrors(
    await termErrors(em, [
      { field: 'kind', vocabulary: 'proceeding_stage_kind', code: input.kind, previous: before?.kind },
      { field: 'outcome', vocabulary: 'verdict_outcome', code: input.outcome, previous: before?.outcome },
    ]),
    await institutionRefErrors(em, [{ field: 'courtInstitutionId', id: input.courtInstitutionId }]),
  );
}

export async function addStage(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, proceedingId: number, input: StageInput): Promise<ProceedingStage> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getProceeding(em, caseId, proceedingId);
    await validateStage(em, input);
    const row = await em.save(ProceedingStage, em.create(ProceedingStage, { ...input, date: input.date ?? NO_DATE, proceedingId }));
    await auditRecord(em, actor, 'proceeding_stage', row.id, 'create', filledFields(row, STAGE_FIELDS), caseId);
    await auditRecord(em, actor, 'proceeding', proceedingId, 'stage_add', ['stages'], caseId);
    await touch(em, proceedingId, user);
    return row;
  });
}

export async function updateStage(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, proceedingId: number, stageId: number, input: StageInput): Promise<ProceedingStage> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const { stage } = await getStage(em, caseId, proceedingId, stageId);
    await validateStage(em, input, stage);
    const next = { ...input, date: input.date ?? NO_DATE };
    const fields = changedFields(stage, next as Partial<ProceedingStage>, [...STAGE_FIELDS]);
    if (fields.length === 0) return stage;
    Object.assign(stage, next);
    await em.save(ProceedingStage, stage);
    await auditRecord(em, actor, 'proceeding_stage', stageId, 'update', fields, caseId);
    await touch(em, proceedingId, user);
    return stage;
  });
}

export async function deleteStage(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, proceedingId: number, stageId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getStage(em, caseId, proceedingId, stageId);
    await moveToTrash(em, actor, { target: ProceedingStage, id: stageId, caseId });
    await auditRecord(em, actor, 'proceeding_stage', stageId, 'delete', [], caseId);
    await auditRecord(em, actor, 'proceeding', proceedingId, 'stage_remove', ['stages'], caseId);
    await touch(em, proceedingId, user);
  });
}

async function touch(em: EntityManager, proceedingId: number, user: CurrentUser) {
  await em.update(Proceeding, { id: proceedingId }, { updatedById: user.id });
}
