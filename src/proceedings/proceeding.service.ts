import { DataSource, EntityManager, In } from 'typeorm';
import { Proceeding } from './proceeding.entity';
import { ProceedingDefendant } from './proceeding-defendant.entity';
import { ProceedingStage } from './proceeding-stage.entity';
import { ProceedingCharge } from './proceeding-charge.entity';
import { StageVerdict } from './stage-verdict.entity';
import { ChargeInput, DefendantInput, ProceedingInput, StageInput, VerdictInput } from './proceeding.schema';
import { CaseParticipant } from '../cases/case-participant.entity';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { requireCase } from '../cases/case-access';
import { auditRecord, changedFields } from '../records/record-audit';
import { institutionRefErrors, peopleRefErrors, termErrors, throwIfErrors } from '../records/record-refs';
import { filledFields } from '../records/audit-fields';
import { moveToTrash } from '../trash/trash.service';
import { byDateThenId, inSequence } from '../records/record-dates';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

/** A verdict as read: `personId` is the defendant's person (null: "the defendants", never named). */
export type VerdictRecord = VerdictInput & { id: number };
export type StageRecord = ProceedingStage & { verdicts: VerdictRecord[] };
export type ProceedingRecord = Proceeding & { defendantIds: number[]; charges: Map<number, ChargeInput[]>; stageList: StageRecord[] };

const PROCEEDING_FIELDS = ['courtInstitutionId', 'caseNumber', 'title', 'note'] as const;
const STAGE_FIELDS = ['kind', 'date', 'courtInstitutionId', 'note'] as const;
const NO_DATE = { precision: null, start: null, end: null };

async function withParts(em: EntityManager, rows: Proceeding[]): Promise<ProceedingRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const defendants = await em.find(ProceedingDefendant, { where: { proceedingId: In(ids) }, order: { id: 'ASC' } });
  const stages = await em.find(ProceedingStage, { where: { proceedingId: In(ids) } });
  const personOf = new Map(defendants.map((d) => [d.id, d.personId]));
  const charges = defendants.length ? await em.find(ProceedingCharge, { where: { defendantId: In(defendants.map((d) => d.id)) }, order: { id: 'ASC' } }) : [];
  const verdicts = stages.length ? await em.find(StageVerdict, { where: { stageId: In(stages.map((st) => st.id)) }, order: { id: 'ASC' } }) : [];
  const order = new Map(defendants.map((d, i) => [d.id, i]));
  const verdictsOf = (stageId: number): VerdictRecord[] =>
    verdicts
      .filter((v) => v.stageId === stageId)
      .sort((a, b) => (a.defendantId === null ? -1 : (order.get(a.defendantId) ?? 0)) - (b.defendantId === null ? -1 : (order.get(b.defendantId) ?? 0)))
      .map((v) => ({ id: v.id, personId: v.defendantId === null ? null : (personOf.get(v.defendantId) ?? null), outcome: v.outcome, sentenceKind: v.sentenceKind, years: v.sentenceYears, months: v.sentenceMonths, suspended: Boolean(v.suspended), regime: v.regime, note: v.note }));
  return rows.map((r) => {
    const mine = defendants.filter((d) => d.proceedingId === r.id);
    return Object.assign(r, {
      defendantIds: mine.map((d) => d.personId),
      charges: new Map(mine.map((d) => [d.personId, charges.filter((c) => c.defendantId === d.id).map((c) => ({ article: c.article, articleCode: c.articleCode }))])),
      stageList: inSequence(stages.filter((st) => st.proceedingId === r.id)).map((st) => Object.assign(st, { verdicts: verdictsOf(st.id) })),
    });
  });
}

export async function getProceeding(db: Db, caseId: number, id: number): Promise<ProceedingRecord> {
  const em = manager(db);
  const row = await em.findOneBy(Proceeding, { id, caseId });
  if (!row) throw notFound(t('proceedings.errors.notFound'));
  return (await withParts(em, [row]))[0];
}

