import { DataSource, EntityManager, In } from 'typeorm';
import { Complaint } from './complaint.entity';
import { ComplaintResponse } from './complaint-response.entity';
import { ComplaintInput, ResponseInput } from './complaint.schema';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { AppError, notFound, validationFailed } from '../http/errors';
import { requireCase } from '../cases/case-access';
import { auditRecord, changedFields } from '../records/record-audit';
import { institutionRefErrors, peopleRefErrors, termErrors, throwIfErrors } from '../records/record-refs';
import { filledFields } from '../records/audit-fields';
import { moveToTrash } from '../trash/trash.service';
import { byDateThenId, inSequence } from '../records/record-dates';
import { responseDecisionErrors } from '../investigations/investigation.service';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export type ComplaintRecord = Complaint & { responseList: ComplaintResponse[] };

const COMPLAINT_FIELDS = ['filedByPersonId', 'filedByText', 'toInstitutionId', 'date', 'request', 'description'] as const;
const RESPONSE_FIELDS = ['date', 'respondingInstitutionId', 'outcome', 'note', 'decisionId'] as const;
const NO_DATE = { precision: null, start: null, end: null };

async function withResponses(em: EntityManager, rows: Complaint[]): Promise<ComplaintRecord[]> {
  if (rows.length === 0) return [];
  const responses = await em.find(ComplaintResponse, { where: { complaintId: In(rows.map((r) => r.id)) } });
  return rows.map((r) => Object.assign(r, { responseList: inSequence(responses.filter((x) => x.complaintId === r.id)) }));
}

export async function getComplaint(db: Db, caseId: number, id: number): Promise<ComplaintRecord> {
  const em = manager(db);
  const row = await em.findOneBy(Complaint, { id, caseId });
  if (!row) throw notFound(t('complaints.errors.notFound'));
  return (await withResponses(em, [row]))[0];
}

/** A case's complaints by date (undated last), each with its responses in order. */
export async function listComplaints(db: Db, caseId: number): Promise<ComplaintRecord[]> {
  const em = manager(db);
  const rows = (await caseRows(db, Complaint, caseId)).sort(byDateThenId);
  return withResponses(em, rows);
}

async function validateComplaint(em: EntityManager, user: CurrentUser, input: ComplaintInput, before?: Complaint) {
  throwIfErrors(
    await termErrors(em, [{ field: 'request', vocabulary: 'complaint_request', code: input.request, previous: before?.request }]),
    await peopleRefErrors(em, user, [{ field: 'filedByPersonId', ids: input.filedByPersonId ? [input.filedByPersonId] : [], keep: before?.filedByPersonId ? [before.filedByPersonId] : [] }]),
    await institutionRefErrors(em, [{ field: 'toInstitutionId', id: input.toInstitutionId }]),
    complaintDateErrors(input, before),
  );
}

/** A complaint cannot be dated after a response it already received. */
function complaintDateErrors(input: ComplaintInput, before?: ComplaintRecord | Complaint): Record<string, string> {
  const responses = before && 'responseList' in before ? before.responseList : [];
  const earliest = responses.map((r) => r.date.end).filter((d): d is string => !!d).sort()[0];
  if (input.date && earliest && earliest < input.date.start) return { [dateKey('date', input.date.precision)]: t('complaints.errors.afterResponse') };
  return {};
}

const dateKey = (field: string, precision: string) => `${field}.${precision === 'range' ? 'start' : 'value'}`;

/** Where a first response's errors show on the complaint form (its fields are named apart from the complaint's). */
const FIRST_RESPONSE_FIELD: Record<string, string> = { outcome: 'responseOutcome', date: 'responseDate', respondingInstitutionId: 'responseInstitutionId' };
const asFirstResponseErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([key, message]) => {
    const [head, ...rest] = key.split('.');
    return [[FIRST_RESPONSE_FIELD[head] ?? head, ...rest].join('.'), message];
  }));

/** A new complaint and, when given, its first response: both with their audit entries, or nothing. */
export async function createComplaint(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: ComplaintInput, firstResponse: ResponseInput | null = null): Promise<Complaint> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await validateComplaint(em, user, input);
    const row = await em.save(Complaint, em.create(Complaint, { ...input, date: input.date ?? NO_DATE, caseId, createdById: user.id, updatedById: user.id }));
    await auditRecord(em, actor, 'complaint', row.id, 'create', filledFields(row, COMPLAINT_FIELDS), caseId);
    if (firstResponse) {
      try {
        await validateResponse(em, row, firstResponse);
      } catch (err) {
        if (err instanceof AppError && err.code === 'validation_failed') throw validationFailed(asFirstResponseErrors(err.fieldErrors));
        throw err;
      }
      await saveResponse(em, actor, caseId, row.id, firstResponse);
    }
    return row;
  });
}

