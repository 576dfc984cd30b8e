import { z } from 'zod';
import { t } from '../i18n/i18n';
import { IMPORT_KINDS } from './import-fields';

/** The input of the /imports pages, checked at the edge (the service validates the mapping again). */

const shortText = (max: number) => z.string().max(max, { error: () => t('imports.validation.tooLong', { count: max }) });
const lineNumber = z.coerce.number({ error: () => t('imports.validation.line') }).int().min(1).max(100_000_000);

export const previewQuery = z.object({
  page: z.coerce.number({ error: () => t('imports.validation.page') }).int().min(1).max(1_000_000).default(1),
  only: z.enum(['problems', 'all'], { error: () => t('imports.validation.only') }).default('all'),
  sheet: shortText(200).optional(),
});
export type PreviewQuery = z.infer<typeof previewQuery>;

/** Indexed form fields (`sheets[12][kind]`) as an array, whether the body parser made an array or an object of them. */
const indexed = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => /^\d{1,4}$/.test(k));
      const out: unknown[] = [];
      for (const [k, x] of entries) out[Number(k)] = x;
      return out.map((x) => x ?? '');
    }
    return v;
  }, z.array(item).max(max));

const fieldCode = z.string().max(80).regex(/^[a-z0-9_]*$/, { error: () => t('imports.validation.field') });

/**
 * The mapping form: per sheet its kind (empty: the sheet is not imported) and per column the
 * field it fills (empty: ignored); per value of a term column, the term it means.
 */
export const mappingForm = z.object({
  intent: z.enum(['save', 'check'], { error: () => t('imports.validation.intent') }).default('save'),
  sheets: indexed(
    z.object({
      name: shortText(200),
      kind: z.union([z.enum(IMPORT_KINDS), z.literal('')], { error: () => t('imports.validation.kind') }),
      columns: indexed(fieldCode, 500).default([]),
    }),
    100,
  ).default([]),
  values: indexed(
    z.object({
      sheet: shortText(200),
      column: shortText(500),
      value: shortText(1000),
      term: z.string().max(80).regex(/^[a-z0-9_]*$/, { error: () => t('imports.validation.term') }),
    }),
    2000,
  ).default([]),
});
export type MappingForm = z.infer<typeof mappingForm>;

/** One row of the preview: skip it, take it back, or fix its cells and check it again. */
export const rowDecisionForm = z.object({
  sheet: shortText(200),
  line: lineNumber,
  decision: z.enum(['skip', 'unskip', 'fix'], { error: () => t('imports.validation.decision') }),
  // Keyed `c<column index>`: a bare number would make the body parser build an array and drop the index.
  fixes: z
    .record(z.string().regex(/^c\d{1,3}$/, { error: () => t('imports.validation.field') }), shortText(100_000))
    .default({})
    .transform((fixes) => Object.fromEntries(Object.entries(fixes).map(([k, v]) => [k.slice(1), v]))),
  back: shortText(500).optional(),
});
export type RowDecisionForm = z.infer<typeof rowDecisionForm>;

/** The user's choice for an ambiguous name: one of the candidates, or a new record. */
export const matchForm = z.object({
  kind: z.enum(['person', 'institution'], { error: () => t('imports.validation.matchKind') }),
  value: shortText(1000).min(1),
  recordId: z.union([z.literal('new'), z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)], { error: () => t('imports.validation.candidate') }),
  sheet: shortText(200),
  line: lineNumber,
  back: shortText(500).optional(),
});
export type MatchForm = z.infer<typeof matchForm>;

export const namedMappingForm = z.object({
  mappingName: z
    .string()
    .trim()
    .min(1, { error: () => t('imports.validation.mappingName') })
    .max(100, { error: () => t('imports.validation.tooLong', { count: 100 }) }),
});

export const applyMappingForm = z.object({
  mappingId: z.coerce.number({ error: () => t('imports.validation.mappingChoice') }).int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const undoForm = z.object({
  force: z.literal('on', { error: () => t('imports.validation.force') }).optional(),
});

/** `back` returns to the same preview page and filter; only a local preview address is accepted. */
export function previewBack(batchId: number, back: string | undefined): string {
  const base = `/imports/${batchId}/preview`;
  if (back && back.startsWith(`${base}?`) && !/[\s\\]/.test(back)) return back;
  return base;
}
