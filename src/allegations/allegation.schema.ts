import { z } from 'zod';
import { ALLEGATION_LIMITS } from './allegation.entity';
import { PERPETRATOR_LIMITS } from './perpetrator.entity';
import { optionalRefId, optionalText, refIds, termCode, termCodes } from '../http/fields';
import { rows } from '../records/form-rows';

const perpetratorRow = z
  .object({
    institutionId: optionalRefId('an institution'),
    personId: optionalRefId('a person'),
    description: optionalText(PERPETRATOR_LIMITS.description, 'the description'),
    involvement: termCode('their involvement'),
    attribution: termCode('how the attribution is known'),
  })
  .superRefine((row, ctx) => {
    if (row.institutionId === null && row.personId === null && row.description === null) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'Choose an institution or a person, or describe who they were.' });
    }
  });

export const allegationSchema = z.object({
  /** Empty in a group case: the act concerns the case's group. */
  victimPersonId: optionalRefId('the victim'),
  summary: optionalText(ALLEGATION_LIMITS.summary, 'the summary'),
  description: optionalText(ALLEGATION_LIMITS.description, 'the description'),
  eventIds: refIds('an event of this case'),
  methods: termCodes('a method'),
  purposes: termCodes('a purpose'),
  perpetrators: rows(perpetratorRow, 'perpetrators'),
  /** Where the act took place. */
  institutionIds: rows(optionalRefId('an institution').refine((id) => id !== null, 'Choose an institution.'), 'places'),
  physicalConsequences: optionalText(ALLEGATION_LIMITS.consequences, 'the physical consequences'),
  psychologicalConsequences: optionalText(ALLEGATION_LIMITS.consequences, 'the psychological consequences'),
  duration: optionalText(ALLEGATION_LIMITS.duration, 'the duration'),
  status: termCode('a status'),
});

type Parsed = z.infer<typeof allegationSchema>;
export type PerpetratorInput = Parsed['perpetrators'][number];
export type AllegationInput = Omit<Parsed, 'institutionIds'> & { institutionIds: number[] };

export function allegationInput(parsed: Parsed): AllegationInput {
  return { ...parsed, institutionIds: parsed.institutionIds.map(Number) };
}

/** The keys that make a perpetrator row worth keeping (selects alone do not). */
export const PERPETRATOR_ROW_KEYS = ['institutionId', 'personId', 'description', 'involvement', 'attribution'];
