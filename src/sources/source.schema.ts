import { z } from 'zod';
import { SOURCE_KINDS, SOURCE_LIMITS } from './source.entity';
import { filterChoice, filterText, optionalText, partialDate, requiredText, termCode, listPage } from '../http/fields';
import type { TermLookup } from '../vocab/vocab.service';
import { isHttpUrl } from '../records/record-fields';
import { t } from '../i18n/i18n';

/** A web address: http or https only (records/record-fields.ts httpUrl, worded in the request's language). */
const webAddress = (max: number) =>
  z
    .union([z.string()], { error: () => t('sources.errors.urlText') })
    .nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || [...s].length <= max, { error: () => t('sources.errors.urlTooLong', { count: max }) })
    .refine((s) => s === null || isHttpUrl(s), { error: () => t('sources.errors.url') });

export const sourceSchema = z.object({
  kind: z.enum(SOURCE_KINDS, { error: () => t('sources.errors.kind') }),
  name: requiredText(SOURCE_LIMITS.name, 'fields.source.name'),
  title: optionalText(SOURCE_LIMITS.title, 'fields.source.title'),
  url: webAddress(SOURCE_LIMITS.url),
  date: partialDate({ label: 'fields.source.date' }),
  reliability: termCode('fields.source.reliability'),
  relation: termCode('fields.source.relation'),
  note: optionalText(SOURCE_LIMITS.note, 'fields.source.note'),
});
export type SourceInput = z.infer<typeof sourceSchema>;

/** The list's filters, each (and any parameter the list does not know) refused when it cannot be read: never dropped, which would list everything. */
export const sourceListQuery = (isTerm: TermLookup) =>
  z.strictObject({
    q: filterText(200, 'fields.source.q'),
    kind: filterChoice('fields.source.filterKind', (code) => (SOURCE_KINDS as readonly string[]).includes(code)),
    relation: filterChoice('fields.source.filterRelation', (code) => isTerm('source_relation', code)),
    reliability: filterChoice('fields.source.filterReliability', (code) => isTerm('reliability', code)),
    page: listPage(),
  });
export const SOURCE_LIST_FILTERS = ['q', 'kind', 'relation', 'reliability'] as const;
