import { z } from 'zod';
import { CASE_CODE_PATTERN, CASE_LIMITS, COUNT_PRECISIONS } from './case.entity';
import { CASE_TAG_LIMITS } from './case-tag.entity';
import { checkbox, filterText, optionalText, optionalTermCode, refId, requiredText, termCode, listPage } from '../http/fields';

const count = z
  .union([z.string(), z.number()]).nullish()
  .transform((v) => (v == null || v === '' ? null : Number(v)))
  .refine((n) => n === null || (Number.isSafeInteger(n) && n >= 0 && n <= 10_000_000), 'Enter a whole number, or leave it empty.');

const precision = z
  .union([z.enum(COUNT_PRECISIONS), z.literal('')]).nullish()
  .transform((v) => (v ? v : null));

/** Tags typed as "nalchik, 2005 attack" or sent as a JSON array; lower-cased, de-duplicated. */
const tags = z
  .union([z.string(), z.array(z.string())]).nullish()
  .transform((v) => (v == null ? [] : Array.isArray(v) ? v : v.split(',')).map((t) => t.trim().toLowerCase()).filter(Boolean))
  .refine((list) => list.length <= 50, 'At most 50 tags.')
  .refine((list) => list.every((t) => [...t].length <= CASE_TAG_LIMITS.tag), `A tag has at most ${CASE_TAG_LIMITS.tag} characters.`)
  .transform((list) => [...new Set(list)]);

const code = z
  .union([z.string()]).nullish()
  .transform((v) => (v == null ? '' : v.trim().toUpperCase()))
  .refine((v) => v === '' || (CASE_CODE_PATTERN.test(v) && v.length <= CASE_LIMITS.code), 'A case code looks like RU-2005-0001 (leave it empty to have one assigned).');

export const caseFields = z.object({
  code,
  title: requiredText(CASE_LIMITS.title, 'a title'),
  summary: optionalText(CASE_LIMITS.summary, 'the summary'),
  status: termCode('a status'),
  region: optionalTermCode('a region'),
  restricted: checkbox,
  groupDescription: optionalText(CASE_LIMITS.groupDescription, 'the group description'),
  groupCount: count,
  groupCountPrecision: precision,
  groupDeathCount: count,
  groupDeathCountPrecision: precision,
  tags,
  /** For a new case's generated code: the year the case began (defaults to this year). */
  year: z
    .union([z.string(), z.number()]).nullish()
    .transform((v) => (v == null || v === '' ? null : Number(v)))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 1900 && n <= 2100), 'The year must be between 1900 and 2100.'),
});

const withCountPrecision = <T extends z.infer<typeof caseFields>>(v: T, ctx: z.RefinementCtx) => {
  for (const [countKey, precisionKey] of [
    ['groupCount', 'groupCountPrecision'],
    ['groupDeathCount', 'groupDeathCountPrecision'],
  ] as const) {
    // "unknown" is a size nobody knows (no number), apart from a count not entered (both empty).
    if (v[precisionKey] === 'unknown' && v[countKey] !== null) {
      ctx.addIssue({ code: 'custom', path: [countKey], message: 'A size marked unknown has no number: clear the number, or say how it is known (exactly, around, at least, at most).' });
      continue;
    }
    if (v[countKey] !== null && v[precisionKey] === null) v[precisionKey] = 'exact';
    if (v[countKey] === null && v[precisionKey] !== null && v[precisionKey] !== 'unknown') v[precisionKey] = null;
  }
};

export const createCaseSchema = caseFields.superRefine(withCountPrecision);
export type CaseInput = z.infer<typeof caseFields>;

export const participantSchema = z.object({
  personId: refId('a person'),
  role: termCode('a role'),
  note: optionalText(2000, 'the note'),
});

export const caseLinkSchema = z.object({
  otherCaseId: refId('the other case'),
  kind: termCode('the kind of link'),
  note: optionalText(2000, 'the note'),
});

export const memberSchema = z.object({ userId: refId('a user') });

export const caseListQuery = z.object({
  q: filterText(200, 'the code or title'),
  status: filterText(60, 'the status'),
  region: filterText(60, 'the region'),
  tag: filterText(100, 'the tag'),
  page: listPage(),
});
