import { z } from 'zod';
import { SOURCE_KINDS, SOURCE_LIMITS } from './source.entity';
import { filterChoice, filterText, optionalText, partialDate, requiredText, termCode, listPage } from '../http/fields';
import type { TermLookup } from '../vocab/vocab.service';
import { httpUrl } from '../records/record-fields';

export const sourceSchema = z.object({
  kind: z.enum(SOURCE_KINDS, { message: 'Choose the kind of source: organisation, person or official_finding (a finding by an official body).' }),
  name: requiredText(SOURCE_LIMITS.name, 'the name of the organisation or person'),
  title: optionalText(SOURCE_LIMITS.title, 'the title'),
  url: httpUrl(SOURCE_LIMITS.url),
  date: partialDate({ label: 'the date' }),
  reliability: termCode('a reliability grade'),
  relation: termCode('the relation to the information'),
  note: optionalText(SOURCE_LIMITS.note, 'the note'),
});
export type SourceInput = z.infer<typeof sourceSchema>;

/** The list's filters, each (and any parameter the list does not know) refused when it cannot be read: never dropped, which would list everything. */
export const sourceListQuery = (isTerm: TermLookup) =>
  z.strictObject({
    q: filterText(200, 'the name, title or address'),
    kind: filterChoice('a kind of source', (code) => (SOURCE_KINDS as readonly string[]).includes(code)),
    relation: filterChoice('a relation', (code) => isTerm('source_relation', code)),
    reliability: filterChoice('a reliability grade', (code) => isTerm('reliability', code)),
    page: listPage(),
  });
export const SOURCE_LIST_FILTERS = ['q', 'kind', 'relation', 'reliability'] as const;
