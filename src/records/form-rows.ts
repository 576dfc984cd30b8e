import { z } from 'zod';
import { t } from '../i18n/i18n';
import { fieldLabel } from '../http/fields';

/**
 * Repeated rows in forms (the people of an event, the perpetrators of an allegation): posted as
 * `people[0][personId]`, `people[1][personId]` ... and parsed by qs into an array, or into an
 * object keyed by index when an index is large; JSON clients send a plain array.
 */
export const MAX_ROWS = 100;

export function rowList(value: unknown): unknown[] | undefined {
  if (value == null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([k]) => /^\d{1,4}$/.test(k))) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return undefined;
}

/**
 * A list of rows each checked by `row`; errors land on `<field>.<index>.<key>`. `label` names the
 * list, as a catalogue key (`fields.event.people`) or, in older code, as English words.
 */
export function rows<T extends z.ZodType>(row: T, label: string) {
  return z.preprocess(
    (v) => rowList(v) ?? v,
    z.array(row, { error: () => t('records.validation.onePerRow', { label: fieldLabel(label) }) }).max(MAX_ROWS, { error: () => t('records.validation.tooManyRows', { count: MAX_ROWS }) }),
  );
}

/** A row is blank when none of `keys` holds anything but white space; blank rows are dropped. */
export function isBlankRow(row: unknown, keys: string[]): boolean {
  if (row == null || row === '') return true;
  if (typeof row !== 'object') return false;
  const r = row as Record<string, unknown>;
  return keys.every((k) => r[k] == null || (typeof r[k] === 'string' && (r[k] as string).trim() === ''));
}

/**
 * The submitted rows of a form without the blank ones, so that row numbers in error messages
 * match the rows shown again (blank rows are added back at the end).
 */
export function compactRows(value: unknown, keys: string[] | null): unknown[] {
  const list = rowList(value) ?? [];
  // No real form has this many rows; a posted flood must not be echoed back as a huge page.
  return list.filter((r) => (keys ? !isBlankRow(r, keys) : !(r == null || (typeof r === 'string' && r.trim() === '')))).slice(0, MAX_FORM_ROWS);
}

export const MAX_FORM_ROWS = 200;

/** `people.0.personId` -> `people[0][personId]`: the name of the form control a message belongs to. */
export function formFieldName(path: string): string {
  const [head, ...rest] = path.split('.');
  return rest.length ? head + rest.map((p) => `[${p}]`).join('') : head;
}

/**
 * Field errors keyed the way each control of a repeated row looks its message up. Text boxes and
 * selects (views/partials) use the control name (`people[0][role]`); the record pickers
 * (views/people/_picker-field.ejs) use the dotted path (`people.0.personId`, `institutionIds.0`)
 * and derive their element id from it. Either way the error summary's link reaches the control.
 * Other keys (`date.value`) are unchanged.
 */
export function errorsForForm(errors: Record<string, string>, rowFields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const parts = key.split('.');
    const last = parts[parts.length - 1];
    const picker = /^\d+$/.test(last) || /Id$/.test(last);
    const name = rowFields.includes(parts[0]) && parts.length > 1 && !picker ? formFieldName(key) : key;
    if (!(name in out)) out[name] = message;
  }
  return out;
}
