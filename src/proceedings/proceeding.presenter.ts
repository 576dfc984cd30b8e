import { ProceedingRecord, StageRecord, VerdictRecord } from './proceeding.service';
import { PersonDeath } from '../people/person-death.entity';
import { certainlyAfterDeath } from '../people/person-death';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';
import { InstitutionLabel } from '../records/record-refs';
import { DateView, dateInput, presentDate } from '../records/record-dates';
import { SourceBadge } from '../sources/citation.presenter';
import { proceedingName } from '../sources/case-record-index';
import { t } from '../i18n/i18n';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export interface ProceedingRefs {
  label: Labeler;
  people: Map<number, PersonLabel>;
  institutions: Map<number, InstitutionLabel>;
  sources: (type: string, id: number) => SourceBadge[];
  /** Deaths of the defendants, for "held after the defendant's death". */
  deaths: Map<number, PersonDeath>;
}

/** Outcomes whose label alone would not say what happened in a sequence of stages (proceedings.phrases.*). */
const OUTCOME_PHRASES: Record<string, string> = { annulled: 'proceedings.phrases.annulled', upheld: 'proceedings.phrases.upheld' };

/** A stage in a few words: its outcome when it had one ("acquitted"), else its kind ("appeal"). */
export function stagePhrase(kind: string, outcome: string | null, label: Labeler): string {
  if (outcome) return OUTCOME_PHRASES[outcome] ? t(OUTCOME_PHRASES[outcome]) : label('verdict_outcome', outcome).toLowerCase();
  return label('proceeding_stage_kind', kind).toLowerCase();
}

/** "acquitted (Sep 2005) → verdict annulled → convicted (May 2006)" */
export function stageChain(stages: { phrase: string; date: DateView | null }[]): string {
  return stages.map((s) => (s.date ? `${s.phrase} (${s.date.text})` : s.phrase)).join(' → ');
}

/**
 * "Imprisonment, 6 years 6 months, strict-regime colony, suspended" ("Лишение свободы, 6 лет
 * 6 месяцев, …, условно"): the structured sentence in words (the note apart), in the request's
 * language; the labels are the vocabulary's. The dossier and the exports call it too.
 */
