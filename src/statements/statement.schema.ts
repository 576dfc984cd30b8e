import { z } from 'zod';
import { COURT_STATUSES, STATEMENT_LIMITS } from './statement.entity';
import { PRESSURE_ALLEGED, RETRACTION_KINDS, RETRACTION_LIMITS } from './statement-retraction.entity';
import { optionalRefId, optionalTermCode, optionalText, partialDate, termCode, termCodes } from '../http/fields';
import { personRows } from '../records/record-fields';
import { t } from '../i18n/i18n';

const has = (s: string | null) => s !== null && s.trim() !== '';

/** Empty (a form's blank choice) means "not submitted or not known". */
export const courtStatus = z.preprocess(
  (v) => (v === '' || v == null ? 'not_submitted' : v),
  z.enum(COURT_STATUSES, { error: () => t('statements.validation.courtStatus', { codes: COURT_STATUSES.join(', ') }) }),
);

export const statementSchema = z
  .object({
    makerPersonId: optionalRefId('fields.statement.makerPerson'),
    makerDescription: optionalText(STATEMENT_LIMITS.makerDescription, 'fields.statement.makerDescription'),
    date: partialDate({ label: 'fields.statement.date' }),
    beforeInstitutionId: optionalRefId('fields.statement.beforeInstitution'),
    beforeOfficial: optionalText(STATEMENT_LIMITS.beforeOfficial, 'fields.statement.beforeOfficial'),
    kind: termCode('fields.statement.kind'),
    content: optionalText(STATEMENT_LIMITS.content, 'fields.statement.content'),
    conditions: termCodes('fields.statement.conditions'),
    incriminates: personRows('fields.statement.incriminates'),
    courtStatus,
    proceedingId: optionalRefId('fields.statement.proceeding'),
    allegationId: optionalRefId('fields.statement.allegation'),
  })
  // Runs even when some fields failed, so the form shows every problem at once; a failed field
  // may still hold its raw input here, hence the defensive checks.
  .superRefine(
    (v, ctx) => {
      const text = (s: unknown) => (typeof s === 'string' && s !== '' ? s : null);
      const makerGiven = (v.makerPersonId !== null && v.makerPersonId !== undefined && (v.makerPersonId as unknown) !== '') || has(text(v.makerDescription));
      if (!makerGiven) ctx.addIssue({ code: 'custom', path: ['makerPersonId'], message: t('statements.validation.maker') });
      if (v.courtStatus === 'not_submitted' && v.proceedingId !== null && v.proceedingId !== undefined && (v.proceedingId as unknown) !== '') {
        ctx.addIssue({ code: 'custom', path: ['proceedingId'], message: t('statements.validation.proceedingNeedsCourt') });
      }
    },
    { when: () => true },
  );
export type StatementInput = z.infer<typeof statementSchema>;

/** One step of the retraction history: a retraction or a reaffirmation. */
export const retractionSchema = z.object({
  kind: z.enum(RETRACTION_KINDS, { error: () => t('statements.validation.retractionKind') }),
  date: partialDate({ label: 'fields.statement.retractionDate' }),
  forum: optionalTermCode('fields.statement.forum'),
  reason: optionalText(RETRACTION_LIMITS.reason, 'fields.statement.reason'),
  pressureAlleged: z.preprocess((v) => (v === '' || v == null ? 'unknown' : v), z.enum(PRESSURE_ALLEGED, { error: () => t('statements.validation.pressure') })),
});
export type RetractionInput = z.infer<typeof retractionSchema>;