export async function updateComplaint(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, id: number, input: ComplaintInput): Promise<Complaint> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const before = await getComplaint(em, caseId, id);
    await validateComplaint(em, user, input, before);
    const next = { ...input, date: input.date ?? NO_DATE };
    const fields = changedFields(before, next as Partial<Complaint>, [...COMPLAINT_FIELDS]);
    if (fields.length === 0) return before;
    const row = await em.findOneByOrFail(Complaint, { id });
    Object.assign(row, next, { updatedById: user.id });
    await em.save(Complaint, row);
    await auditRecord(em, actor, 'complaint', id, 'update', fields, caseId);
    return row;
  });
}

export async function deleteComplaint(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getComplaint(em, caseId, id);
    await moveToTrash(em, actor, { target: Complaint, id, caseId });
    await auditRecord(em, actor, 'complaint', id, 'delete', [], caseId);
  });
}

// --- responses -------------------------------------------------------------------------------

/** A response of a complaint of this case; anything else is simply not found here. */
export async function getResponse(db: Db, caseId: number, complaintId: number, responseId: number): Promise<{ complaint: ComplaintRecord; response: ComplaintResponse }> {
  const complaint = await getComplaint(db, caseId, complaintId);
  const response = complaint.responseList.find((r) => r.id === responseId);
  if (!response) throw notFound(t('complaints.errors.responseNotFound'));
  return { complaint, response };
}

async function validateResponse(em: EntityManager, complaint: Complaint, input: ResponseInput, before?: ComplaintResponse) {
  const errors: Record<string, string> = {};
  if (input.date && complaint.date.start && input.date.end < complaint.date.start) errors[dateKey('date', input.date.precision)] = t('complaints.errors.beforeComplaint');
  throwIfErrors(
    await termErrors(em, [{ field: 'outcome', vocabulary: 'response_outcome', code: input.outcome, previous: before?.outcome }]),
    await institutionRefErrors(em, [{ field: 'respondingInstitutionId', id: input.respondingInstitutionId }]),
    await responseDecisionErrors(em, complaint.caseId, input.decisionId),
    errors,
  );
}

export async function addResponse(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, complaintId: number, input: ResponseInput): Promise<ComplaintResponse> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const complaint = await getComplaint(em, caseId, complaintId);
    await validateResponse(em, complaint, input);
    const row = await saveResponse(em, actor, caseId, complaintId, input);
    await touch(em, complaintId, user);
    return row;
  });
}

async function saveResponse(em: EntityManager, actor: Actor, caseId: number, complaintId: number, input: ResponseInput): Promise<ComplaintResponse> {
  const row = await em.save(ComplaintResponse, em.create(ComplaintResponse, { ...input, date: input.date ?? NO_DATE, complaintId }));
  await auditRecord(em, actor, 'complaint_response', row.id, 'create', filledFields(row, RESPONSE_FIELDS), caseId);
  await auditRecord(em, actor, 'complaint', complaintId, 'response_add', ['responses'], caseId);
  return row;
}

export async function updateResponse(ds: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, complaintId: number, responseId: number, input: ResponseInput): Promise<ComplaintResponse> {
  return inTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const { complaint, response } = await getResponse(em, caseId, complaintId, responseId);
    await validateResponse(em, complaint, input, response);
    const next = { ...input, date: input.date ?? NO_DATE };
    const fields = changedFields(response, next as Partial<ComplaintResponse>, [...RESPONSE_FIELDS]);
    if (fields.length === 0) return response;
    Object.assign(response, next);
    await em.save(ComplaintResponse, response);
    await auditRecord(em, actor, 'complaint_response', responseId, 'update', fields, caseId);
    await touch(em, complaintId, user);
    return response;
  });
}

export async function deleteResponse(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, complaintId: number, responseId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    await getResponse(em, caseId, complaintId, responseId);
    await moveToTrash(em, actor, { target: ComplaintResponse, id: responseId, caseId });
    await auditRecord(em, actor, 'complaint_response', responseId, 'delete', [], caseId);
    await auditRecord(em, actor, 'complaint', complaintId, 'response_remove', ['responses'], caseId);
    await touch(em, complaintId, user);
  });
}

/** A change to a response is a change to its complaint: who last touched it, and when. */
async function touch(em: EntityManager, complaintId: number, user: CurrentUser) {
  await em.update(Complaint, { id: complaintId }, { updatedById: user.id });
}
