import { z } from 'zod';
import { STATEMENT_LIMITS } from './statement.entity';
import { checkbox, optionalRefId, optionalTermCode, optionalText, partialDate, termCode, termCodes } from '../http/fields';
import { personRows } from '../records/record-fields';

const has = (s: string | null) => s !== null && s.trim() !== '';

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
    retracted: checkbox,
    retractionDate: partialDate({ label: 'the date of the retraction' }),
    retractionForum: optionalTermCode('where it was retracted'),
    retractionReason: optionalText(STATEMENT_LIMITS.retractionReason, 'the reason given'),
    reliedOnByCourt: checkbox,
    proceedingId: optionalRefId('a proceeding of this case'),
    allegationId: optionalRefId('an allegation of this case'),
  })
  // Runs even when some fields failed, so the form shows every problem at once; a failed field
  // may still hold its raw input here, hence the defensive checks.
  .superRefine(
    (v, ctx) => {
      const date = (d: unknown) => (d && typeof d === 'object' && 'start' in d && typeof (d as { start: unknown }).start === 'string' ? (d as { precision: string; start: string; end: string }) : null);
      const text = (s: unknown) => (typeof s === 'string' && s !== '' ? s : null);
      const makerGiven = (v.makerPersonId !== null && v.makerPersonId !== undefined && (v.makerPersonId as unknown) !== '') || has(text(v.makerDescription));
      if (!makerGiven) ctx.addIssue({ code: 'custom', path: ['makerPersonId'], message: 'Choose who made the statement, or describe them (e.g. “other detainees”).' });
      if (v.retracted !== true && (date(v.retractionDate) || text(v.retractionForum) || text(v.retractionReason))) {
        ctx.addIssue({ code: 'custom', path: ['retracted'], message: 'Tick “Retracted” to record a retraction, or clear its date, forum and reason.' });
      }
      if (v.reliedOnByCourt !== true && v.proceedingId !== null && v.proceedingId !== undefined && (v.proceedingId as unknown) !== '') {
        ctx.addIssue({ code: 'custom', path: ['reliedOnByCourt'], message: 'Tick “A court relied on it” to name the proceeding, or leave the proceeding empty.' });
      }
      const made = date(v.date);
      const retracted = date(v.retractionDate);
      if (made && retracted && retracted.end < made.start) {
        ctx.addIssue({ code: 'custom', path: ['retractionDate', retracted.precision === 'range' ? 'end' : 'value'], message: 'The retraction cannot come before the statement.' });
      }
    },
    { when: () => true },
  );
export type StatementInput = z.infer<typeof statementSchema>;