/** A case's proceedings, in the order of their first stage (those without dated stages last). */
export async function listProceedings(db: Db, caseId: number): Promise<ProceedingRecord[]> {
  const em = manager(db);
  const rows = await withParts(em, await caseRows(db, Proceeding, caseId));
  const first = (p: ProceedingRecord) => p.stageList.find((s) => s.date.start)?.date ?? NO_DATE;
  return rows.sort((a, b) => byDateThenId({ id: a.id, date: first(a) }, { id: b.id, date: first(b) }));
}

/** People of the case: a defendant must be one (any role), so a proceeding never names a stranger to the case. */
async function participantIds(em: EntityManager, caseId: number, personIds: number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  return new Set((await em.find(CaseParticipant, { where: { caseId, personId: In(personIds) }, select: { personId: true } })).map((p) => p.personId));
}

async function validateProceeding(em: EntityManager, user: CurrentUser, caseId: number, input: ProceedingInput, before?: ProceedingRecord) {
  const ids = input.defendants.map((d) => d.personId);
  const refErrors = await peopleRefErrors(em, user, [{ field: 'defendants', ids, keep: before?.defendantIds, message: t('proceedings.errors.chooseEachDefendant') }]);
  const errors: Record<string, string> = {};
  if (!refErrors.defendants) {
    const inCase = await participantIds(em, caseId, ids);
    if (ids.some((id) => !inCase.has(id))) errors.defendants = t('proceedings.errors.defendantNotInCase');
  }
  if (before) {
    const removed = before.defendantIds.filter((id) => !ids.includes(id));
    const judged = new Set(before.stageList.flatMap((st) => st.verdicts.map((v) => v.personId)));
    if (removed.some((id) => judged.has(id))) errors.defendants = t('proceedings.errors.defendantHasVerdicts');
  }
  throwIfErrors(
    refErrors,
    errors,
    await institutionRefErrors(em, [{ field: 'courtInstitutionId', id: input.courtInstitutionId }]),
    await termErrors(
      em,
      input.defendants.flatMap((d, i) =>
        d.charges.map((c, j) => ({ field: `defendants.${i}.charges.${j}.articleCode`, vocabulary: 'criminal_code_article' as const, code: c.articleCode, previous: [...(before?.charges.values() ?? [])].flat().map((x) => x.articleCode ?? '') })),
      ),
    ),
  );
}

const chargeSignature = (rows: { personId: number; charges: ChargeInput[] }[]) => JSON.stringify([...rows].sort((a, b) => a.personId - b.personId).map((r) => [r.personId, r.charges.map((c) => [c.article, c.articleCode])]));

/** Brings the defendants and their charges to `rows`; defendants who stay keep their row (and so their verdicts). */
async function setDefendants(em: EntityManager, id: number, rows: DefendantInput[], before?: ProceedingRecord): Promise<string[]> {
  const beforeIds = before?.defendantIds ?? [];
  const beforeRows = beforeIds.map((personId) => ({ personId, charges: before?.charges.get(personId) ?? [] }));
  const idsChanged = JSON.stringify([...beforeIds].sort()) !== JSON.stringify(rows.map((r) => r.personId).sort());
  const chargesChanged = chargeSignature(beforeRows.filter((r) => r.charges.length)) !== chargeSignature(rows.filter((r) => r.charges.length));
  if (!idsChanged && !chargesChanged) return [];
  const existing = await em.find(ProceedingDefendant, { where: { proceedingId: id } });
  const wanted = new Set(rows.map((r) => r.personId));
  const gone = existing.filter((d) => !wanted.has(d.personId));
  if (gone.length) await em.delete(ProceedingDefendant, { id: In(gone.map((d) => d.id)) });
  const kept = new Map(existing.filter((d) => wanted.has(d.personId)).map((d) => [d.personId, d.id]));
  for (const r of rows) {
    let defendantId = kept.get(r.personId);
    if (defendantId === undefined) defendantId = (await em.insert(ProceedingDefendant, { proceedingId: id, personId: r.personId })).identifiers[0].id as number;
    await em.delete(ProceedingCharge, { defendantId });
    if (r.charges.length) await em.insert(ProceedingCharge, r.charges.map((c) => ({ defendantId, article: c.article, articleCode: c.articleCode })));
  }
  return [...(idsChanged ? ['defendants'] : []), ...(chargesChanged ? ['charges'] : [])];
}

