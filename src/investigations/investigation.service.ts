import { DataSource, EntityManager, In } from 'typeorm';
import { Investigation } from './investigation.entity';
import { InvestigationDecision } from './investigation-decision.entity';
import { DecisionInput, InvestigationInput } from './investigation.schema';
import { Actor } from '../audit/audit.service';
import { moveToTrash } from '../trash/trash.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { can } from '../auth/policy';
import { requireCase } from '../cases/case-access';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintResponse } from '../complaints/complaint-response.entity';
import { CaseEvent } from '../events/event.entity';
import { EvidenceItem } from '../evidence/evidence-item.entity';
import '../evidence/evidence.policy';
import { auditRecord, changedFields } from '../records/record-audit';
import { FieldErrors, institutionRefErrors, termErrors, throwIfErrors } from '../records/record-refs';
import { filledFields } from '../records/audit-fields';
import { byDateThenId } from '../records/record-dates';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export type InvestigationRecord = Investigation & { decisionList: InvestigationDecision[] };

const INVESTIGATION_FIELDS = ['institutionId', 'trigger', 'triggerComplaintId', 'began', 'officialNumber', 'note'] as const;
const DECISION_FIELDS = ['kind', 'date', 'official', 'institutionId', 'transferredToId', 'reasons', 'evidenceItemId', 'sequence', 'sourceEventId'] as const;
const NO_DATE = { precision: null, start: null, end: null };

type Stored = { precision: string | null; start: string | null; end: string | null };

/**
 * Decisions in the order they happened: by date; those sharing a date by their `sequence`, then
 * as entered. An undated decision is placed after the latest decision entered before it (like a
 * complaint's responses): an undated annulment entered after a refusal reads right after it.
 */
export function decisionsInOrder<T extends { date: Stored; id: number; sequence: number }>(items: T[]): T[] {
  let anchor = { start: '', end: '' };
  const keyed = [...items]
    .sort((a, b) => a.id - b.id)
    .map((item) => {
      const own = item.date?.start && item.date.end ? { start: item.date.start, end: item.date.end } : null;
      if (own && (own.start > anchor.start || (own.start === anchor.start && own.end > anchor.end))) anchor = own;
      return { item, ...(own ?? anchor) };
    });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return keyed.sort((a, b) => cmp(a.start, b.start) || cmp(a.end, b.end) || a.item.sequence - b.item.sequence || a.item.id - b.item.id).map((k) => k.item);
}

async function withDecisions(em: EntityManager, rows: Investigation[]): Promise<InvestigationRecord[]> {
  if (rows.length === 0) return [];
  const decisions = await em.find(InvestigationDecision, { where: { investigationId: In(rows.map((r) => r.id)) } });
  return rows.map((r) => Object.assign(r, { decisionList: decisionsInOrder(decisions.filter((d) => d.investigationId === r.id)) }));
}

export async function getInvestigation(db: Db, caseId: number, id: number): Promise<InvestigationRecord> {
  const em = manager(db);
  const row = await em.findOneBy(Investigation, { id, caseId });
  if (!row) throw notFound(t('investigations.errors.notFound'));
  return (await withDecisions(em, [row]))[0];
}

/** A case's investigations by when they began (unknown last), each with its decisions in order. */
export async function listInvestigations(db: Db, caseId: number): Promise<InvestigationRecord[]> {
  const em = manager(db);
  const rows = (await caseRows(db, Investigation, caseId)).sort((a, b) => byDateThenId({ date: a.began, id: a.id }, { date: b.began, id: b.id }));
  return withDecisions(em, rows);
}

export interface CaseDecision {
  id: number;
  investigationId: number;
  kind: string;
  date: Stored;
  sequence: number;
  institutionId: number | null;
  /** 1-based place among the decisions of its investigation. */
  position: number;
  /** The case page anchor (`#decision-12`). */
  anchor: string;
  /** The old timeline event it was recorded from, if any: draw one of the two, not both. */
  sourceEventId: number | null;
}

/**
 * Every decision of a case, investigation by investigation, each in order (date, then the
 * researcher's `sequence` for decisions sharing a date): for the timeline, which draws them as
 * their own family, and anything else that needs the process as dated steps. Read-only; the
 * caller has already checked that the user may read the case.
 */
