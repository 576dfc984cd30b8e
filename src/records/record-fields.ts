import { z } from 'zod';
import { t } from '../i18n/i18n';
import { fieldLabel } from '../http/fields';

/**
 * Several people from picker rows (`defendants[0]`, `defendants[1]`, ... of which some are left
 * empty) or a JSON array of ids. The form parser turns many indexed rows into an object rather
 * than an array, so both shapes are accepted.
 */
export const personRows = (label: string) =>
  z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()])), z.record(z.string(), z.union([z.string(), z.number()]))], { error: () => t('validation.chooseFromList', { label: fieldLabel(label) }) })
    .nullish()
    .transform((v) => {
      if (v == null || v === '') return [];
      if (Array.isArray(v)) return v;
      if (typeof v === 'object') return Object.keys(v).sort((a, b) => Number(a) - Number(b)).map((k) => v[k]);
      return [v];
    })
    .transform((list) => list.filter((x) => x !== '').map((x) => (typeof x === 'number' ? x : x.trim() === '' ? NaN : Number(x))))
    .refine((ids) => ids.length <= 200 && ids.every((n) => Number.isSafeInteger(n) && n > 0), { error: () => t('validation.chooseFromList', { label: fieldLabel(label) }) })
    .transform((ids) => [...new Set(ids)]);

/** A web address: http or https only, so it can be shown as a link and never run as script. */
export const httpUrl = (max: number) =>
  z
    .union([z.string()], { error: () => t('records.validation.addressText') })
    .nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || [...s].length <= max, { error: () => t('records.validation.addressTooLong', { count: max }) })
    .refine((s) => s === null || isHttpUrl(s), { error: () => t('records.validation.addressHttp') });

export function isHttpUrl(s: string): boolean {
  // No spaces or control characters anywhere: the address is stored exactly as entered.
  if (/[\s\u0000-\u001f\u007f]/.test(s) || !/^https?:\/\//i.test(s)) return false;
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
