import { DataSource, In } from 'typeorm';
import { can } from '../auth/policy';
import { CaseAccess } from '../cases/case.policy';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintResponse } from '../complaints/complaint-response.entity';
import { EvidenceItem } from '../evidence/evidence-item.entity';
import '../evidence/evidence.policy';
import { CurrentUser } from '../http/context';
import { InstitutionLabel, institutionLabels } from '../records/record-refs';
import { dateInput, presentDate } from '../records/record-dates';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { InvestigationDecision } from './investigation-decision.entity';
import { InvestigationRecord } from './investigation.service';
import { DECISION_KINDS, NEXT_DECISION, ProcessCounts, isRefusalDecision } from './process-counts';
import { processSentence } from './process-phrase';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export interface InvestigationRefs {
  label: Labeler;
  institutions: Map<number, InstitutionLabel>;
  complaints: Map<number, { id: number; label: string }>;
  /** Evidence items this user may read, by id. */
  documents: Map<number, { id: number; title: string }>;
  /** Responses that report each decision. */
  reportedBy: Map<number, { complaintId: number; responseId: number }[]>;
}

/** Labels for everything the given investigations and their decisions link to. */
export async function loadInvestigationRefs(ds: DataSource, user: CurrentUser, access: CaseAccess, label: Labeler, caseId: number, rows: InvestigationRecord[]): Promise<InvestigationRefs> {
  const decisions = rows.flatMap((r) => r.decisionList);
  const complaintIds = rows.map((r) => r.triggerComplaintId).filter((id): id is number => id !== null);
  const evidenceIds = decisions.map((d) => d.evidenceItemId).filter((id): id is number => id !== null);
  const [institutions, complaints, items, responses] = await Promise.all([
    institutionLabels(ds, [...rows.map((r) => r.institutionId), ...decisions.flatMap((d) => [d.institutionId, d.transferredToId])]),
    complaintIds.length ? ds.getRepository(Complaint).find({ where: { id: In(complaintIds), caseId } }) : Promise.resolve([]),
    evidenceIds.length ? ds.getRepository(EvidenceItem).find({ where: { id: In(evidenceIds), caseId }, select: { id: true, title: true, confidentiality: true } }) : Promise.resolve([]),
    decisions.length ? ds.getRepository(ComplaintResponse).find({ where: { decisionId: In(decisions.map((d) => d.id)) }, select: { id: true, complaintId: true, decisionId: true } }) : Promise.resolve([]),
  ]);
  const reportedBy = new Map<number, { complaintId: number; responseId: number }[]>();
  for (const r of responses) reportedBy.set(r.decisionId!, [...(reportedBy.get(r.decisionId!) ?? []), { complaintId: r.complaintId, responseId: r.id }]);
  return {
    label,
    institutions,
    complaints: new Map(complaints.map((c) => [c.id, { id: c.id, label: `${label('complaint_request', c.request)}${c.date.start ? `, ${presentDate(c.date)?.text}` : ''}` }])),
    documents: new Map(items.filter((i) => can(user, 'evidence.read', { ...access, confidentiality: i.confidentiality })).map((i) => [i.id, { id: i.id, title: i.title }])),
    reportedBy,
  };
}

const inst = (refs: InvestigationRefs, id: number | null) => (id ? (refs.institutions.get(id) ?? null) : null);

export function presentDecision(d: InvestigationDecision, refs: InvestigationRefs, place: { position: number; total: number; kindPosition: number; kindTotal: number }) {
  return {
    id: d.id,
    investigationId: d.investigationId,
    anchor: `decision-${d.id}`,
    kind: d.kind,
    kindLabel: refs.label('investigation_decision', d.kind),
    refusal: isRefusalDecision(d.kind),
    opened: DECISION_KINDS.opened.includes(d.kind),
    annulment: d.kind.startsWith('refusal_annulled'),
    date: presentDate(d.date),
    official: d.official,
    institution: inst(refs, d.institutionId),
    transferredTo: inst(refs, d.transferredToId),
    reasons: d.reasons,
    /** The document, when this user may read it; `documentWithheld` when there is one they may not. */
    document: d.evidenceItemId ? (refs.documents.get(d.evidenceItemId) ?? null) : null,
    documentWithheld: d.evidenceItemId !== null && !refs.documents.has(d.evidenceItemId),
    sequence: d.sequence,
    sourceEventId: d.sourceEventId,
    /** "Decision 4 of 6", "Refusal 3 of 3": its place in the investigation and among its kind. */
    position: place.position,
    total: place.total,
    kindPosition: place.kindPosition,
    kindTotal: place.kindTotal,
    reportedBy: (refs.reportedBy.get(d.id) ?? []).map((r) => ({ ...r, anchor: `response-${r.responseId}` })),
  };
}
export type DecisionView = ReturnType<typeof presentDecision>;

