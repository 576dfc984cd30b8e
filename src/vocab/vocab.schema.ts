import { z } from 'zod';
import { VOCAB_CODE_MAX, VOCAB_CODE_PATTERN, VOCAB_LABEL_MAX } from './vocab-term.entity';
import { optionalText, requiredText } from '../http/fields';

const sortOrder = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null || v === '' ? null : Number(v)))
  .refine((n) => n === null || (Number.isInteger(n) && n >= 0 && n <= 1_000_000), 'The position is a whole number from 0.');

export const newTermSchema = z.object({
  code: z
    .string()
    .nullish()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v === '' || (v.length <= VOCAB_CODE_MAX && VOCAB_CODE_PATTERN.test(v)), 'A code is lower-case letters, digits and underscores, starting with a letter (or leave it empty).'),
  labelEn: requiredText(VOCAB_LABEL_MAX, 'an English label'),
  labelRu: optionalText(VOCAB_LABEL_MAX, 'the Russian label'),
  sortOrder,
});

export const editTermSchema = z.object({
  labelEn: requiredText(VOCAB_LABEL_MAX, 'an English label'),
  labelRu: optionalText(VOCAB_LABEL_MAX, 'the Russian label'),
  sortOrder,
});

/** A stable code from an English label: "Mock execution" -> mock_execution. */
export function codeFromLabel(label: string): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, VOCAB_CODE_MAX - 4);
  return /^[a-z]/.test(base) ? base : `term_${base}`.replace(/_+$/, '') || 'term';
}