export function sentenceText(v: Pick<VerdictRecord, 'sentenceKind' | 'years' | 'months' | 'suspended' | 'regime'>, label: Labeler): string | null {
  const term = [v.years ? t('proceedings.sentence.years', { count: v.years }) : null, v.months ? t('proceedings.sentence.months', { count: v.months }) : null].filter(Boolean).join(' ');
  const parts = [v.sentenceKind ? label('sentence_kind', v.sentenceKind) : null, term || null, v.regime ? label('colony_regime', v.regime).replace(/^./, (c) => c.toLowerCase()) : null, v.suspended ? t('proceedings.sentence.suspended') : null].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function presentVerdict(v: VerdictRecord, stage: StageRecord, refs: ProceedingRefs) {
  const person = v.personId === null ? null : (refs.people.get(v.personId) ?? null);
  return {
    personId: v.personId,
    defendant: person ? { id: person.id, label: person.label, hidden: person.hidden } : null,
    outcome: v.outcome,
    outcomeLabel: v.outcome ? refs.label('verdict_outcome', v.outcome) : null,
    sentence: {
      kind: v.sentenceKind,
      kindLabel: v.sentenceKind ? refs.label('sentence_kind', v.sentenceKind) : null,
      years: v.years,
      months: v.months,
      suspended: v.suspended,
      regime: v.regime,
      regimeLabel: v.regime ? refs.label('colony_regime', v.regime) : null,
      note: v.note,
      text: sentenceText(v, refs.label),
    },
    /** Delivered when the defendant was certainly already dead (not said of a protected identity the user may not see: it would tell of their death). */
    posthumous: person !== null && !person.hidden && certainlyAfterDeath(refs.deaths.get(person.id), stage.date),
  };
}
export type VerdictView = ReturnType<typeof presentVerdict>;

/** The one value every verdict of the stage shares, or null when they differ or there are none. */
function shared<T>(values: T[]): T | null {
  return values.length && values.every((x) => x === values[0]) ? values[0] : null;
}

export function presentStage(s: StageRecord, refs: ProceedingRefs, defendantIds: number[] = []) {
  const verdicts = s.verdicts.map((v) => presentVerdict(v, s, refs));
  const outcome = shared(s.verdicts.map((v) => v.outcome));
  const outcomes = [...new Set(s.verdicts.map((v) => v.outcome).filter((o): o is string => o !== null))];
  const afterDeath = defendantIds.filter((id) => refs.people.get(id) && !refs.people.get(id)!.hidden && certainlyAfterDeath(refs.deaths.get(id), s.date));
  return {
    id: s.id,
    proceedingId: s.proceedingId,
    anchor: `stage-${s.id}`,
    kind: s.kind,
    kindLabel: refs.label('proceeding_stage_kind', s.kind),
    date: presentDate(s.date),
    court: s.courtInstitutionId ? (refs.institutions.get(s.courtInstitutionId) ?? null) : null,
    verdicts,
    /** The outcome when every verdict of the stage has the same one; see verdicts otherwise. */
    outcome,
    outcomeLabel: outcome ? refs.label('verdict_outcome', outcome) : null,
    /** The sentence note when every verdict has the same one. */
    sentence: shared(s.verdicts.map((v) => v.note)),
    phrase: outcomes.length > 1 ? outcomes.map((o) => stagePhrase(s.kind, o, refs.label)).join(' / ') : stagePhrase(s.kind, outcomes[0] ?? null, refs.label),
    /** Defendants who were certainly dead when this stage was held. */
    heldAfterDeathOf: afterDeath.map((id) => refs.people.get(id)).filter((d) => d !== undefined).map((d) => ({ id: d.id, label: d.label, hidden: d.hidden })),
    note: s.note,
    sources: refs.sources('proceeding_stage', s.id),
  };
}
export type StageView = ReturnType<typeof presentStage>;

export function presentProceeding(p: ProceedingRecord, refs: ProceedingRefs) {
  const court = p.courtInstitutionId ? (refs.institutions.get(p.courtInstitutionId) ?? null) : null;
  const stages = p.stageList.map((s) => presentStage(s, refs, p.defendantIds));
  return {
    id: p.id,
    caseId: p.caseId,
    anchor: `proceeding-${p.id}`,
    name: proceedingName(p, court?.label),
    title: p.title,
    caseNumber: p.caseNumber,
    court,
    defendants: p.defendantIds
      .map((id) => refs.people.get(id))
      .filter((d) => d !== undefined)
      .map((d) => ({ id: d.id, label: d.label, hidden: d.hidden, charges: (p.charges.get(d.id) ?? []).map((c) => ({ article: c.article, articleCode: c.articleCode, articleLabel: c.articleCode ? refs.label('criminal_code_article', c.articleCode) : null })) })),
    /** A verdict (an outcome) given at a stage held after the defendant's death. */
    posthumousVerdict: stages.some((st) => st.verdicts.some((v) => v.posthumous && v.outcome)),
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
    defendants: (p?.defendantIds ?? []).map((id) => ({ personId: String(id), charges: (p?.charges.get(id) ?? []).map((c) => ({ article: c.article ?? '', articleCode: c.articleCode ?? '' })) })),
    note: p?.note ?? '',
  };
}
export type ProceedingFormValues = ReturnType<typeof proceedingFormValues>;

const numberText = (n: number | null) => (n === null ? '' : String(n));

export function verdictFormValues(v: VerdictRecord | VerdictView | undefined, personId: number | null) {
  const x = v && 'sentence' in v ? { outcome: v.outcome, sentenceKind: v.sentence.kind, years: v.sentence.years, months: v.sentence.months, suspended: v.sentence.suspended, regime: v.sentence.regime, note: v.sentence.note } : v;
  return {
    personId: personId === null ? '' : String(personId),
    outcome: x?.outcome ?? '',
    sentenceKind: x?.sentenceKind ?? '',
    years: numberText(x?.years ?? null),
    months: numberText(x?.months ?? null),
    suspended: x?.suspended ?? false,
    regime: x?.regime ?? '',
    note: x?.note ?? '',
  };
}

/** A stage's form: one verdict row per defendant (and one for "the defendants" when none is named, or one was kept from before). */
export function stageFormValues(s?: StageRecord, defendantIds: number[] = []) {
  const rows: (number | null)[] = [...(s?.verdicts.some((v) => v.personId === null) || defendantIds.length === 0 ? [null] : []), ...defendantIds];
  return {
    kind: s?.kind ?? 'hearing',
    date: dateInput(s?.date),
    courtInstitutionId: s?.courtInstitutionId ? String(s.courtInstitutionId) : '',
    verdicts: rows.map((personId) => verdictFormValues(s?.verdicts.find((v) => v.personId === personId), personId)),
    note: s?.note ?? '',
  };
}
export type StageFormValues = ReturnType<typeof stageFormValues>;
