import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../audit/audit.service';
import { moveToTrash } from '../trash/trash.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { requireCase } from '../cases/case-access';
import { auditRecord, changedFields } from '../records/record-audit';
import { filledFields } from '../records/audit-fields';
import { termErrors, throwIfErrors } from '../records/record-refs';
import { byDateThenId } from '../records/record-dates';
import { PartialDate } from '../db/partial-date';
import { Statement } from './statement.entity';
import { PressureAlleged, RetractionKind, StatementRetraction } from './statement-retraction.entity';
import { RetractionInput } from './statement.schema';
import { t } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);
const FIELDS = ['kind', 'date', 'forum', 'reason', 'pressureAlleged'] as const;
const NO_DATE = { precision: null, start: null, end: null };

/**
 * The one definition of "retracted", for filters, facets, reports and pages: a statement is
 * retracted when its history holds at least one retraction, whatever came after (a later
 * reaffirmation, often under pressure, does not undo that it was retracted: "ever retracted").
 */
export const RETRACTED_CASE_IDS_SQL = `SELECT sr.case_id FROM statement_retraction sr WHERE sr.kind = 'retraction'`;
/** SQL condition: statement `alias` was ever retracted (see RETRACTED_CASE_IDS_SQL). */
export const everRetractedSql = (alias: string) => `EXISTS (SELECT 1 FROM statement_retraction sr WHERE sr.statement_id = ${alias}.id AND sr.kind = 'retraction')`;
/** Ever retracted, from a statement's history (the same rule in JavaScript). */
export const everRetracted = (history: readonly { kind: string }[]) => history.some((h) => h.kind === 'retraction');

/** The retraction histories of these statements, each in date order (undated after what was entered before them). */
export async function retractionsOf(db: Db, statementIds: number[]): Promise<Map<number, StatementRetraction[]>> {
  const out = new Map<number, StatementRetraction[]>(statementIds.map((id) => [id, []]));
  if (statementIds.length === 0) return out;
  const rows = (await manager(db).find(StatementRetraction, { where: { statementId: In(statementIds) } })).sort(byDateThenId);
  for (const r of rows) out.get(r.statementId)?.push(r);
  return out;
}

/** One step of a case's retraction history, for the timeline and the dossier. */
export interface CaseRetraction {
  id: number;
  statementId: number;
  kind: RetractionKind;
  date: PartialDate | null;
  forum: string | null;
  reason: string | null;
  pressureAlleged: PressureAlleged;
}

/** Every retraction and reaffirmation of a case's statements, by date (undated last). */
export async function caseRetractions(db: Db, caseId: number): Promise<CaseRetraction[]> {
  const rows = (await manager(db).find(StatementRetraction, { where: { caseId } })).sort(byDateThenId);
  return rows.map((r) => ({ id: r.id, statementId: r.statementId, kind: r.kind, date: r.date?.precision ? r.date : null, forum: r.forum, reason: r.reason, pressureAlleged: r.pressureAlleged }));
}

async function requireStatement(em: EntityManager, caseId: number, statementId: number): Promise<Statement> {
  const row = await em.findOneBy(Statement, { id: statementId, caseId });
  if (!row) throw notFound(t('statements.errors.noSuchStatement'));
  return row;
}

export async function getRetraction(db: Db, caseId: number, statementId: number, id: number): Promise<StatementRetraction> {
  const row = await manager(db).findOneBy(StatementRetraction, { id, statementId, caseId });
  if (!row) throw notFound(t('statements.errors.noSuchRetraction'));
  return row;
}

async function validate(em: EntityManager, statement: Statement, input: RetractionInput, before?: StatementRetraction): Promise<void> {
  const errors: Record<string, string> = {};
  if (input.date && statement.date?.start && input.date.end < statement.date.start) {
    errors[input.date.precision === 'range' ? 'date.end' : 'date.value'] = t(input.kind === 'reaffirmation' ? 'statements.errors.reaffirmationBeforeStatement' : 'statements.errors.retractionBeforeStatement');
  }
  throwIfErrors(await termErrors(em, [{ field: 'forum', vocabulary: 'retraction_forum', code: input.forum, previous: before?.forum }]), errors);
}

const columnsOf = (input: RetractionInput) => ({ ...input, date: input.date ?? NO_DATE });

export async function addRetraction(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, statementId: number, input: RetractionInput): Promise<StatementRetraction> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const statement = await requireStatement(em, caseId, statementId);
    await validate(em, statement, input);
    const row = await em.save(StatementRetraction, em.create(StatementRetraction, { ...columnsOf(input), caseId, statementId, createdById: user.id, updatedById: user.id }));
    await auditRecord(em, actor, 'statement_retraction', row.id, 'create', filledFields(row, FIELDS), caseId);
    await auditRecord(em, actor, 'statement', statementId, input.kind === 'retraction' ? 'retraction_add' : 'reaffirmation_add', ['retractions'], caseId);
    return row;
  });
}

export async function updateRetraction(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, statementId: number, id: number, input: RetractionInput): Promise<StatementRetraction> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const statement = await requireStatement(em, caseId, statementId);
    const before = await getRetraction(em, caseId, statementId, id);
    await validate(em, statement, input, before);
    const next = columnsOf(input);
    const fields = changedFields(before, next as Partial<StatementRetraction>, [...FIELDS]);
    if (fields.length === 0) return before;
    Object.assign(before, next, { updatedById: user.id });
    await em.save(StatementRetraction, before);
    await auditRecord(em, actor, 'statement_retraction', id, 'update', fields, caseId);
    return before;
  });
}

export async function deleteRetraction(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, statementId: number, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getRetraction(em, caseId, statementId, id);
    await moveToTrash(em, actor, { target: StatementRetraction, id, caseId });
    await auditRecord(em, actor, 'statement_retraction', id, 'delete', [], caseId);
    await auditRecord(em, actor, 'statement', statementId, 'retraction_remove', ['retractions'], caseId);
  });
}
