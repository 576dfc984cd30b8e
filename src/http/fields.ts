import { z } from 'zod';
import { PartialDateValue, parsePartialDate, partialDateToInput } from '../db/partial-date';
import { t } from '../i18n/i18n';

/**
 * Messages are worded when a value is checked (zod calls `error` then), in the language of the
 * request being served. A label is a catalogue key (`fields.case.title`): in English it reads as
 * a phrase ("the title"), in Russian as the field's name ("Название").
 */
export function fieldLabel(label: string): string {
  return /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/.test(label) ? t(label) : label;
}
/**
 * Text that cannot be stored as it was sent: a lone UTF-16 surrogate (possible in JSON, never
 * typed) would be written to the database as U+FFFD, silently changing what a witness said.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string | null) => s === null || !LONE_SURROGATE.test(s);
/** A record id as a form or a client writes it: digits only ("1E2", "0x10" and "1.0" are not ids). */
const idText = (v: string) => (/^\s*[0-9]+\s*$/.test(v) ? Number(v) : NaN);
const says = (key: string, label: string, extra: Record<string, unknown> = {}) => () => t(key, { label: fieldLabel(label), ...extra });

/**
 * zod building blocks for record forms and the API. Free text is stored exactly as typed (no
 * trimming or normalising: what a witness said is evidence), only length-checked in characters.
 */
const chars = (s: string) => [...s].length;

export const requiredText = (max: number, label: string) =>
  z
    .string({ error: says('validation.enter', label) })
    .refine((s) => s.trim().length > 0, { error: says('validation.enter', label) })
    .refine((s) => chars(s) <= max, { error: says('validation.tooLong', label, { count: max }) })
    .refine(storable, { error: says('validation.malformedText', label) })
    // The refinements are not exported to OpenAPI; JSON Schema's maxLength counts characters too.
    .meta({ maxLength: max });

/** Empty means "not recorded": stored as null. */
export const optionalText = (max: number, label: string) =>
  z
    .union([z.string()], { error: says('validation.mustBeText', label) }).nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || chars(s) <= max, { error: says('validation.tooLong', label, { count: max }) })
    .refine(storable, { error: says('validation.malformedText', label) })
    .meta({ maxLength: max });

/** A term code (checked against the vocabulary in the service, which has the database). */
export const termCode = (label: string) =>
  z
    .string({ error: says('validation.choose', label) })
    .min(1, { error: says('validation.choose', label) })
    .max(60, { error: says('validation.chooseFromList', label) });

export const optionalTermCode = (label: string) =>
  z
    .union([z.string()]).nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || (s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s)), { error: says('validation.chooseFromList', label) });

/** Several term codes from checkboxes (a single string when one box is ticked) or a JSON array. */
export const termCodes = (label: string) =>
  z
    .union([z.string(), z.array(z.string())]).nullish()
    .transform((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]))
    .refine((v) => v.length <= 100 && v.every((c) => c.length <= 60 && /^[a-z][a-z0-9_]*$/.test(c)), { error: says('validation.chooseFromList', label) })
    .transform((v) => [...new Set(v)]);

/** A reference to another record by id: from a form (string) or JSON (number). */
export const refId = (label: string) =>
  z
    .union([z.string(), z.number()], { error: says('validation.choose', label) })
    .transform((v) => (typeof v === 'number' ? v : idText(v)))
    .refine((n) => Number.isSafeInteger(n) && n > 0, { error: says('validation.choose', label) })
    .meta({ description: `the id of ${fieldLabel(label)}` });

export const optionalRefId = (label: string) =>
  z
    .union([z.string(), z.number()]).nullish()
    .transform((v) => (v == null || v === '' ? null : typeof v === 'number' ? v : idText(v)))
    .refine((n) => n === null || (Number.isSafeInteger(n) && n > 0), { error: says('validation.choose', label) });

export const refIds = (label: string) =>
  z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullish()
    .transform((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '').map((x) => (typeof x === 'number' ? x : idText(x))))
    .refine((ids) => ids.length <= 500 && ids.every((n) => Number.isSafeInteger(n) && n > 0), { error: says('validation.chooseFromList', label) })
    .transform((ids) => [...new Set(ids)]);