export async function createProceeding(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: ProceedingInput): Promise<Proceeding> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validateProceeding(em, user, caseId, input);
    const { defendants, ...fields } = input;
    const row = await em.save(Proceeding, em.create(Proceeding, { ...fields, caseId, createdById: user.id, updatedById: user.id }));
    const changed = await setDefendants(em, row.id, defendants);
    await auditRecord(em, actor, 'proceeding', row.id, 'create', [...filledFields(row, PROCEEDING_FIELDS), ...changed], caseId);
    return row;
  });
}

export async function updateProceeding(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, id: number, input: ProceedingInput): Promise<Proceeding> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await getProceeding(em, caseId, id);
    await validateProceeding(em, user, caseId, input, before);
    const { defendants, ...next } = input;
    const fields = changedFields(before, next as Partial<Proceeding>, [...PROCEEDING_FIELDS]);
    const defendantsChanged = await setDefendants(em, id, defendants, before);
    if (fields.length === 0 && defendantsChanged.length === 0) return before;
    const row = await em.findOneByOrFail(Proceeding, { id });
    Object.assign(row, next, { updatedById: user.id });
    await em.save(Proceeding, row);
    await auditRecord(em, actor, 'proceeding', id, 'update', [...fields, ...defendantsChanged], caseId);
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

export async function getStage(db: Db, caseId: number, proceedingId: number, stageId: number): Promise<{ proceeding: ProceedingRecord; stage: StageRecord }> {
  const proceeding = await getProceeding(db, caseId, proceedingId);
  const stage = proceeding.stageList.find((s) => s.id === stageId);
  if (!stage) throw notFound(t('proceedings.errors.stageNotFound'));
  return { proceeding, stage };
}

/** The verdicts a stage input stands for: its rows, or the shorthand applied to every defendant (or to "the defendants" when none is named). */
function verdictsOf(input: StageInput, proceeding: ProceedingRecord): VerdictInput[] | null {
  if (input.verdicts) return input.verdicts;
  const all = input.forEveryDefendant;
  if (!all) return null;
  const people: (number | null)[] = proceeding.defendantIds.length ? proceeding.defendantIds : [null];
  return people.map((personId) => ({ personId, outcome: all.outcome, sentenceKind: null, years: null, months: null, suspended: false, regime: null, note: all.note }));
}

async function validateStage(em: EntityManager, proceeding: ProceedingRecord, input: StageInput, verdicts: VerdictInput[], before?: StageRecord) {
  const defendants = new Set(proceeding.defendantIds);
  const rowErrors: Record<string, string> = {};
  const field = (i: number, name: string) => (input.verdicts ? `verdicts.${i}.${name}` : name === 'note' ? 'sentence' : name);
  verdicts.forEach((v, i) => {
    if (v.personId !== null && !defendants.has(v.personId)) rowErrors[field(i, 'personId')] = t('proceedings.errors.notADefendant');
    if (v.personId === null && defendants.size && !before?.verdicts.some((b) => b.personId === null)) rowErrors[field(i, 'personId')] = t('proceedings.errors.defendantOfProceeding');
  });
  const previous = (key: 'outcome' | 'sentenceKind' | 'regime') => before?.verdicts.map((v) => v[key] ?? '') ?? [];
  throwIfErrors(
    rowErrors,
    await termErrors(em, [
      { field: 'kind', vocabulary: 'proceeding_stage_kind', code: input.kind, previous: before?.kind },
      ...verdicts.flatMap((v, i) => [
        { field: field(i, 'outcome'), vocabulary: 'verdict_outcome' as const, code: v.outcome, previous: previous('outcome') },
        { field: field(i, 'sentenceKind'), vocabulary: 'sentence_kind' as const, code: v.sentenceKind, previous: previous('sentenceKind') },
        { field: field(i, 'regime'), vocabulary: 'colony_regime' as const, code: v.regime, previous: previous('regime') },
      ]),
    ]),
    await institutionRefErrors(em, [{ field: 'courtInstitutionId', id: input.courtInstitutionId }]),
  );
}

