import { z } from 'zod';
import { INVESTIGATION_LIMITS } from './investigation.entity';
import { DECISION_LIMITS } from './investigation-decision.entity';
import { optionalRefId, optionalText, partialDate, termCode } from '../http/fields';
import { t } from '../i18n/i18n';

export const investigationSchema = z.object({
  institutionId: optionalRefId('fields.investigation.institution'),
  trigger: termCode('fields.investigation.trigger'),
  triggerComplaintId: optionalRefId('fields.investigation.triggerComplaint'),
  began: partialDate({ label: 'fields.investigation.began' }),
  officialNumber: optionalText(INVESTIGATION_LIMITS.officialNumber, 'fields.investigation.officialNumber'),
  note: optionalText(INVESTIGATION_LIMITS.note, 'fields.investigation.note'),
});
export type InvestigationInput = z.infer<typeof investigationSchema>;

export const SEQUENCE_MAX = 1000;

export const decisionSchema = z.object({
  kind: termCode('fields.investigation.kind'),
  date: partialDate({ label: 'fields.investigation.date' }),
  official: optionalText(DECISION_LIMITS.official, 'fields.investigation.official'),
  institutionId: optionalRefId('fields.investigation.decisionInstitution'),
  transferredToId: optionalRefId('fields.investigation.transferredTo'),
  reasons: optionalText(DECISION_LIMITS.reasons, 'fields.investigation.reasons'),
  evidenceItemId: optionalRefId('fields.investigation.evidenceItem'),
  sequence: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || v === '' ? 0 : typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : NaN))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= SEQUENCE_MAX, { error: () => t('investigations.errors.sequence', { max: SEQUENCE_MAX }) }),
  sourceEventId: optionalRefId('fields.investigation.sourceEvent'),
});
export type DecisionInput = z.infer<typeof decisionSchema>;
