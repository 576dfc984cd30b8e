import { z } from 'zod';
import { PartialDateValue, parsePartialDate, partialDateToInput } from '../db/partial-date';

/**
 * zod building blocks for record forms and the API. Free text is stored exactly as typed (no
 * trimming or normalising: what a witness said is evidence), only length-checked in characters.
 */
const chars = (s: string) => [...s].length;

export const requiredText = (max: number, label: string) =>
  z
    .string({ message: `Enter ${label}.` })
    .refine((s) => s.trim().length > 0, `Enter ${label}.`)
    .refine((s) => chars(s) <= max, `${capitalise(label)} has at most ${max} characters.`)
    // The refinements are not exported to OpenAPI; JSON Schema's maxLength counts characters too.
    .meta({ maxLength: max });

/** Empty means "not recorded": stored as null. */
export const optionalText = (max: number, label: string) =>
  z
    .union([z.string()], { message: `${capitalise(label)} must be text.` }).nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || chars(s) <= max, `${capitalise(label)} has at most ${max} characters.`)
    .meta({ maxLength: max });

/** A term code (checked against the vocabulary in the service, which has the database). */
export const termCode = (label: string) =>
  z
    .string({ message: `Choose ${label}.` })
    .min(1, `Choose ${label}.`)
    .max(60, `Choose ${label} from the list.`);

export const optionalTermCode = (label: string) =>
  z
    .union([z.string()]).nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || (s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s)), `Choose ${label} from the list.`);

/** Several term codes from checkboxes (a single string when one box is ticked) or a JSON array. */
export const termCodes = (label: string) =>
  z
    .union([z.string(), z.array(z.string())]).nullish()
    .transform((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]))
    .refine((v) => v.length <= 100 && v.every((c) => c.length <= 60 && /^[a-z][a-z0-9_]*$/.test(c)), `Choose ${label} from the list.`)
    .transform((v) => [...new Set(v)]);

/** A reference to another record by id: from a form (string) or JSON (number). */
export const refId = (label: string) =>
  z
    .union([z.string(), z.number()], { message: `Choose ${label}.` })
    .transform((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v)))
    .refine((n) => Number.isSafeInteger(n) && n > 0, `Choose ${label}.`)
    .meta({ description: `the id of ${label}` });

export const optionalRefId = (label: string) =>
  z
    .union([z.string(), z.number()]).nullish()
    .transform((v) => (v == null || v === '' ? null : typeof v === 'number' ? v : Number(v)))
    .refine((n) => n === null || (Number.isSafeInteger(n) && n > 0), `Choose ${label}.`);

export const refIds = (label: string) =>
  z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullish()
    .transform((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '').map(Number))
    .refine((ids) => ids.length <= 500 && ids.every((n) => Number.isSafeInteger(n) && n > 0), `Choose ${label} from the list.`)
    .transform((ids) => [...new Set(ids)]);

export const checkbox = z
  .union([z.boolean(), z.string(), z.array(z.string())]).nullish()
  .transform((v) => (Array.isArray(v) ? v.includes('on') || v.includes('true') || v.includes('1') : v === true || v === 'on' || v === 'true' || v === '1'))
  .meta({ description: 'true or false; a form checkbox sends "on", which counts as true' });

/**
 * A date as the API returns it (`{precision, start, end, text, uncertain}` with full days) turned
 * back into what a client types, so that a client can send back what it read. The stored form is
 * accepted only when it is exactly what that precision would store.
 */
function acceptStoredDate(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const d = v as Record<string, unknown>;
  if (d.precision === 'range' || d.value || typeof d.precision !== 'string' || typeof d.start !== 'string' || typeof d.end !== 'string') return v;
  const input = partialDateToInput({ precision: d.precision, start: d.start, end: d.end });
  const again = input && parsePartialDate(input);
  return again && again.ok && again.date.start === d.start && again.date.end === d.end ? input : v;
}

/**
 * A partial date as sent by a form (`date[precision]`, `date[value]`, `date[start]`, `date[end]`)
 * or JSON (records/api-specs.ts: PartialDateInput), or sent back as the API returned it; errors
 * land on `<field>.value`, `<field>.start` ... so the form shows them in place.
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
        ctx.addIssue({ code: 'custom', path: ['value'], message: `Enter ${opts.label ?? 'the date'}, even if only the year.` });
        return z.NEVER;
      }
      return null;
    }
    const result = parsePartialDate({ precision: v.precision ?? 'day', value: v.value, start: v.start, end: v.end });
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', path: [result.field], message: result.message + '.' });
      return z.NEVER;
    }
    return result.date;
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A text filter of a list (?status=…): empty means no filter; anything else that is not a single
 * text within the limit (a repeated parameter, q[a]=…, too long) is a field error. It is never
 * dropped, which would list everything.
 */
export const filterText = (max: number, label: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ message: `Write ${label} once, as text.` }).max(max, `${capitalise(label)} has at most ${max} characters.`).optional(),
  );

/**
 * A filter chosen from a list (?region=…), whose "Any" sends an empty value: empty means no
 * filter; anything but one code that `isChoice` accepts (an unknown code, a repeated parameter,
 * region[a]=…) is a field error, never dropped.
 */
export const filterChoice = (label: string, isChoice: (code: string) => boolean) => {
  const message = `Choose ${label} from the list.`;
  return z.preprocess((v) => (v === '' ? undefined : v), z.string({ message }).refine(isChoice, message).optional());
};

/** A list's page number: a malformed one is page 1 (a default, never a wider result). */
export const listPage = () => z.coerce.number().int().min(1).max(100_000).catch(1);
/** An API list's page size: at most 100, 50 when malformed. */
export const apiListLimit = () => z.coerce.number().int().min(1).max(100).catch(50);
