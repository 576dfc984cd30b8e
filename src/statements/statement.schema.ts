import { z } from 'zod';
import { COURT_STATUSES, STATEMENT_LIMITS } from './statement.entity';
import { PRESSURE_ALLEGED, RETRACTION_KINDS, RETRACTION_LIMITS } from './statement-retraction.entity';
import { optionalRefId, optionalTermCode, optionalText, partialDate, termCode, termCodes } from '../http/fields';
import { personRows } from '../records/record-fields';

const has = (s: string | null) => s !== null && s.trim() !== '';

/** Empty (a form's blank choice) means "not submitted or not known". */
export const courtStatus = z.preprocess(
  (v) => (v === '' || v == null ? 'not_submitted' : v),
  z.enum(COURT_STATUSES, { message: `Choose how the court treated it: ${COURT_STATUSES.join(', ')}.` }),
);

export const statementSchema = z
  .object({
    makerPersonId: optionalRefId('the person who made it from the list'),
    makerDescription: optionalText(STATEMENT_LIMITS.makerDescription, 'the description of who made it'),
    date: partialDate({ label: 'the date' }),
    beforeInstitutionId: optionalRefId('an institution from the list'),
    beforeOfficial: optionalText(STATEMENT_LIMITS.beforeOfficial, 'the official'),
    kind: termCode('the kind of statement'),
    content: optionalText(STATEMENT_LIMITS.content, 'the content'),
    conditions: termCodes('the conditions'),
    incriminates: personRows('the people it incriminates'),
    courtStatus,
    proceedingId: optionalRefId('a proceeding of this case'),
    allegationId: optionalRefId('an allegation of this case'),
  })
  // Runs even when some fields failed, so the form shows every problem at once; a failed field
  // may still hold its raw input here, hence the defensive checks.
  .superRefine(
    (v, ctx) => {
      const text = (s: unknown) => (typeof s === 'string' && s !== '' ? s : null);
      const makerGiven = (v.makerPersonId !== null && v.makerPersonId !== undefined && (v.makerPersonId as unknown) !== '') || has(text(v.makerDescription));
      if (!makerGiven) ctx.addIssue({ code: 'custom', path: ['makerPersonId'], message: 'Choose who made the statement, or describe them (e.g. “other detainees”).' });
      if (v.courtStatus === 'not_submitted' && v.proceedingId !== null && v.proceedingId !== undefined && (v.proceedingId as unknown) !== '') {
        ctx.addIssue({ code: 'custom', path: ['proceedingId'], message: 'A proceeding can be named only for a statement submitted to its court: set the court status, or leave the proceeding empty.' });
      }
    },
    { when: () => true },
  );
export type StatementInput = z.infer<typeof statementSchema>;

/** One step of the retraction history: a retraction or a reaffirmation. */
export const retractionSchema = z.object({
  kind: z.enum(RETRACTION_KINDS, { message: 'Choose retraction or reaffirmation.' }),
  date: partialDate({ label: 'the date' }),
  forum: optionalTermCode('where it happened'),
  reason: optionalText(RETRACTION_LIMITS.reason, 'the reason given'),
  pressureAlleged: z.preprocess((v) => (v === '' || v == null ? 'unknown' : v), z.enum(PRESSURE_ALLEGED, { message: 'Choose yes, no or unknown.' })),
});
export type RetractionInput = z.infer<typeof retractionSchema>;
