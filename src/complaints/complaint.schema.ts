import { z } from 'zod';
import { COMPLAINT_LIMITS } from './complaint.entity';
import { COMPLAINT_RESPONSE_LIMITS } from './complaint-response.entity';
import { optionalRefId, optionalText, partialDate, termCode } from '../http/fields';

// Labels are catalogue keys (fields.complaint.*): messages are worded in the request's language.
export const complaintSchema = z.object({
  filedByPersonId: optionalRefId('fields.complaint.filedBy'),
  filedByText: optionalText(COMPLAINT_LIMITS.filedByText, 'fields.complaint.filedByText'),
  toInstitutionId: optionalRefId('fields.complaint.toInstitution'),
  date: partialDate({ label: 'fields.complaint.date' }),
  request: termCode('fields.complaint.request'),
  description: optionalText(COMPLAINT_LIMITS.description, 'fields.complaint.description'),
});
export type ComplaintInput = z.infer<typeof complaintSchema>;

export const responseSchema = z.object({
  date: partialDate({ label: 'fields.complaint.responseDate' }),
  respondingInstitutionId: optionalRefId('fields.complaint.respondingInstitution'),
  outcome: termCode('fields.complaint.outcome'),
  note: optionalText(COMPLAINT_RESPONSE_LIMITS.note, 'fields.complaint.note'),
  decisionId: optionalRefId('fields.complaint.decision'),
});
export type ResponseInput = z.infer<typeof responseSchema>;
