import { z } from 'zod';
import { PROCEEDING_LIMITS } from './proceeding.entity';
import { PROCEEDING_STAGE_LIMITS } from './proceeding-stage.entity';
import { CHARGE_LIMITS } from './proceeding-charge.entity';
import { VERDICT_LIMITS } from './stage-verdict.entity';
import { checkbox, optionalRefId, optionalTermCode, optionalText, partialDate, termCode } from '../http/fields';
import { t } from '../i18n/i18n';

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
  article: optionalText(CHARGE_LIMITS.article, 'fields.proceeding.article'),
  articleCode: optionalTermCode('fields.proceeding.articleCode'),
});
export type ChargeInput = { article: string | null; articleCode: string | null };

const defendantRow = z.union([
  z.string(),
  z.number(),
  z.object({ personId: z.union([z.string(), z.number()]).nullish(), charges: z.preprocess(rowList, z.array(chargeRow).max(30, { error: () => t('proceedings.errors.tooManyCharges', { max: 30 }) })).optional() }),
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
  .preprocess(rowList, z.array(defendantRow, { error: () => t('proceedings.errors.chooseDefendants') }).max(200, { error: () => t('proceedings.errors.tooManyDefendants', { max: 200 }) }))
  .transform((rows, ctx): DefendantInput[] => {
    const out = new Map<number, DefendantInput>();
    rows.forEach((row, i) => {
      const r = typeof row === 'object' ? row : { personId: row, charges: [] };
      const charges = (r.charges ?? []).filter((c) => c.article !== null || c.articleCode !== null);
      const id = personIdOf(r.personId);
      if (id === null) {
        if (charges.length) ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: t('proceedings.errors.chargesWithoutDefendant') });
        return;
      }
      if (Number.isNaN(id)) {
        ctx.addIssue({ code: 'custom', path: [], message: t('proceedings.errors.chooseDefendants') });
        return;
      }
      const seen = out.get(id);
      if (seen) seen.charges.push(...charges);
      else out.set(id, { personId: id, charges });
    });
    return [...out.values()];
  });

export const proceedingSchema = z.object({
  courtInstitutionId: optionalRefId('fields.proceeding.court'),
  caseNumber: optionalText(PROCEEDING_LIMITS.caseNumber, 'fields.proceeding.caseNumber'),
  title: optionalText(PROCEEDING_LIMITS.title, 'fields.proceeding.title'),
  defendants: defendantRows,
  note: optionalText(PROCEEDING_LIMITS.note, 'fields.proceeding.note'),
});
export type ProceedingInput = z.infer<typeof proceedingSchema>;

/** Years or months of a sentence: empty is "not given"; whole numbers from 0 to max. */
const SENTENCE_MESSAGES = {
  years: { whole: 'proceedings.errors.wholeYears', negative: 'proceedings.errors.negativeYears' },
  months: { whole: 'proceedings.errors.wholeMonths', negative: 'proceedings.errors.negativeMonths' },
} as const;
const sentencePart = (what: 'years' | 'months', max: number) =>
  z
    .union([z.string(), z.number()], { error: () => t(SENTENCE_MESSAGES[what].whole) })
    .nullish()
    .transform((v, ctx) => {
      if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
      const n = typeof v === 'number' ? v : /^\s*-?\d{1,4}\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: t(SENTENCE_MESSAGES[what].whole) });
      else if (n < 0) ctx.addIssue({ code: 'custom', message: t(SENTENCE_MESSAGES[what].negative) });
      else if (n > max) ctx.addIssue({ code: 'custom', message: what === 'months' ? t('proceedings.errors.monthsRange') : t('proceedings.errors.maxYears', { max }) });
      else return n;
      return z.NEVER;
    });

const verdictRow = z.object({
  /** Empty: "the defendants", for a proceeding whose defendants were never named. */
  personId: z.union([z.string(), z.number()], { error: () => t('proceedings.errors.defendantOfProceeding') }).nullish(),
  outcome: optionalTermCode('fields.proceeding.outcome'),
  sentenceKind: optionalTermCode('fields.proceeding.sentenceKind'),
  years: sentencePart('years', VERDICT_LIMITS.years),
  months: sentencePart('months', 11),
  suspended: checkbox,
  regime: optionalTermCode('fields.proceeding.regime'),
  note: optionalText(VERDICT_LIMITS.note, 'fields.proceeding.verdictNote'),
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

const verdictRows = z.preprocess(rowList, z.array(verdictRow, { error: () => t('proceedings.errors.verdictsAsList') }).max(200, { error: () => t('proceedings.errors.tooManyVerdicts', { max: 200 }) })).transform((rows, ctx): VerdictInput[] => {
  const out: VerdictInput[] = [];
  const seen = new Set<number | null>();
  rows.forEach((r, i) => {
    const personId = personIdOf(r.personId);
    if (Number.isNaN(personId)) {
      ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: t('proceedings.errors.defendantOfProceeding') });
      return;
    }
    const v = { personId, outcome: r.outcome, sentenceKind: r.sentenceKind, years: r.years, months: r.months, suspended: r.suspended, regime: r.regime, note: r.note };
    // A row left empty on the form: no verdict for that defendant at this stage.
    if (!v.outcome && !v.sentenceKind && v.years === null && v.months === null && !v.suspended && !v.regime && !v.note) return;
    if (seen.has(personId)) {
      ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: t('proceedings.errors.duplicateVerdict') });
      return;
    }
    seen.add(personId);
    out.push(v);
  });
  return out;
});

export const stageSchema = z
  .object({
    kind: termCode('fields.proceeding.stageKind'),
    date: partialDate({ label: 'fields.common.date' }),
    courtInstitutionId: optionalRefId('fields.proceeding.stageCourt'),
    verdicts: verdictRows.optional(),
    /** Shorthand: the same outcome for every defendant of the proceeding (as before verdicts were per defendant). */
    outcome: optionalTermCode('fields.proceeding.outcome'),
    /** Shorthand: the same sentence, as text, for every defendant. */
    sentence: optionalText(PROCEEDING_STAGE_LIMITS.sentence, 'fields.proceeding.sentence'),
    note: optionalText(PROCEEDING_STAGE_LIMITS.note, 'fields.proceeding.stageNote'),
  })
  .superRefine((s, ctx) => {
    if (s.verdicts?.length && (s.outcome || s.sentence)) ctx.addIssue({ code: 'custom', path: ['outcome'], message: t('proceedings.errors.eitherOr') });
  })
  .transform(({ outcome, sentence, verdicts, ...rest }) => ({ ...rest, verdicts: verdicts ?? null, forEveryDefendant: outcome || sentence ? { outcome, note: sentence } : null }));
export type StageInput = z.infer<typeof stageSchema>;
