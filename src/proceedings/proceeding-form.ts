import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { vocabOptions } from '../vocab/vocab.service';
import { institutionPickerValue, personPickerValues } from '../records/picker-values';
import { MAX_PICKER_ROWS } from '../records/form-values';
import { personLabels } from '../people/identity';
import { ProceedingFormValues, StageFormValues } from './proceeding.presenter';
import { ProceedingRecord, StageRecord } from './proceeding.service';
import { t } from '../i18n/i18n';

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rows = (v: unknown): unknown[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : v == null || v === '' ? [] : [v]);
/** Empty defendant rows offered on the form: four, so that a trial of seven is entered in one save and one edit. */
const BLANK_DEFENDANTS = 4;
const BLANK_CHARGES = 1;

/** The defendant rows as submitted or stored: {personId, charges[]} (a bare id from an older form is a row without charges). */
function defendantRowsOf(value: unknown) {
  return rows(value)
    .slice(0, MAX_PICKER_ROWS)
    .map((r) => {
      const row = r && typeof r === 'object' ? (r as Record<string, unknown>) : { personId: r };
      return { personId: str(row.personId), charges: rows(row.charges).slice(0, 30).map((c) => ({ article: str((c as Record<string, unknown>)?.article), articleCode: str((c as Record<string, unknown>)?.articleCode) })) };
    })
    .filter((r) => r.personId !== '' || r.charges.some((c) => c.article || c.articleCode));
}

export async function proceedingFormOptions(ds: DataSource, user: CurrentUser, values: ProceedingFormValues, before?: ProceedingRecord) {
  const filled = defendantRowsOf(values.defendants);
  const pickers = await personPickerValues(ds, user, filled.map((r) => r.personId), before?.defendantIds ?? []);
  const blankCharge = () => ({ article: '', articleCode: '' });
  const defendantRows = [
    ...filled.map((r, i) => ({ ...pickers[i], charges: [...r.charges, ...Array.from({ length: BLANK_CHARGES }, blankCharge)] })),
    ...Array.from({ length: BLANK_DEFENDANTS }, () => ({ value: '', selectedLabel: '', charges: [blankCharge(), blankCharge()] })),
  ];
  return {
    court: await institutionPickerValue(ds, str(values.courtInstitutionId)),
    defendantRows,
    articles: await vocabOptions(ds, 'criminal_code_article', filled.flatMap((r) => r.charges.map((c) => c.articleCode))),
  };
}

/** The stage form's choices, and who each verdict row is for (the defendants, in order). */
export async function stageFormOptions(ds: DataSource, user: CurrentUser, proceeding: ProceedingRecord, values: StageFormValues, before?: StageRecord) {
  const kept = (key: 'outcome' | 'sentenceKind' | 'regime') => [...rows(values.verdicts).map((v) => str((v as Record<string, unknown>)?.[key])), ...(before?.verdicts.map((v) => v[key]) ?? [])];
  const labels = await personLabels(ds, user, proceeding.defendantIds);
  return {
    kinds: await vocabOptions(ds, 'proceeding_stage_kind', [str(values.kind), before?.kind]),
    outcomes: await vocabOptions(ds, 'verdict_outcome', kept('outcome')),
    sentenceKinds: await vocabOptions(ds, 'sentence_kind', kept('sentenceKind')),
    regimes: await vocabOptions(ds, 'colony_regime', kept('regime')),
    court: await institutionPickerValue(ds, str(values.courtInstitutionId)),
    defendantLabel: (personId: string) => (personId === '' ? t('proceedings.stageForm.unnamedDefendants') : (labels.get(Number(personId))?.label ?? t('proceedings.stageForm.person', { id: personId }))),
  };
}