/** The kind people usually enter next (after a refusal, its annulment; after an annulment, a new check). */
export function nextDecisionKind(decisions: { kind: string }[]): string {
  const last = decisions[decisions.length - 1];
  return last ? (NEXT_DECISION[last.kind] ?? 'check_started') : 'check_started';
}

export function presentInvestigation(inv: InvestigationRecord, refs: InvestigationRefs) {
  const totals = new Map<string, number>();
  for (const d of inv.decisionList) totals.set(d.kind, (totals.get(d.kind) ?? 0) + 1);
  const seen = new Map<string, number>();
  const decisions = inv.decisionList.map((d, i) => {
    seen.set(d.kind, (seen.get(d.kind) ?? 0) + 1);
    return presentDecision(d, refs, { position: i + 1, total: inv.decisionList.length, kindPosition: seen.get(d.kind)!, kindTotal: totals.get(d.kind)! });
  });
  const next = nextDecisionKind(inv.decisionList);
  return {
    id: inv.id,
    caseId: inv.caseId,
    anchor: `investigation-${inv.id}`,
    institution: inst(refs, inv.institutionId),
    trigger: inv.trigger,
    triggerLabel: refs.label('investigation_trigger', inv.trigger),
    triggerComplaint: inv.triggerComplaintId ? (refs.complaints.get(inv.triggerComplaintId) ?? null) : null,
    began: presentDate(inv.began),
    officialNumber: inv.officialNumber,
    note: inv.note,
    decisions,
    refusals: decisions.filter((d) => d.refusal).length,
    annulments: decisions.filter((d) => d.annulment).length,
    next: { kind: next, label: refs.label('investigation_decision', next) },
    createdAt: inv.createdAt.toISOString(),
    updatedAt: inv.updatedAt.toISOString(),
  };
}
export type InvestigationView = ReturnType<typeof presentInvestigation>;

/**
 * The process counts with their dates ready for a view ("Apr 2006", at the precision entered) and
 * the line the case header shows, worded in the request's language (process-phrase.ts).
 */
export function presentProcessCounts(c: ProcessCounts) {
  return { ...c, lastRefusal: presentDate(c.lastRefusalDate), lastOpened: presentDate(c.lastOpenedDate), any: c.complaints + c.investigations > 0, sentence: processSentence(c) };
}
export type ProcessSummaryView = ReturnType<typeof presentProcessCounts>;

export function investigationFormValues(inv?: InvestigationRecord) {
  return {
    institutionId: inv?.institutionId ? String(inv.institutionId) : '',
    trigger: inv?.trigger ?? 'complaint',
    triggerComplaintId: inv?.triggerComplaintId ? String(inv.triggerComplaintId) : '',
    began: dateInput(inv?.began),
    officialNumber: inv?.officialNumber ?? '',
    note: inv?.note ?? '',
  };
}
export type InvestigationFormValues = ReturnType<typeof investigationFormValues>;

export function decisionFormValues(d?: InvestigationDecision, kind = 'check_started') {
  return {
    kind: d?.kind ?? kind,
    date: dateInput(d?.date),
    official: d?.official ?? '',
    institutionId: d?.institutionId ? String(d.institutionId) : '',
    transferredToId: d?.transferredToId ? String(d.transferredToId) : '',
    reasons: d?.reasons ?? '',
    evidenceItemId: d?.evidenceItemId ? String(d.evidenceItemId) : '',
    sequence: d ? String(d.sequence) : '0',
    sourceEventId: d?.sourceEventId ? String(d.sourceEventId) : '',
  };
}
export type DecisionFormValues = ReturnType<typeof decisionFormValues>;
