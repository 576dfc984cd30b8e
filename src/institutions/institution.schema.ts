import { z } from 'zod';
import { INSTITUTION_LIMITS } from './institution.entity';
import { INSTITUTION_ALIAS_LIMITS } from './institution-alias.entity';
import { checkbox, filterChoice, filterText, optionalRefId, optionalTermCode, optionalText, requiredText, termCode, listPage, apiListLimit } from '../http/fields';
import type { TermLookup } from '../vocab/vocab.service';
import { currentLanguage, t } from '../i18n/i18n';

export const MAX_ALIASES = 50;
const chars = (s: string) => [...s].length;

/** Aliases from repeated form inputs (array, or an object keyed by index past qs's limit) or a JSON array. */
const listOf = (v: unknown): unknown => {
  if (v == null || v === '') return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([k]) => /^\d{1,3}$/.test(k))) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, x]) => x);
  }
  return v;
};

/** Other names, stored exactly as typed; empty inputs are ignored. */
export const aliasesField = z
  .preprocess(listOf, z.array(z.union([z.string()], { error: () => t('institutions.errors.aliasText') }), { error: () => t('institutions.errors.aliasList') }).max(MAX_ALIASES, { error: () => t('institutions.errors.tooManyAliases', { count: MAX_ALIASES }) }))
  .transform((list, ctx) => {
    const out: string[] = [];
    list.forEach((alias, i) => {
      if (alias === '') return;
      if (alias.trim() === '') ctx.addIssue({ code: 'custom', path: [i], message: t('institutions.errors.aliasBlank') });
      else if (chars(alias) > INSTITUTION_ALIAS_LIMITS.name) ctx.addIssue({ code: 'custom', path: [i], message: t('institutions.errors.aliasTooLong', { count: INSTITUTION_ALIAS_LIMITS.name }) });
      else if (out.includes(alias)) ctx.addIssue({ code: 'custom', path: [i], message: t('institutions.errors.aliasListed') });
      else out.push(alias);
    });
    return out;
  });

/** A latitude or longitude in decimal degrees ("43.4853", or "43,4853" as typed in Russian). */
const coordinate = (axis: 'latitude' | 'longitude', limit: number) =>
  z
    .union([z.string(), z.number()], { error: () => t(`institutions.errors.coordinate.${axis}`) }).nullish()
    .transform((v, ctx) => {
      if (v == null || v === '') return null;
      const text = typeof v === 'number' ? String(v) : v.trim().replace(',', '.');
      const n = /^[-+]?\d{1,3}(\.\d{1,12})?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) {
        const example = limit === 90 ? '43.4853' : '43.6072';
        ctx.addIssue({ code: 'custom', message: t(`institutions.errors.coordinateExample.${axis}`, { example: currentLanguage() === 'ru' ? example.replace('.', ',') : example }) });
        return z.NEVER;
      }
      if (Math.abs(n) > limit) {
        ctx.addIssue({ code: 'custom', message: t(`institutions.errors.coordinateRange.${axis}`, { limit }) });
        return z.NEVER;
      }
      return n;
    });

export const institutionSchema = z
  .object({
    name: requiredText(INSTITUTION_LIMITS.name, 'fields.institution.name'),
    aliases: aliasesField,
    type: termCode('fields.institution.type'),
    parentId: optionalRefId('fields.institution.parent'),
    region: optionalTermCode('fields.institution.region'),
    locality: optionalText(INSTITUTION_LIMITS.locality, 'fields.institution.locality'),
    latitude: coordinate('latitude', 90),
    longitude: coordinate('longitude', 180),
    notes: optionalText(INSTITUTION_LIMITS.notes, 'fields.institution.notes'),
    /** Confirms creating an institution although possible duplicates were shown. */
    createAnyway: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.latitude === null && v.longitude !== null) ctx.addIssue({ code: 'custom', path: ['latitude'], message: t('institutions.errors.latitudeToo') });
    if (v.latitude !== null && v.longitude === null) ctx.addIssue({ code: 'custom', path: ['longitude'], message: t('institutions.errors.longitudeToo') });
    v.aliases.forEach((alias) => {
      if (alias === v.name) ctx.addIssue({ code: 'custom', path: ['aliases'], message: t('institutions.errors.aliasRepeatsName') });
    });
  });
export type InstitutionInput = z.infer<typeof institutionSchema>;

/** The list's filters, each (and any parameter the list does not know) refused when it cannot be read: never dropped, which would list everything. */
export const institutionListQuery = (isTerm: TermLookup) =>
  z.strictObject({
    q: filterText(200, 'fields.institution.q'),
    type: filterChoice('fields.institution.filterType', (code) => isTerm('institution_type', code)),
    region: filterChoice('fields.institution.filterRegion', (code) => isTerm('region', code)),
    page: listPage(),
  });
export const INSTITUTION_LIST_FILTERS = ['q', 'type', 'region'] as const;

export const institutionApiListQuery = (isTerm: TermLookup) =>
  institutionListQuery(isTerm).extend({
    limit: apiListLimit(),
  });
