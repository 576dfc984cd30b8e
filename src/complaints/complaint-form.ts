import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { vocabOptions } from '../vocab/vocab.service';
import { institutionPickerValue, personPickerValues } from '../records/picker-values';
import { ComplaintFormValues, ResponseFormValues } from './complaint.presenter';
import { ComplaintRecord } from './complaint.service';
import { ComplaintResponse } from './complaint-response.entity';
import { responseDecisionOptions } from '../investigations/investigation-form';

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export async function complaintFormOptions(ds: DataSource, user: CurrentUser, values: ComplaintFormValues, before?: ComplaintRecord) {
  const [filedBy] = await personPickerValues(ds, user, [str(values.filedByPersonId)], before?.filedByPersonId ? [before.filedByPersonId] : []);
  return {
    requests: await vocabOptions(ds, 'complaint_request', [str(values.request)]),
    filedBy,
    toInstitution: await institutionPickerValue(ds, str(values.toInstitutionId)),
    outcomes: await vocabOptions(ds, 'response_outcome', [str(values.responseOutcome)]),
    responseInstitution: await institutionPickerValue(ds, str(values.responseInstitutionId)),
  };
}

export async function responseFormOptions(ds: DataSource, caseId: number, values: ResponseFormValues, before?: ComplaintResponse) {
  return {
    decisions: await responseDecisionOptions(ds, caseId),
    outcomes: await vocabOptions(ds, 'response_outcome', [str(values.outcome), before?.outcome]),
    respondingInstitution: await institutionPickerValue(ds, str(values.respondingInstitutionId)),
  };
}