export async function listCaseDecisions(db: Db, caseId: number): Promise<CaseDecision[]> {
  const investigations = await listInvestigations(db, caseId);
  return investigations.flatMap((inv) =>
    inv.decisionList.map((d, i) => ({ id: d.id, investigationId: inv.id, kind: d.kind, date: d.date, sequence: d.sequence, institutionId: d.institutionId ?? inv.institutionId, position: i + 1, anchor: `decision-${d.id}`, sourceEventId: d.sourceEventId })),
  );
}

const dateKey = (field: string, precision: string) => `${field}.${precision === 'range' ? 'start' : 'value'}`;

async function validateInvestigation(em: EntityManager, caseId: number, input: InvestigationInput, before?: InvestigationRecord) {
  const errors: FieldErrors = {};
  if (input.triggerComplaintId !== null) {
    if (input.trigger !== 'complaint') errors.triggerComplaintId = t('investigations.errors.complaintNeedsTrigger');
    else if (!(await em.findOneBy(Complaint, { id: input.triggerComplaintId, caseId }))) errors.triggerComplaintId = t('investigations.errors.complaintOfCase');
  }
  // It cannot have begun after one of its own decisions.
  if (input.began && before) {
    const earliestDecision = before.decisionList.map((d) => d.date.end).filter((d): d is string => !!d).sort()[0];
    if (earliestDecision && earliestDecision < input.began.start) errors[dateKey('began', input.began.precision)] = t('investigations.errors.beganAfterDecision');
  }
  throwIfErrors(
    await termErrors(em, [{ field: 'trigger', vocabulary: 'investigation_trigger', code: input.trigger, previous: before?.trigger }]),
    await institutionRefErrors(em, [{ field: 'institutionId', id: input.institutionId }]),
    errors,
  );
}

export async function createInvestigation(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: InvestigationInput): Promise<Investigation> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validateInvestigation(em, caseId, input);
    const row = await em.save(Investigation, em.create(Investigation, { ...input, began: input.began ?? NO_DATE, caseId, createdById: user.id, updatedById: user.id }));
    await auditRecord(em, actor, 'investigation', row.id, 'create', filledFields(row, INVESTIGATION_FIELDS), caseId);
    return row;
  });
}

export async function updateInvestigation(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, id: number, input: InvestigationInput): Promise<Investigation> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await getInvestigation(em, caseId, id);
    await validateInvestigation(em, caseId, input, before);
    const next = { ...input, began: input.began ?? NO_DATE };
    const fields = changedFields(before, next as Partial<Investigation>, [...INVESTIGATION_FIELDS]);
    if (fields.length === 0) return before;
    const row = await em.findOneByOrFail(Investigation, { id });
    Object.assign(row, next, { updatedById: user.id });
    await em.save(Investigation, row);
    await auditRecord(em, actor, 'investigation', id, 'update', fields, caseId);
    return row;
  });
}

export async function deleteInvestigation(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const inv = await getInvestigation(em, caseId, id);
    for (const d of inv.decisionList) await auditUnlinkedResponses(em, actor, caseId, d.id);
    // The decisions go with it, and the responses that reported one stop pointing to it (the
    // trash keeps both and puts them back on restore).
    await moveToTrash(em, actor, { target: Investigation, id, caseId });
    await auditRecord(em, actor, 'investigation', id, 'delete', [], caseId);
  });
}

// --- decisions -------------------------------------------------------------------------------

export async function getDecision(db: Db, caseId: number, investigationId: number, decisionId: number): Promise<{ investigation: InvestigationRecord; decision: InvestigationDecision }> {
  const investigation = await getInvestigation(db, caseId, investigationId);
  const decision = investigation.decisionList.find((d) => d.id === decisionId);
  if (!decision) throw notFound(t('investigations.errors.decisionNotFound'));
  return { investigation, decision };
}

/** A decision of any investigation of the case (for a complaint's response), or null. */
export async function decisionOfCase(db: Db, caseId: number, decisionId: number): Promise<InvestigationDecision | null> {
  const em = manager(db);
  const d = await em.findOneBy(InvestigationDecision, { id: decisionId });
  if (!d) return null;
  const inv = await em.findOneBy(Investigation, { id: d.investigationId, caseId });
  return inv ? d : null;
}

/** The field errors of a response's `decisionId`: it must be a decision of this case's investigations. */
export async function responseDecisionErrors(em: EntityManager, caseId: number, decisionId: number | null | undefined): Promise<FieldErrors> {
  if (decisionId == null) return {};
  return (await decisionOfCase(em, caseId, decisionId)) ? {} : { decisionId: t('investigations.errors.decisionOfCase') };
}

