import { StatementRecord } from './statement.service';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';
import { InstitutionLabel } from '../records/record-refs';
import { DateView, dateInput, presentDate } from '../records/record-dates';
import { SourceBadge } from '../sources/citation.presenter';
import { COURT_STATUSES, CourtStatus } from './statement.entity';
import { PRESSURE_ALLEGED, PressureAlleged, RetractionKind, StatementRetraction } from './statement-retraction.entity';
import { everRetracted } from './statement-retraction.service';
import { t } from '../i18n/i18n';
import { catalogueLabels } from '../records/catalogue-labels';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** Everything a statement links to, already labelled for the user looking at it. */
export interface StatementRefs {
  label: Labeler;
  people: Map<number, PersonLabel>;
  institutions: Map<number, InstitutionLabel>;
  proceedings: Map<number, string>;
  allegations: Map<number, string>;
  sources: (type: string, id: number) => SourceBadge[];
}

/** Where a statement was retracted, as the sentence needs it: "Retracted at trial". */
const FORUM_PHRASES: Record<string, string> = catalogueLabels('statements.sentence.forum', ['court', 'appeal', 'complaint', 'investigator', 'lawyer_statement', 'media', 'international_body']);

/** "Retracted at trial, Sep 2005: extracted under torture"; "Reaffirmed before the investigator, Oct 2005" */
export function retractionSentence(forum: string | null, forumLabel: string, date: DateView | null, reason: string | null, kind: RetractionKind = 'retraction'): string {
  const where = forum ? (FORUM_PHRASES[forum] ?? `(${forumLabel.toLowerCase()})`) : '';
  const head = [t(kind === 'retraction' ? 'statements.sentence.retracted' : 'statements.sentence.reaffirmed'), where].filter(Boolean).join(' ') + (date ? `, ${date.text}` : '');
  return reason ? `${head}: ${reason}` : head;
}

/** How a court treated a statement, as its status reads on the page. */
export const COURT_STATUS_LABELS: Record<CourtStatus, string> = catalogueLabels('statements.courtStatus', COURT_STATUSES);
export const PRESSURE_LABELS: Record<PressureAlleged, string> = catalogueLabels('statements.pressureLabels', PRESSURE_ALLEGED);

export function presentRetraction(r: StatementRetraction, label: Labeler) {
  const date = presentDate(r.date);
  const forumLabel = label('retraction_forum', r.forum);
  return {
    id: r.id,
    statementId: r.statementId,
    kind: r.kind,
    date,
    forum: r.forum,
    forumLabel: r.forum ? forumLabel : null,
    reason: r.reason,
    pressureAlleged: r.pressureAlleged,
    sentence: retractionSentence(r.forum, forumLabel, date, r.reason, r.kind),
  };
}
export type RetractionView = ReturnType<typeof presentRetraction>;

/** A retraction step as form input. */
export function retractionFormValues(r?: StatementRetraction, kind: RetractionKind = 'retraction') {
  return {
    kind: r?.kind ?? kind,
    date: dateInput(r?.date),
    forum: r?.forum ?? '',
    reason: r?.reason ?? '',
    pressureAlleged: r?.pressureAlleged ?? 'unknown',
  };
}
export type RetractionFormValues = ReturnType<typeof retractionFormValues>;

const person = (p: PersonLabel | undefined) => (p ? { id: p.id, label: p.label, hidden: p.hidden } : null);

export function presentStatement(s: StatementRecord, refs: StatementRefs) {
  const history = s.retractions.map((r) => presentRetraction(r, refs.label));
  return {
    id: s.id,
    caseId: s.caseId,
    anchor: `statement-${s.id}`,
    maker: s.makerPersonId ? person(refs.people.get(s.makerPersonId)) : null,
    makerDescription: s.makerDescription,
    date: presentDate(s.date),
    beforeInstitution: s.beforeInstitutionId ? (refs.institutions.get(s.beforeInstitutionId) ?? null) : null,
    beforeOfficial: s.beforeOfficial,
    kind: s.kind,
    kindLabel: refs.label('statement_kind', s.kind),
    content: s.content,
    conditions: s.conditionCodes.map((code) => ({ code, label: refs.label('statement_condition', code) })),
    incriminates: s.incriminatedIds.map((id) => person(refs.people.get(id))).filter((p) => p !== null),
    /** Ever retracted (statement-retraction.service.ts). */
    retracted: everRetracted(s.retractions),
    retractions: history,
    courtStatus: s.courtStatus,
    courtStatusLabel: COURT_STATUS_LABELS[s.courtStatus],
    reliedOnByCourt: s.courtStatus === 'relied_on',
    proceeding: s.proceedingId ? { id: s.proceedingId, label: refs.proceedings.get(s.proceedingId) ?? t('records.fallback.proceeding', { id: s.proceedingId }) } : null,
    allegation: s.allegationId ? { id: s.allegationId, label: refs.allegations.get(s.allegationId) ?? t('records.fallback.allegation', { id: s.allegationId }) } : null,
    sources: refs.sources('statement', s.id),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
export type StatementView = ReturnType<typeof presentStatement>;

/** A statement as form input (strings, date inputs, id rows): fills the edit form and merges API patches. */
export function statementFormValues(s?: StatementRecord) {
  return {
    makerPersonId: s?.makerPersonId ? String(s.makerPersonId) : '',
    makerDescription: s?.makerDescription ?? '',
    date: dateInput(s?.date),
    beforeInstitutionId: s?.beforeInstitutionId ? String(s.beforeInstitutionId) : '',
    beforeOfficial: s?.beforeOfficial ?? '',
    kind: s?.kind ?? 'confession',
    content: s?.content ?? '',
    conditions: s?.conditionCodes ?? ([] as string[]),
    incriminates: (s?.incriminatedIds ?? []).map(String),
    courtStatus: s?.courtStatus ?? 'not_submitted',
    proceedingId: s?.proceedingId ? String(s.proceedingId) : '',
    allegationId: s?.allegationId ? String(s.allegationId) : '',
  };
}
export type StatementFormValues = ReturnType<typeof statementFormValues>;

/**
 * A new statement "like" one just saved ("save and add another like it": several co-defendants'
 * confessions against the same person): what it is, before whom, under what conditions and whom
 * it incriminates carry over; who made it, when and what it says do not.
 */
export function statementFormValuesLike(like?: StatementRecord): StatementFormValues {
  const values = statementFormValues(like);
  return { ...values, makerPersonId: '', makerDescription: '', date: dateInput(undefined), content: '' };
}
