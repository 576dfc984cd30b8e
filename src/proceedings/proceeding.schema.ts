import { z } from 'zod';
import { PROCEEDING_LIMITS } from './proceeding.entity';
import { PROCEEDING_STAGE_LIMITS } from './proceeding-stage.entity';
import { CHARGE_LIMITS } from './proceeding-charge.entity';
import { VERDICT_LIMITS } from './stage-verdict.entity';
import { checkbox, optionalRefId, optionalTermCode, optionalText, partialDate, termCode } from '../http/fields';

/** Form rows arrive as an array or, past qs's array limit, as an object keyed by index. */
const rowList = (v: unknown): unknown[] | unknown => {
  if (v == null || v === '') return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([k]) => /^\d{1,3}$/.test(k))) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, row]) => row);
  }
  return [v];
};

const blank = (v: unknown) => v == null || v === '';
const personIdOf = (v: unknown): number | null | typeof NaN => {
  if (blank(v)) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : NaN;
  if (typeof v === 'string' && /^\s*[1-9][0-9]{0,14}\s*$/.test(v)) return Number(v);
  return NaN;
};

const chargeRow = z.object({
  article: optionalText(CHARGE_LIMITS.article, 'the article'),
  articleCode: optionalTermCode('an article'),
});
export type ChargeInput = { article: string | null; articleCode: string | null };

const defendantRow = z.union([
  z.string(),
  z.number(),
  z.object({ personId: z.union([z.string(), z.number()]).nullish(), charges: z.preprocess(rowList, z.array(chargeRow).max(30, 'At most 30 charges per defendant.')).optional() }),
]);
export interface DefendantInput {
  personId: number;
  charges: ChargeInput[];
}

/**
 * The defendants of a proceeding: ids (the picker rows of the form, or a JSON array), or rows
 * `{personId, charges: [{article, articleCode}]}`. Empty rows are ignored; a person listed twice
 * counts once, with the charges of both rows.
 */
export const defendantRows = z
  .preprocess(rowList, z.array(defendantRow, { message: 'Choose the defendants from the list.' }).max(200, 'At most 200 defendants.'))
  .transform((rows, ctx): DefendantInput[] => {
    const out = new Map<number, DefendantInput>();
    rows.forEach((row, i) => {
      const r = typeof row === 'object' ? row : { personId: row, charges: [] };
      const charges = (r.charges ?? []).filter((c) => c.article !== null || c.articleCode !== null);
      const id = personIdOf(r.personId);
      if (id === null) {
        if (charges.length) ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: 'Choose the defendant these charges are for.' });
        return;
      }
      if (Number.isNaN(id)) {
        ctx.addIssue({ code: 'custom', path: [], message: 'Choose the defendants from the list.' });
        return;
      }
      const seen = out.get(id);
      if (seen) seen.charges.push(...charges);
      else out.set(id, { personId: id, charges });
    });
    return [...out.values()];
  });

export const proceedingSchema = z.object({
  courtInstitutionId: optionalRefId('a court from the list'),
  caseNumber: optionalText(PROCEEDING_LIMITS.caseNumber, 'the case number'),
  title: optionalText(PROCEEDING_LIMITS.title, 'the title'),
  defendants: defendantRows,
  note: optionalText(PROCEEDING_LIMITS.note, 'the note'),
});
export type ProceedingInput = z.infer<typeof proceedingSchema>;

/** Years or months of a sentence: empty is "not given"; whole numbers from 0 to max. */
const sentencePart = (what: 'years' | 'months', max: number) =>
  z
    .union([z.string(), z.number()], { message: `Enter the ${what} as a whole number.` })
    .nullish()
    .transform((v, ctx) => {
      if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
      const n = typeof v === 'number' ? v : /^\s*-?\d{1,4}\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: `Enter the ${what} as a whole number.` });
      else if (n < 0) ctx.addIssue({ code: 'custom', message: `The ${what} of a sentence cannot be negative.` });
      else if (n > max) ctx.addIssue({ code: 'custom', message: what === 'months' ? 'Months run from 0 to 11: write 18 months as 1 year and 6 months.' : `At most ${max} years.` });
      else return n;
      return z.NEVER;
    });

const verdictRow = z.object({
  /** Empty: "the defendants", for a proceeding whose defendants were never named. */
  personId: z.union([z.string(), z.number()], { message: 'Choose a defendant of this proceeding.' }).nullish(),
  outcome: optionalTermCode('an outcome'),
  sentenceKind: optionalTermCode('a kind of sentence'),
  years: sentencePart('years', VERDICT_LIMITS.years),
  months: sentencePart('months', 11),
  suspended: checkbox,
  regime: optionalTermCode('a regime'),
  note: optionalText(VERDICT_LIMITS.note, 'the note on the sentence'),
});
export interface VerdictInput {
  personId: number | null;
  outcome: string | null;
  sentenceKind: string | null;
  years: number | null;
  months: number | null;
  suspended: boolean;
  regime: string | null;
  note: string | null;
}

const verdictRows = z.preprocess(rowList, z.array(verdictRow, { message: 'Send the verdicts as a list.' }).max(200, 'At most 200 verdicts.')).transform((rows, ctx): VerdictInput[] => {
  const out: VerdictInput[] = [];
  const seen = new Set<number | null>();
  rows.forEach((r, i) => {
    const personId = personIdOf(r.personId);
    if (Number.isNaN(personId)) {
      ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: 'Choose a defendant of this proceeding.' });
      return;
    }
    const v = { personId, outcome: r.outcome, sentenceKind: r.sentenceKind, years: r.years, months: r.months, suspended: r.suspended, regime: r.regime, note: r.note };
    // A row left empty on the form: no verdict for that defendant at this stage.
    if (!v.outcome && !v.sentenceKind && v.years === null && v.months === null && !v.suspended && !v.regime && !v.note) return;
    if (seen.has(personId)) {
      ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: 'This defendant already has a verdict at this stage.' });
      return;
    }
    seen.add(personId);
    out.push(v);
  });
  return out;
});

export const stageSchema = z
  .object({
    kind: termCode('the kind of stage'),
    date: partialDate({ label: 'the date' }),
    courtInstitutionId: optionalRefId('a court from the list'),
    verdicts: verdictRows.optional(),
    /** Shorthand: the same outcome for every defendant of the proceeding (as before verdicts were per defendant). */
    outcome: optionalTermCode('an outcome'),
    /** Shorthand: the same sentence, as text, for every defendant. */
    sentence: optionalText(PROCEEDING_STAGE_LIMITS.sentence, 'the sentence'),
    note: optionalText(PROCEEDING_STAGE_LIMITS.note, 'the note'),
  })
  .superRefine((s, ctx) => {
    if (s.verdicts?.length && (s.outcome || s.sentence)) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Give either per-defendant verdicts or one outcome and sentence for every defendant, not both.' });
  })
  .transform(({ outcome, sentence, verdicts, ...rest }) => ({ ...rest, verdicts: verdicts ?? null, forEveryDefendant: outcome || sentence ? { outcome, note: sentence } : null }));
export type StageInput = z.infer<typeof stageSchema>;