async function validateDecision(em: EntityManager, user: CurrentUser, caseId: number, investigation: Investigation, input: DecisionInput, before?: InvestigationDecision) {
  const errors: FieldErrors = {};
  // Refused only when it cannot have happened after the start: its latest possible day is
  // before the investigation's earliest possible day.
  if (input.date && investigation.began.start && input.date.end < investigation.began.start) {
    errors[dateKey('date', input.date.precision)] = t('investigations.errors.beforeBegan');
  }
  if (input.evidenceItemId !== null && input.evidenceItemId !== before?.evidenceItemId) {
    const { access } = await requireCase(em, user, caseId);
    const item = await em.findOneBy(EvidenceItem, { id: input.evidenceItemId, caseId });
    if (!item || !can(user, 'evidence.read', { ...access, confidentiality: item.confidentiality })) errors.evidenceItemId = t('investigations.errors.documentOfCase');
  }
  if (input.sourceEventId !== null && input.sourceEventId !== before?.sourceEventId) {
    if (!(await em.findOneBy(CaseEvent, { id: input.sourceEventId, caseId }))) errors.sourceEventId = t('investigations.errors.eventOfCase');
  }
  throwIfErrors(
    await termErrors(em, [{ field: 'kind', vocabulary: 'investigation_decision', code: input.kind, previous: before?.kind }]),
    await institutionRefErrors(em, [
      { field: 'institutionId', id: input.institutionId },
      { field: 'transferredToId', id: input.transferredToId },
    ]),
    errors,
  );
}

export async function addDecision(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, investigationId: number, input: DecisionInput): Promise<InvestigationDecision> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const investigation = await getInvestigation(em, caseId, investigationId);
    await validateDecision(em, user, caseId, investigation, input);
    const row = await em.save(InvestigationDecision, em.create(InvestigationDecision, { ...input, date: input.date ?? NO_DATE, investigationId, createdById: user.id, updatedById: user.id }));
    await auditRecord(em, actor, 'investigation_decision', row.id, 'create', filledFields(row, DECISION_FIELDS), caseId);
    await auditRecord(em, actor, 'investigation', investigationId, 'decision_add', ['decisions'], caseId);
    await touch(em, investigationId, user);
    return row;
  });
}

export async function updateDecision(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, investigationId: number, decisionId: number, input: DecisionInput): Promise<InvestigationDecision> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const { investigation, decision } = await getDecision(em, caseId, investigationId, decisionId);
    await validateDecision(em, user, caseId, investigation, input, decision);
    const next = { ...input, date: input.date ?? NO_DATE };
    const fields = changedFields(decision, next as Partial<InvestigationDecision>, [...DECISION_FIELDS]);
    if (fields.length === 0) return decision;
    Object.assign(decision, next, { updatedById: user.id });
    await em.save(InvestigationDecision, decision);
    await auditRecord(em, actor, 'investigation_decision', decisionId, 'update', fields, caseId);
    await touch(em, investigationId, user);
    return decision;
  });
}

export async function deleteDecision(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, investigationId: number, decisionId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getDecision(em, caseId, investigationId, decisionId);
    await auditUnlinkedResponses(em, actor, caseId, decisionId);
    await moveToTrash(em, actor, { target: InvestigationDecision, id: decisionId, caseId });
    await auditRecord(em, actor, 'investigation_decision', decisionId, 'delete', [], caseId);
    await auditRecord(em, actor, 'investigation', investigationId, 'decision_remove', ['decisions'], caseId);
    await touch(em, investigationId, user);
  });
}

/**
 * Responses that reported a decision being moved to the trash stop pointing to it (and so count
 * on their own again): an audited change. The database clears the link (ON DELETE SET NULL) as
 * the trash takes the decision, so the trash remembers it and a restore puts it back.
 */
async function auditUnlinkedResponses(em: EntityManager, actor: Actor, caseId: number, decisionId: number) {
  const linked = await em.find(ComplaintResponse, { where: { decisionId }, select: { id: true } });
  for (const r of linked) await auditRecord(em, actor, 'complaint_response', r.id, 'update', ['decisionId'], caseId);
}

async function touch(em: EntityManager, investigationId: number, user: CurrentUser) {
  await em.update(Investigation, { id: investigationId }, { updatedById: user.id });
}
