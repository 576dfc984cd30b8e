import { z } from 'zod';
import { CASE_CODE_PATTERN, CASE_LIMITS, COUNT_PRECISIONS } from './case.entity';
import { CASE_TAG_LIMITS } from './case-tag.entity';
import { checkbox, filterText, optionalText, optionalTermCode, refId, requiredText, termCode, listPage } from '../http/fields';
import { t } from '../i18n/i18n';

const count = z
  .union([z.string(), z.number()]).nullish()
  .transform((v) => (v == null || v === '' ? null : Number(v)))
  .refine((n) => n === null || (Number.isSafeInteger(n) && n >= 0 && n <= 10_000_000), { error: () => t('cases.validation.wholeNumber') });

const precision = z
  .union([z.enum(COUNT_PRECISIONS), z.literal('')]).nullish()
  .transform((v) => (v ? v : null));

/** Tags typed as "nalchik, 2005 attack" or sent as a JSON array; lower-cased, de-duplicated. */
const tags = z
  .union([z.string(), z.array(z.string())]).nullish()
  .transform((v) => (v == null ? [] : Array.isArray(v) ? v : v.split(',')).map((tag) => tag.trim().toLowerCase()).filter(Boolean))
  .refine((list) => list.length <= 50, { error: () => t('cases.validation.tooManyTags', { count: 50 }) })
  .refine((list) => list.every((tag) => [...tag].length <= CASE_TAG_LIMITS.tag), { error: () => t('cases.validation.tagTooLong', { count: CASE_TAG_LIMITS.tag }) })
  .transform((list) => [...new Set(list)]);

const code = z
  .union([z.string()]).nullish()
  .transform((v) => (v == null ? '' : v.trim().toUpperCase()))
  .refine((v) => v === '' || (CASE_CODE_PATTERN.test(v) && v.length <= CASE_LIMITS.code), { error: () => t('cases.validation.codeFormat') });

export const caseFields = z.object({
  code,
  title: requiredText(CASE_LIMITS.title, 'fields.case.title'),
  summary: optionalText(CASE_LIMITS.summary, 'fields.case.summary'),
  status: termCode('fields.case.status'),
  region: optionalTermCode('fields.case.region'),
  restricted: checkbox,
  groupDescription: optionalText(CASE_LIMITS.groupDescription, 'fields.case.groupDescription'),
  groupCount: count,
  groupCountPrecision: precision,
  groupDeathCount: count,
  groupDeathCountPrecision: precision,
  tags,
  /** For a new case's generated code: the year the case began (defaults to this year). */
  year: z
    .union([z.string(), z.number()]).nullish()
    .transform((v) => (v == null || v === '' ? null : Number(v)))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 1900 && n <= 2100), { error: () => t('cases.validation.year') }),
});

const withCountPrecision = <T extends z.infer<typeof caseFields>>(v: T, ctx: z.RefinementCtx) => {
  for (const [countKey, precisionKey] of [
    ['groupCount', 'groupCountPrecision'],
    ['groupDeathCount', 'groupDeathCountPrecision'],
  ] as const) {
    // "unknown" is a size nobody knows (no number), apart from a count not entered (both empty).
    if (v[precisionKey] === 'unknown' && v[countKey] !== null) {
      ctx.addIssue({ code: 'custom', path: [countKey], message: t('cases.validation.sizeUnknownNumber') });
      continue;
    }
    if (v[countKey] !== null && v[precisionKey] === null) v[precisionKey] = 'exact';
    if (v[countKey] === null && v[precisionKey] !== null && v[precisionKey] !== 'unknown') v[precisionKey] = null;
  }
};

export const createCaseSchema = caseFields.superRefine(withCountPrecision);
export type CaseInput = z.infer<typeof caseFields>;

export const participantSchema = z.object({
  personId: refId('fields.case.person'),
  role: termCode('fields.case.role'),
  note: optionalText(2000, 'fields.case.note'),
});

export const caseLinkSchema = z.object({
  otherCaseId: refId('fields.case.otherCase'),
  kind: termCode('fields.case.linkKind'),
  note: optionalText(2000, 'fields.case.note'),
});

export const memberSchema = z.object({ userId: refId('fields.case.user') });

/** How the case list can be ordered, and each order's natural direction (newest change first, codes A–Z, earliest incident first). */
export const CASE_SORTS = ['updated', 'code', 'incident'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const DEFAULT_DIRECTION: Record<CaseSort, 'asc' | 'desc'> = { updated: 'desc', code: 'asc', incident: 'asc' };

export const caseListQuery = z.object({
  q: filterText(200, 'fields.case.filterQ'),
  status: filterText(60, 'fields.case.filterStatus'),
  region: filterText(60, 'fields.case.filterRegion'),
  tag: filterText(100, 'fields.case.filterTag'),
  page: listPage(),
  // An order is not a filter: one that cannot be read lists in the usual order.
  sort: z.enum(CASE_SORTS).catch('updated'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
});
