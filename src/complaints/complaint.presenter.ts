import { ComplaintRecord } from './complaint.service';
import { ComplaintResponse } from './complaint-response.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';
import { InstitutionLabel } from '../records/record-refs';
import { dateInput, presentDate } from '../records/record-dates';
import { SourceBadge } from '../sources/citation.presenter';
import { isRefusal, refusalCounts } from './complaint-summary';
import { refusalsPhrase } from '../investigations/process-phrase';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export interface ComplaintRefs {
  label: Labeler;
  people: Map<number, PersonLabel>;
  institutions: Map<number, InstitutionLabel>;
  sources: (type: string, id: number) => SourceBadge[];
}

export function presentResponse(r: ComplaintResponse, refs: ComplaintRefs) {
  return {
    id: r.id,
    complaintId: r.complaintId,
    anchor: `response-${r.id}`,
    date: presentDate(r.date),
    respondingInstitution: r.respondingInstitutionId ? (refs.institutions.get(r.respondingInstitutionId) ?? null) : null,
    outcome: r.outcome,
    outcomeLabel: refs.label('response_outcome', r.outcome),
    refusal: isRefusal(r.outcome),
    note: r.note,
    /** The investigation decision it reports (then the decision is what counts). */
    decisionId: r.decisionId,
    decisionAnchor: r.decisionId ? `decision-${r.decisionId}` : null,
    sources: refs.sources('complaint_response', r.id),
  };
}
export type ResponseView = ReturnType<typeof presentResponse>;

export function presentComplaint(c: ComplaintRecord, refs: ComplaintRefs) {
  const filer = c.filedByPersonId ? refs.people.get(c.filedByPersonId) : undefined;
  const responses = c.responseList.map((r) => presentResponse(r, refs));
  return {
    id: c.id,
    caseId: c.caseId,
    anchor: `complaint-${c.id}`,
    filedBy: filer ? { id: filer.id, label: filer.label, hidden: filer.hidden } : null,
    filedByText: c.filedByText,
    toInstitution: c.toInstitutionId ? (refs.institutions.get(c.toInstitutionId) ?? null) : null,
    date: presentDate(c.date),
    request: c.request,
    requestLabel: refs.label('complaint_request', c.request),
    description: c.description,
    responses,
    refusalCount: responses.filter((r) => r.refusal).length,
    sources: refs.sources('complaint', c.id),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ComplaintView = ReturnType<typeof presentComplaint>;

/**
 * The at-a-glance line and the count of each outcome across a case's complaints. `refusals` and
 * `lastRefusalDate` are the data; `sentence` words it in the request's language (the page and the API's
 * `summary.sentence`, which follows Accept-Language).
 */
export function presentComplaintOverview(complaints: ComplaintRecord[], label: Labeler) {
  const responses = complaints.flatMap((c) => c.responseList);
  const counts = new Map<string, number>();
  for (const r of responses) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const refusals = refusalCounts(responses);
  return {
    ...refusals,
    sentence: complaints.length ? refusalsPhrase(refusals) : null,
    complaintCount: complaints.length,
    responseCount: responses.length,
    unanswered: complaints.filter((c) => c.responseList.length === 0).length,
    outcomes: [...counts].map(([code, count]) => ({ code, label: label('response_outcome', code), count, refusal: isRefusal(code) })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}

export function complaintFormValues(c?: ComplaintRecord) {
  return {
    filedByPersonId: c?.filedByPersonId ? String(c.filedByPersonId) : '',
    filedByText: c?.filedByText ?? '',
    toInstitutionId: c?.toInstitutionId ? String(c.toInstitutionId) : '',
    date: dateInput(c?.date),
    request: c?.request ?? 'open_criminal_investigation',
    description: c?.description ?? '',
  };
}
export type ComplaintFormValues = ReturnType<typeof complaintFormValues> & Partial<NewComplaintExtra>;

type NewComplaintExtra = { responseOutcome: string; responseDate: ReturnType<typeof dateInput>; responseInstitutionId: string };

/**
 * A new complaint's form, with its first response. "Like" a complaint just saved ("save and add
 * another like it"): who filed it, where it went, what it asked and how it was answered carry
 * over; its date, description and the response's date do not.
 */
export function newComplaintFormValues(like?: ComplaintRecord): ComplaintFormValues & NewComplaintExtra {
  const base = complaintFormValues(like);
  const first = like?.responseList[0];
  return {
    ...base,
    date: dateInput(undefined),
    description: '',
    responseOutcome: first?.outcome ?? '',
    responseDate: dateInput(undefined),
    responseInstitutionId: first?.respondingInstitutionId && first.respondingInstitutionId !== like?.toInstitutionId ? String(first.respondingInstitutionId) : '',
  };
}

export function responseFormValues(r?: ComplaintResponse) {
  return {
    date: dateInput(r?.date),
    respondingInstitutionId: r?.respondingInstitutionId ? String(r.respondingInstitutionId) : '',
    outcome: r?.outcome ?? 'refused_to_open',
    note: r?.note ?? '',
    decisionId: r?.decisionId ? String(r.decisionId) : '',
  };
}
export type ResponseFormValues = ReturnType<typeof responseFormValues>;
