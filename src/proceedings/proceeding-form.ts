import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { vocabOptions } from '../vocab/vocab.service';
import { institutionPickerValue, personPickerValues, withBlankRows } from '../records/picker-values';
import { rowValues } from '../records/form-values';
import { ProceedingFormValues, StageFormValues } from './proceeding.presenter';
import { ProceedingRecord } from './proceeding.service';
import { ProceedingStage } from './proceeding-stage.entity';

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export async function proceedingFormOptions(ds: DataSource, user: CurrentUser, values: ProceedingFormValues, before?: ProceedingRecord) {
  return {
    court: await institutionPickerValue(ds, str(values.courtInstitutionId)),
    defendantRows: withBlankRows(await personPickerValues(ds, user, rowValues(values.defendants), before?.defendantIds ?? [])),
  };
}

export async function stageFormOptions(ds: DataSource, values: StageFormValues, before?: ProceedingStage) {
  return {
    kinds: await vocabOptions(ds, 'proceeding_stage_kind', [str(values.kind), before?.kind]),
    outcomes: await vocabOptions(ds, 'verdict_outcome', [str(values.outcome), before?.outcome]),
    court: await institutionPickerValue(ds, str(values.courtInstitutionId)),
  };
}
