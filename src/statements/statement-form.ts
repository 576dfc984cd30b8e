import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { vocabOptions } from '../vocab/vocab.service';
import { caseProceedingNames } from '../proceedings/proceeding-names';
import { caseAllegationLabels } from './statement-refs';
import { COURT_STATUS_LABELS, RetractionFormValues, StatementFormValues } from './statement.presenter';
import { COURT_STATUSES } from './statement.entity';
import { PRESSURE_ALLEGED } from './statement-retraction.entity';
import { institutionPickerValue, personPickerValues, withBlankRows } from '../records/picker-values';
import { rowValues } from '../records/form-values';
import { StatementRecord } from './statement.service';
import { t } from '../i18n/i18n';

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const codes = (v: unknown) => (Array.isArray(v) ? v.map(str) : v ? [str(v)] : []);

/** The choices and picker labels of the statement form for these values. */
export async function statementFormOptions(ds: DataSource, user: CurrentUser, caseId: number, values: StatementFormValues, before?: StatementRecord) {
  const keep = [...(before?.makerPersonId ? [before.makerPersonId] : []), ...(before?.incriminatedIds ?? [])];
  const [maker] = await personPickerValues(ds, user, [str(values.makerPersonId)], keep);
  const incriminates = await personPickerValues(ds, user, rowValues(values.incriminates), keep);
  const proceedings = await caseProceedingNames(ds, caseId);
  const allegations = await caseAllegationLabels(ds, user, caseId);
  return {
    kinds: await vocabOptions(ds, 'statement_kind', [str(values.kind)]),
    conditionOptions: await vocabOptions(ds, 'statement_condition', codes(values.conditions)),
    courtStatuses: COURT_STATUSES.map((code) => ({ code, label: COURT_STATUS_LABELS[code] })),
    proceedings: [...proceedings].map(([id, label]) => ({ code: String(id), label })),
    allegations: [...allegations].map(([id, label]) => ({ code: String(id), label })),
    maker,
    beforeInstitution: await institutionPickerValue(ds, str(values.beforeInstitutionId)),
    incriminateRows: withBlankRows(incriminates),
  };
}

/** The choices of the retraction form. */
export async function retractionFormOptions(ds: DataSource, values: RetractionFormValues) {
  return {
    kinds: [
      { code: 'retraction', label: t('statements.retraction.kinds.retraction') },
      { code: 'reaffirmation', label: t('statements.retraction.kinds.reaffirmation') },
    ],
    forums: await vocabOptions(ds, 'retraction_forum', [str(values.forum)]),
    pressure: PRESSURE_ALLEGED.map((code) => ({ code, label: t(`statements.retraction.pressureChoices.${code}`) })),
  };
}
