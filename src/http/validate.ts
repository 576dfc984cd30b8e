import { z } from 'zod';
import { validationFailed } from './errors';
import { t } from '../i18n/i18n';

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // From a strict schema: each unknown field named, under its own name.
      for (const unknown of issue.keys) {
        const key = [...issue.path, unknown].join('.');
        if (!(key in out)) out[key] = t('validation.unknownField', { name: unknown.slice(0, 60) });
      }
      continue;
    }
    const key = issue.path.length ? issue.path.join('.') : '_form';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Parses input with a schema; a failure is a 422 carrying a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationFailed(fieldErrorsOf(result.error));
  return result.data;
}

/** For forms: the parsed data, or the field errors to show next to each field. */
export function checkForm<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input ?? {});
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrorsOf(result.error) };
}

/** Positive integer route parameter; anything else is simply not found. */
export const idParam = z.string().regex(/^[1-9][0-9]{0,14}$/, { error: () => t('validation.notRecordId') }).transform(Number);

/** The string fields of a submitted form, to put back into the form when it is shown again with errors. */
export function formValues(body: unknown, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const source = (body ?? {}) as Record<string, unknown>;
  for (const k of keys) if (typeof source[k] === 'string') out[k] = source[k] as string;
  return out;
}