const YES = new Set(['on', 'true', '1', 'yes']);
const NO = new Set(['off', 'false', '0', 'no', '']);
/**
 * A yes/no: a form checkbox ("on", or absent), or what a program sends (true/false, "true"/"false",
 * "1"/"0", "yes"/"no"). Anything else is refused rather than read as no: a client that sent
 * `"graphic": "Y"` must not believe the item is marked.
 */
export const checkbox = z
  .union([z.boolean(), z.string(), z.array(z.string())]).nullish()
  .refine((v) => v == null || typeof v === 'boolean' || (Array.isArray(v) ? v : [v]).every((s) => YES.has(s.toLowerCase()) || NO.has(s.toLowerCase())), { error: () => t('validation.yesOrNo') })
  .transform((v) => (v == null ? false : typeof v === 'boolean' ? v : (Array.isArray(v) ? v : [v]).some((s) => YES.has(s.toLowerCase()))))
  .meta({ description: 'true or false ("true"/"false", "1"/"0", "yes"/"no" too); a form checkbox sends "on", which counts as true; anything else is refused' });

/**
 * A date as the API returns it (`{precision, start, end, text, uncertain}` with full days) turned
 * back into what a client types, so that a client can send back what it read. The stored form is
 * accepted only when it is exactly what that precision would store.
 */
function acceptStoredDate(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const d = v as Record<string, unknown>;
  // Only the single-value precisions (a range's stored start and end are read as typed already;
  // `auto` and unknown precisions are never stored).
  if (!['day', 'month', 'year', 'approximate'].includes(d.precision as string) || d.value || typeof d.start !== 'string' || typeof d.end !== 'string') return v;
  const input = partialDateToInput({ precision: d.precision as string, start: d.start, end: d.end });
  const again = input && parsePartialDate(input);
  return again && again.ok && again.date.start === d.start && again.date.end === d.end ? input : v;
}

/**
 * A partial date as sent by a form (`date[precision]`, `date[value]`, `date[start]`, `date[end]`)
 * or JSON (records/api-specs.ts: PartialDateInput), or sent back as the API returned it; errors
 * land on `<field>.value`, `<field>.start` ... so the form shows them in place, worded in the
 * request's language. The value may be typed as people write dates (`23.10.2005`, `окт 2005`,
 * `около 2005`); precision `auto` or none takes the precision from what was typed.
 */
export function partialDate(opts: { required?: boolean; label?: string } = {}) {
  const input = z
    .object({
      precision: z.string().max(20).optional().nullable(),
      value: z.string().max(40).optional().nullable(),
      start: z.string().max(40).optional().nullable(),
      end: z.string().max(40).optional().nullable(),
    })
    .optional()
    .nullable();
  return z.preprocess(acceptStoredDate, input).transform((v, ctx): PartialDateValue | null => {
    const empty = !v || (!v.value && !v.start && !v.end);
    if (empty) {
      if (opts.required) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: t('validation.enterDate', { label: fieldLabel(opts.label ?? 'fields.common.date') }) });
        return z.NEVER;
      }
      return null;
    }
    const result = parsePartialDate({ precision: v.precision ?? 'auto', value: v.value, start: v.start, end: v.end });
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', path: [result.field], message: result.message + '.' });
      return z.NEVER;
    }
    return result.date;
  });
}


/**
 * A text filter of a list (?status=…): empty means no filter; anything else that is not a single
 * text within the limit (a repeated parameter, q[a]=…, too long) is a field error. It is never
 * dropped, which would list everything.
 */
export const filterText = (max: number, label: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ error: says('validation.filterOnce', label) }).max(max, { error: says('validation.tooLong', label, { count: max }) }).optional(),
  );

/**
 * A filter chosen from a list (?region=…), whose "Any" sends an empty value: empty means no
 * filter; anything but one code that `isChoice` accepts (an unknown code, a repeated parameter,
 * region[a]=…) is a field error, never dropped.
 */
export const filterChoice = (label: string, isChoice: (code: string) => boolean) => {
  const error = says('validation.chooseFromList', label);
  return z.preprocess((v) => (v === '' ? undefined : v), z.string({ error }).refine(isChoice, { error }).optional());
};

/** A list's page number: a malformed one is page 1 (a default, never a wider result). */
export const listPage = () => z.coerce.number().int().min(1).max(100_000).catch(1);
/** An API list's page size: at most 100, 50 when malformed. */
export const apiListLimit = () => z.coerce.number().int().min(1).max(100).catch(50);
