import { z } from 'zod';
import { SOURCE_KINDS, SOURCE_LIMITS } from './source.entity';
import { optionalText, partialDate, requiredText, termCode } from '../http/fields';
import { httpUrl } from '../records/record-fields';

export const sourceSchema = z.object({
  kind: z.enum(SOURCE_KINDS, { message: 'Choose an organisation or a person.' }),
  name: requiredText(SOURCE_LIMITS.name, 'the name of the organisation or person'),
  title: optionalText(SOURCE_LIMITS.title, 'the title'),
  url: httpUrl(SOURCE_LIMITS.url),
  date: partialDate({ label: 'the date' }),
  reliability: termCode('a reliability grade'),
  relation: termCode('the relation to the information'),
  note: optionalText(SOURCE_LIMITS.note, 'the note'),
});
export type SourceInput = z.infer<typeof sourceSchema>;

export const sourceListQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  kind: z.enum(SOURCE_KINDS).optional().catch(undefined),
  relation: z.string().max(60).optional().catch(undefined),
  reliability: z.string().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type SourceListQuery = z.infer<typeof sourceListQuery>;
