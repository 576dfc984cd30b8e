import { z } from 'zod';
import { COMPLAINT_LIMITS } from './complaint.entity';
import { COMPLAINT_RESPONSE_LIMITS } from './complaint-response.entity';
import { optionalRefId, optionalTermCode, optionalText, partialDate, termCode } from '../http/fields';
import { t } from '../i18n/i18n';

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

/**
 * A new complaint with, optionally, its first response (most answers are a refusal, known when the
 * complaint is recorded): one form, one transaction. The responding institution defaults to the addressee.
 */
export const newComplaintSchema = complaintSchema
  .extend({
    responseOutcome: optionalTermCode('fields.complaint.outcome'),
    responseDate: partialDate({ label: 'fields.complaint.responseDate' }),
    responseInstitutionId: optionalRefId('fields.complaint.respondingInstitution'),
  })
  .superRefine((v, ctx) => {
    if (!v.responseOutcome && (v.responseDate || v.responseInstitutionId)) ctx.addIssue({ code: 'custom', path: ['responseOutcome'], message: t('complaints.errors.responseWithoutOutcome') });
  });
export type NewComplaintInput = z.infer<typeof newComplaintSchema>;

/** The first response of a new complaint, as a response of its own (null when none was given). */
export function firstResponseOf(input: NewComplaintInput): ResponseInput | null {
  if (!input.responseOutcome) return null;
  return { outcome: input.responseOutcome, date: input.responseDate, respondingInstitutionId: input.responseInstitutionId ?? input.toInstitutionId, note: null, decisionId: null };
}

/** The complaint alone, without its first response's fields. */
export function complaintPartOf(input: NewComplaintInput): ComplaintInput {
  const { responseOutcome: _o, responseDate: _d, responseInstitutionId: _i, ...complaint } = input;
  return complaint;
}
