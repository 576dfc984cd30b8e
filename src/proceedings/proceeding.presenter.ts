import { ProceedingRecord } from './proceeding.service';
import { ProceedingStage } from './proceeding-stage.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';
import { InstitutionLabel } from '../records/record-refs';
import { DateView, dateInput, presentDate } from '../records/record-dates';
import { SourceBadge } from '../sources/citation.presenter';
import { proceedingName } from '../sources/case-record-index';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export interface ProceedingRefs {
  label: Labeler;
  people: Map<number, PersonLabel>;
  institutions: Map<number, InstitutionLabel>;
  sources: (type: string, id: number) => SourceBadge[];
}

/** Outcomes whose label alone would not say what happened in a sequence of stages. */
const OUTCOME_PHRASES: Record<string, string> = { annulled: 'verdict annulled', upheld: 'verdict upheld' };

/** A stage in a few words: its outcome when it had one ("acquitted"), else its kind ("appeal"). */
export function stagePhrase(kind: string, outcome: string | null, label: Labeler): string {
  if (outcome) return OUTCOME_PHRASES[outcome] ?? label('verdict_outcome', outcome).toLowerCase();
  return label('proceeding_stage_kind', kind).toLowerCase();
}

/** "acquitted (Sep 2005) → verdict annulled → convicted (May 2006)" */
export function stageChain(stages: { phrase: string; date: DateView | null }[]): string {
  return stages.map((s) => (s.date ? `${s.phrase} (${s.date.text})` : s.phrase)).join(' → ');
}

export function presentStage(s: ProceedingStage, refs: ProceedingRefs) {
  return {
    id: s.id,
    proceedingId: s.proceedingId,
    anchor: `stage-${s.id}`,
    kind: s.kind,
    kindLabel: refs.label('proceeding_stage_kind', s.kind),
    date: presentDate(s.date),
    court: s.courtInstitutionId ? (refs.institutions.get(s.courtInstitutionId) ?? null) : null,
    outcome: s.outcome,
    outcomeLabel: s.outcome ? refs.label('verdict_outcome', s.outcome) : null,
    phrase: stagePhrase(s.kind, s.outcome, refs.label),
    sentence: s.sentence,
    note: s.note,
    sources: refs.sources('proceeding_stage', s.id),
  };
}
export type StageView = ReturnType<typeof presentStage>;

export function presentProceeding(p: ProceedingRecord, refs: ProceedingRefs) {
  const court = p.courtInstitutionId ? (refs.institutions.get(p.courtInstitutionId) ?? null) : null;
  const stages = p.stageList.map((s) => presentStage(s, refs));
  return {
    id: p.id,
    caseId: p.caseId,
    anchor: `proceeding-${p.id}`,
    name: proceedingName(p, court?.label),
    title: p.title,
    caseNumber: p.caseNumber,
    court,
    defendants: p.defendantIds.map((id) => refs.people.get(id)).filter((d) => d !== undefined).map((d) => ({ id: d.id, label: d.label, hidden: d.hidden })),
    note: p.note,
    stages,
    chain: stageChain(stages),
    sources: refs.sources('proceeding', p.id),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type ProceedingView = ReturnType<typeof presentProceeding>;

export function proceedingFormValues(p?: ProceedingRecord) {
  return {
    courtInstitutionId: p?.courtInstitutionId ? String(p.courtInstitutionId) : '',
    caseNumber: p?.caseNumber ?? '',
    title: p?.title ?? '',
    defendants: (p?.defendantIds ?? []).map(String),
    note: p?.note ?? '',
  };
}
export type ProceedingFormValues = ReturnType<typeof proceedingFormValues>;

export function stageFormValues(s?: ProceedingStage) {
  return {
    kind: s?.kind ?? 'hearing',
    date: dateInput(s?.date),
    courtInstitutionId: s?.courtInstitutionId ? String(s.courtInstitutionId) : '',
    outcome: s?.outcome ?? '',
    sentence: s?.sentence ?? '',
    note: s?.note ?? '',
  };
}
export type StageFormValues = ReturnType<typeof stageFormValues>;
