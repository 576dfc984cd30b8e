import { DataSource, EntityManager } from 'typeorm';
import { CitableRecordType } from './citation.entity';
import { CaseEvent } from '../events/event.entity';
import { Allegation } from '../allegations/allegation.entity';
import { Statement } from '../statements/statement.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintResponse } from '../complaints/complaint-response.entity';
import { Proceeding } from '../proceedings/proceeding.entity';
import { ProceedingStage } from '../proceedings/proceeding-stage.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';
import { formatPartialDate } from '../db/partial-date';
import { institutionLabels } from '../records/record-refs';
import { t } from '../i18n/i18n';
import { caseRows, rowsIn } from '../db/read-memo';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

/** The record types a case page can cite sources for: the case and the records inside it. */
export const CASE_CITABLE_TYPES = ['case_record', 'case_event', 'allegation', 'statement', 'complaint', 'complaint_response', 'proceeding', 'proceeding_stage'] as const satisfies readonly CitableRecordType[];
export type CaseCitableType = (typeof CASE_CITABLE_TYPES)[number];

/** Which case a record belongs to: a sub-record's own case_id, or its parent's. */
const CASE_OF: Record<CaseCitableType, string> = {
  case_record: 'SELECT id AS case_id FROM case_record WHERE id = ?',
  case_event: 'SELECT case_id FROM case_event WHERE id = ?',
  allegation: 'SELECT case_id FROM allegation WHERE id = ?',
  statement: 'SELECT case_id FROM statement WHERE id = ?',
  complaint: 'SELECT case_id FROM complaint WHERE id = ?',
  complaint_response: 'SELECT c.case_id FROM complaint_response r JOIN complaint c ON c.id = r.complaint_id WHERE r.id = ?',
  proceeding: 'SELECT case_id FROM proceeding WHERE id = ?',
  proceeding_stage: 'SELECT p.case_id FROM proceeding_stage s JOIN proceeding p ON p.id = s.proceeding_id WHERE s.id = ?',
};

export function isCaseCitable(type: string): type is CaseCitableType {
  return (CASE_CITABLE_TYPES as readonly string[]).includes(type);
}

/** The case a record belongs to, or null when it does not exist. */
export async function caseOfRecord(db: Db, type: CaseCitableType, id: number): Promise<number | null> {
  const rows: { case_id: number }[] = await manager(db).query(CASE_OF[type], [id]);
  return rows[0] ? Number(rows[0].case_id) : null;
}

export interface RecordRef {
  type: CaseCitableType;
  id: number;
  /** "statement:12", the value of the case page's select. */
  key: string;
  label: string;
  /** The fragment of the case page where the record is shown. */
  anchor: string;
}

export interface IndexContext {
  ds: DataSource;
  label: (vocabulary: Vocabulary, code: string | null | undefined) => string;
  people: (ids: Iterable<number>) => Promise<Map<number, PersonLabel>>;
}

const withDate = (text: string, date: { precision: string | null; start: string | null; end: string | null }) => {
  const d = formatPartialDate(date);
  return d ? t('sources.records.dated', { text, date: d }) : text;
};

/**
 * Every record of a case that can cite a source, labelled for this user (names of protected
 * people appear as pseudonyms): the options of the citation form and the labels of citations.
 */
export async function caseRecordIndex(ctx: IndexContext, caseId: number): Promise<RecordRef[]> {
  const em = ctx.ds.manager;
  const [events, allegations, statements, complaints, proceedings] = await Promise.all([
    em.find(CaseEvent, { where: { caseId }, order: { id: 'ASC' } }),
    caseRows(em, Allegation, caseId),
    caseRows(em, Statement, caseId),
    caseRows(em, Complaint, caseId),
    caseRows(em, Proceeding, caseId),
  ]);
  const [responses, stages] = await Promise.all([
    rowsIn(em, ComplaintResponse, 'complaintId', complaints.map((c) => c.id)),
    rowsIn(em, ProceedingStage, 'proceedingId', proceedings.map((p) => p.id)),
  ]);
  const names = await ctx.people([...statements.map((s) => s.makerPersonId), ...allegations.map((a) => a.victimPersonId)].filter((id): id is number => id !== null));
  const courts = await institutionLabels(ctx.ds, proceedings.map((p) => p.courtInstitutionId));
  const ref = (type: CaseCitableType, id: number, label: string, anchor: string): RecordRef => ({ type, id, key: `${type}:${id}`, label, anchor });
  const L = ctx.label;
  return [
    ref('case_record', caseId, t('sources.records.wholeCase'), 'summary'),
    ...events.map((e) => ref('case_event', e.id, withDate(t('sources.records.event', { title: e.title || L('event_type', e.type) }), e.date), `event-${e.id}`)),
    ...allegations.map((a) => {
      const victim = a.victimPersonId ? names.get(a.victimPersonId)?.label : null;
      return ref('allegation', a.id, victim ? t('sources.records.allegationOf', { summary: a.summary || `#${a.id}`, victim }) : t('sources.records.allegation', { summary: a.summary || `#${a.id}` }), `allegation-${a.id}`);
    }),
    ...statements.map((s) => {
      const maker = (s.makerPersonId ? names.get(s.makerPersonId)?.label : null) ?? s.makerDescription ?? t('sources.records.unknownMaker');
      return ref('statement', s.id, withDate(t('sources.records.statement', { kind: L('statement_kind', s.kind), maker }), s.date), `statement-${s.id}`);
    }),
    ...complaints.map((c) => ref('complaint', c.id, withDate(t('sources.records.complaint', { request: L('complaint_request', c.request) }), c.date), `complaint-${c.id}`)),
    ...responses.map((r) => ref('complaint_response', r.id, withDate(t('sources.records.response', { outcome: L('response_outcome', r.outcome) }), r.date), `response-${r.id}`)),
    ...proceedings.map((p) => ref('proceeding', p.id, t('sources.records.proceeding', { name: proceedingName(p, courts.get(p.courtInstitutionId ?? 0)?.label) }), `proceeding-${p.id}`)),
    ...stages.map((s) => ref('proceeding_stage', s.id, withDate(t('sources.records.stage', { kind: L('proceeding_stage_kind', s.kind) }), s.date), `stage-${s.id}`)),
  ];
}

/** "The Nalchik trial", else "No. 1-12/2006, Supreme Court of KBR", else the record number. */
export function proceedingName(p: { id: number; title: string | null; caseNumber: string | null }, court?: string | null): string {
  if (p.title) return p.title;
  const parts = [p.caseNumber ? t('sources.records.proceedingNumber', { number: p.caseNumber }) : null, court ?? null].filter(Boolean);
  return parts.length ? parts.join(', ') : t('sources.records.proceedingId', { id: p.id });
}
