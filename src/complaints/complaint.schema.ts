import { z } from 'zod';
import { COMPLAINT_LIMITS } from './complaint.entity';
import { COMPLAINT_RESPONSE_LIMITS } from './complaint-response.entity';
import { optionalRefId, optionalText, partialDate, termCode } from '../http/fields';

export const complaintSchema = z.object({
  filedByPersonId: optionalRefId('the person who filed it from the list'),
  filedByText: optionalText(COMPLAINT_LIMITS.filedByText, 'who filed it'),
  toInstitutionId: optionalRefId('an institution from the list'),
  date: partialDate({ label: 'the date' }),
  request: termCode('what it asked for'),
  description: optionalText(COMPLAINT_LIMITS.description, 'the description'),
});
export type ComplaintInput = z.infer<typeof complaintSchema>;

export const responseSchema = z.object({
  date: partialDate({ label: 'the date' }),
  respondingInstitutionId: optionalRefId('an institution from the list'),
  outcome: termCode('the outcome'),
  note: optionalText(COMPLAINT_RESPONSE_LIMITS.note, 'the note'),
  decisionId: optionalRefId('the investigation decision it reports'),
});
export type ResponseInput = z.infer<typeof responseSchema>;
