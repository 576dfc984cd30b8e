import { DataSource, EntityManager, In } from 'typeorm';
import { Statement } from './statement.entity';
import { StatementCondition } from './statement-condition.entity';
import { StatementIncrimination } from './statement-incriminates.entity';
import { StatementInput } from './statement.schema';
import { Proceeding } from '../proceedings/proceeding.entity';
import { Allegation } from '../allegations/allegation.entity';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { requireCase } from '../cases/case-access';
import { auditRecord, changedFields } from '../records/record-audit';
import { institutionRefErrors, peopleRefErrors, termErrors, throwIfErrors } from '../records/record-refs';
import { filledFields } from '../records/audit-fields';
import { moveToTrash } from '../trash/trash.service';
import { byDateThenId } from '../records/record-dates';
import { StatementRetraction } from './statement-retraction.entity';
import { retractionsOf } from './statement-retraction.service';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

/** A statement with its conditions, the people it incriminates and its retraction history (by date). */
export type StatementRecord = Statement & { conditionCodes: string[]; incriminatedIds: number[]; retractions: StatementRetraction[] };

const SCALARS = ['makerPersonId', 'makerDescription', 'date', 'beforeInstitutionId', 'beforeOfficial', 'kind', 'content', 'courtStatus', 'proceedingId', 'allegationId'] as const;
const NO_DATE = { precision: null, start: null, end: null };

async function withLinks(em: EntityManager, rows: Statement[]): Promise<StatementRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const conditions = await em.find(StatementCondition, { where: { statementId: In(ids) }, order: { id: 'ASC' } });
  const incriminated = await em.find(StatementIncrimination, { where: { statementId: In(ids) }, order: { id: 'ASC' } });
  const retractions = await retractionsOf(em, ids);
  return rows.map((r) =>
    Object.assign(r, {
      conditionCodes: conditions.filter((c) => c.statementId === r.id).map((c) => c.code),
      incriminatedIds: incriminated.filter((i) => i.statementId === r.id).map((i) => i.personId),
      retractions: retractions.get(r.id) ?? [],
    }),
  );
}

/** A statement of this case; one of another case is simply not found here. */
export async function getStatement(db: Db, caseId: number, id: number): Promise<StatementRecord> {
  const em = manager(db);
  const row = await em.findOneBy(Statement, { id, caseId });
  if (!row) throw notFound(t('statements.errors.noSuchStatement'));
  return (await withLinks(em, [row]))[0];
}

/** A case's statements, by date (undated last). */
export async function listStatements(db: Db, caseId: number): Promise<StatementRecord[]> {
  const em = manager(db);
  const rows = (await caseRows(db, Statement, caseId)).sort(byDateThenId);
  return withLinks(em, rows);
}

async function validate(em: EntityManager, user: CurrentUser, caseId: number, input: StatementInput, before?: StatementRecord): Promise<void> {
  const errors: Record<string, string> = {};
  if (input.proceedingId !== null && !(await em.existsBy(Proceeding, { id: input.proceedingId, caseId }))) errors.proceedingId = t('statements.errors.chooseProceeding');
  if (input.allegationId !== null && !(await em.existsBy(Allegation, { id: input.allegationId, caseId }))) errors.allegationId = t('statements.errors.chooseAllegation');
  const made = input.date;
  if (made && before?.retractions.some((r) => r.date?.end && r.date.end < made.start)) errors[made.precision === 'range' ? 'date.start' : 'date.value'] = t('statements.errors.afterRetraction');
  throwIfErrors(
    await termErrors(em, [
      { field: 'kind', vocabulary: 'statement_kind', code: input.kind, previous: before?.kind },
      ...input.conditions.map((code) => ({ field: 'conditions', vocabulary: 'statement_condition' as const, code, previous: before?.conditionCodes })),
    ]),
    await peopleRefErrors(em, user, [
      { field: 'makerPersonId', ids: input.makerPersonId ? [input.makerPersonId] : [], keep: before?.makerPersonId ? [before.makerPersonId] : [] },
      { field: 'incriminates', ids: input.incriminates, keep: before?.incriminatedIds, message: t('statements.errors.chooseEachPerson') },
    ]),
    await institutionRefErrors(em, [{ field: 'beforeInstitutionId', id: input.beforeInstitutionId }]),
    errors,
  );
}

function columnsOf(input: StatementInput) {
  const { conditions: _c, incriminates: _i, ...rest } = input;
  return { ...rest, date: input.date ?? NO_DATE };
}

async function setLinks(em: EntityManager, id: number, input: StatementInput, before?: StatementRecord): Promise<string[]> {
  const changed: string[] = [];
  const same = (a: (string | number)[], b: (string | number)[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  if (!before || !same(before.conditionCodes, input.conditions)) {
    await em.delete(StatementCondition, { statementId: id });
    if (input.conditions.length) await em.insert(StatementCondition, input.conditions.map((code) => ({ statementId: id, code })));
    if (before || input.conditions.length) changed.push('conditions');
  }
  if (!before || !same(before.incriminatedIds, input.incriminates)) {
    await em.delete(StatementIncrimination, { statementId: id });
    if (input.incriminates.length) await em.insert(StatementIncrimination, input.incriminates.map((personId) => ({ statementId: id, personId })));
    if (before || input.incriminates.length) changed.push('incriminates');
  }
  return changed;
}

export async function createStatement(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: StatementInput): Promise<Statement> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validate(em, user, caseId, input);
    const row = await em.save(Statement, em.create(Statement, { ...columnsOf(input), caseId, createdById: user.id, updatedById: user.id }));
    const links = await setLinks(em, row.id, input);
    await auditRecord(em, actor, 'statement', row.id, 'create', [...filledFields(row, SCALARS), ...links], caseId);
    return row;
  });
}

export async function updateStatement(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, id: number, input: StatementInput): Promise<Statement> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await getStatement(em, caseId, id);
    await validate(em, user, caseId, input, before);
    const next = columnsOf(input);
    const fields = changedFields(before, next as Partial<Statement>, [...SCALARS]);
    const links = await setLinks(em, id, input, before);
    if (fields.length === 0 && links.length === 0) return before;
    const row = await em.findOneByOrFail(Statement, { id });
    Object.assign(row, next, { updatedById: user.id });
    await em.save(Statement, row);
    await auditRecord(em, actor, 'statement', id, 'update', [...fields, ...links], caseId);
    return row;
  });
}

export async function deleteStatement(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getStatement(em, caseId, id);
    await moveToTrash(em, actor, { target: Statement, id, caseId });
    await auditRecord(em, actor, 'statement', id, 'delete', [], caseId);
  });
}