const verdictSignature = (rows: VerdictInput[]) =>
  JSON.stringify([...rows].sort((a, b) => (a.personId ?? 0) - (b.personId ?? 0)).map((v) => [v.personId, v.outcome, v.sentenceKind, v.years, v.months, v.suspended, v.regime, v.note]));

/** Replaces a stage's verdicts when they differ; true when they did. */
async function setVerdicts(em: EntityManager, proceedingId: number, stageId: number, rows: VerdictInput[], before: VerdictInput[] = []): Promise<boolean> {
  if (verdictSignature(rows) === verdictSignature(before)) return false;
  const defendantIds = new Map((await em.find(ProceedingDefendant, { where: { proceedingId } })).map((d) => [d.personId, d.id]));
  await em.delete(StageVerdict, { stageId });
  if (rows.length)
    await em.insert(
      StageVerdict,
      rows.map((v) => ({ stageId, defendantId: v.personId === null ? null : defendantIds.get(v.personId)!, outcome: v.outcome, sentenceKind: v.sentenceKind, sentenceYears: v.years, sentenceMonths: v.months, suspended: v.suspended, regime: v.regime, note: v.note })),
    );
  return true;
}

const stageColumns = ({ kind, date, courtInstitutionId, note }: StageInput) => ({ kind, date: date ?? NO_DATE, courtInstitutionId, note });

export async function addStage(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, proceedingId: number, input: StageInput): Promise<ProceedingStage> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const proceeding = await getProceeding(em, caseId, proceedingId);
    const verdicts = verdictsOf(input, proceeding) ?? [];
    await validateStage(em, proceeding, input, verdicts);
    const row = await em.save(ProceedingStage, em.create(ProceedingStage, { ...stageColumns(input), proceedingId }));
    const judged = await setVerdicts(em, proceedingId, row.id, verdicts);
    await auditRecord(em, actor, 'proceeding_stage', row.id, 'create', [...filledFields(row, STAGE_FIELDS), ...(judged ? ['verdicts'] : [])], caseId);
    await auditRecord(em, actor, 'proceeding', proceedingId, 'stage_add', ['stages'], caseId);
    await touch(em, proceedingId, user);
    return row;
  });
}

export async function updateStage(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, proceedingId: number, stageId: number, input: StageInput): Promise<ProceedingStage> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const { proceeding, stage } = await getStage(em, caseId, proceedingId, stageId);
    const verdicts = verdictsOf(input, proceeding) ?? stage.verdicts;
    await validateStage(em, proceeding, input, verdicts, stage);
    const next = stageColumns(input);
    const fields = changedFields(stage as ProceedingStage, next as Partial<ProceedingStage>, [...STAGE_FIELDS]);
    const judged = await setVerdicts(em, proceedingId, stageId, verdicts, stage.verdicts);
    if (fields.length === 0 && !judged) return stage;
    const row = await em.findOneByOrFail(ProceedingStage, { id: stageId });
    Object.assign(row, next);
    await em.save(ProceedingStage, row);
    await auditRecord(em, actor, 'proceeding_stage', stageId, 'update', [...fields, ...(judged ? ['verdicts'] : [])], caseId);
    await touch(em, proceedingId, user);
    return row;
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
