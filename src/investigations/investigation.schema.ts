import { z } from 'zod';
import { INVESTIGATION_LIMITS } from './investigation.entity';
import { DECISION_LIMITS } from './investigation-decision.entity';
import { optionalRefId, optionalText, partialDate, termCode } from '../http/fields';

export const investigationSchema = z.object({
  institutionId: optionalRefId('the conducting body from the list'),
  trigger: termCode('how it started'),
  triggerComplaintId: optionalRefId('a complaint of this case'),
  began: partialDate({ label: 'when it began' }),
  officialNumber: optionalText(INVESTIGATION_LIMITS.officialNumber, 'the official number'),
  note: optionalText(INVESTIGATION_LIMITS.note, 'the note'),
});
export type InvestigationInput = z.infer<typeof investigationSchema>;

export const SEQUENCE_MAX = 1000;

export const decisionSchema = z.object({
  kind: termCode('the decision'),
  date: partialDate({ label: 'the date' }),
  official: optionalText(DECISION_LIMITS.official, 'the deciding official'),
  institutionId: optionalRefId('the deciding body from the list'),
  transferredToId: optionalRefId('the body it was transferred to from the list'),
  reasons: optionalText(DECISION_LIMITS.reasons, 'the reasons'),
  evidenceItemId: optionalRefId('a document (an evidence item) of this case'),
  sequence: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || v === '' ? 0 : typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : NaN))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= SEQUENCE_MAX, `The order among decisions of the same date is a whole number from 0 to ${SEQUENCE_MAX}.`),
  sourceEventId: optionalRefId('an event of this case'),
});
export type DecisionInput = z.infer<typeof decisionSchema>;
