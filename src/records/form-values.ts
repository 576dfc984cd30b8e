import { verbatim } from '../people/redaction';

/**
 * The values to show again in a form that failed validation: the submitted value of each known
 * field (never the body wholesale) and checkboxes as booleans. A browser leaves out unticked boxes
 * and empty checkbox groups, so a field missing from the body shows empty.
 */
export function refill<T extends Record<string, unknown>>(defaults: T, body: unknown, checkboxes: (keyof T & string)[] = []): T {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    if (checkboxes.includes(key)) out[key] = ['on', 'true', '1'].includes(String(source[key]));
    else if (key in source) out[key] = source[key];
    else out[key] = emptyLike(fallback);
  }
  // Exactly what the user submitted (no stored value): shown back as typed (people/redaction.ts).
  return verbatim(out) as T;
}

function emptyLike(v: unknown): unknown {
  if (Array.isArray(v)) return [];
  if (typeof v === 'boolean') return false;
  if (v && typeof v === 'object') return {};
  return '';
}

/** At most this many picker rows are shown again (the schemas accept no more): a form never grows with what was posted. */
export const MAX_PICKER_ROWS = 200;

/** The non-empty ids of picker rows as typed, for showing the rows again. */
export function rowValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : value == null ? [] : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number').map(String).filter((v) => v !== '').slice(0, MAX_PICKER_ROWS);
}
