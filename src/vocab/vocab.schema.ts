import { z } from 'zod';
import { VOCAB_CODE_MAX, VOCAB_CODE_PATTERN, VOCAB_LABEL_MAX } from './vocab-term.entity';
import { optionalText } from '../http/fields';
import { currentLanguage, t } from '../i18n/i18n';
import { transliterate } from '../people/transliterate';

const sortOrder = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null || v === '' ? null : Number(v)))
  .refine((n) => n === null || (Number.isInteger(n) && n >= 0 && n <= 1_000_000), { error: () => t('vocab.errors.position') });

/** A label in one language: empty (or only spaces) means "none in this language". */
const label = (key: string) => optionalText(VOCAB_LABEL_MAX, key).transform((s) => (s !== null && s.trim() === '' ? null : s));

/**
 * A term needs at least one label, in English or in Russian (the other language shows it,
 * marked): the message stands beside the label of the language the admin works in.
 */
const atLeastOneLabel = (v: { labelEn: string | null; labelRu: string | null }, ctx: z.RefinementCtx) => {
  if (v.labelEn === null && v.labelRu === null) ctx.addIssue({ code: 'custom', path: [currentLanguage() === 'ru' ? 'labelRu' : 'labelEn'], message: t('vocab.errors.noLabel') });
};

export const newTermSchema = z
  .object({
    code: z
      .string()
      .nullish()
      .transform((v) => (v ?? '').trim())
      .refine((v) => v === '' || (v.length <= VOCAB_CODE_MAX && VOCAB_CODE_PATTERN.test(v)), { error: () => t('vocab.errors.code') }),
    labelEn: label('vocab.fields.labelEn'),
    labelRu: label('vocab.fields.labelRu'),
    sortOrder,
  })
  .superRefine(atLeastOneLabel);

export const editTermSchema = z
  .object({
    labelEn: label('vocab.fields.labelEn'),
    labelRu: label('vocab.fields.labelRu'),
    sortOrder,
  })
  .superRefine(atLeastOneLabel);

/**
 * A stable code from a label: "Mock execution" -> mock_execution; a Russian label is
 * transliterated first ("Стояние в холодной воде" -> stoyaniye_v_kholodnoy_vode).
 */
export function codeFromLabel(label: string): string {
  const base = transliterate(label)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, VOCAB_CODE_MAX - 4);
  return /^[a-z]/.test(base) ? base : `term_${base}`.replace(/_+$/, '') || 'term';
}
