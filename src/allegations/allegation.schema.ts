import { z } from 'zod';
import { ALLEGATION_LIMITS } from './allegation.entity';
import { PERPETRATOR_LIMITS } from './perpetrator.entity';
import { optionalRefId, optionalText, refIds, termCode, termCodes } from '../http/fields';
import { rows } from '../records/form-rows';
import { t } from '../i18n/i18n';

const perpetratorRow = z
  .object({
    institutionId: optionalRefId('fields.allegation.perpetratorInstitution'),
    personId: optionalRefId('fields.allegation.perpetratorPerson'),
    description: optionalText(PERPETRATOR_LIMITS.description, 'fields.allegation.perpetratorDescription'),
    involvement: termCode('fields.allegation.involvement'),
    attribution: termCode('fields.allegation.attribution'),
  })
  .superRefine((row, ctx) => {
    if (row.institutionId === null && row.personId === null && row.description === null) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: t('allegations.validation.perpetratorWho') });
    }
  });

export const allegationSchema = z.object({
  /** Empty in a group case: the act concerns the case's group. */
  victimPersonId: optionalRefId('fields.allegation.victim'),
  summary: optionalText(ALLEGATION_LIMITS.summary, 'fields.allegation.summary'),
  description: optionalText(ALLEGATION_LIMITS.description, 'fields.allegation.description'),
  eventIds: refIds('fields.allegation.events'),
  methods: termCodes('fields.allegation.methods'),
  purposes: termCodes('fields.allegation.purposes'),
  perpetrators: rows(perpetratorRow, 'fields.allegation.perpetrators'),
  /** Where the act took place. */
  institutionIds: rows(optionalRefId('fields.allegation.place').refine((id) => id !== null, { error: () => t('allegations.validation.chooseInstitution') }), 'fields.allegation.places'),
  physicalConsequences: optionalText(ALLEGATION_LIMITS.consequences, 'fields.allegation.physical'),
  psychologicalConsequences: optionalText(ALLEGATION_LIMITS.consequences, 'fields.allegation.psychological'),
  duration: optionalText(ALLEGATION_LIMITS.duration, 'fields.allegation.duration'),
  status: termCode('fields.allegation.status'),
});

type Parsed = z.infer<typeof allegationSchema>;
export type PerpetratorInput = Parsed['perpetrators'][number];
export type AllegationInput = Omit<Parsed, 'institutionIds'> & { institutionIds: number[] };

export function allegationInput(parsed: Parsed): AllegationInput {
  return { ...parsed, institutionIds: parsed.institutionIds.map(Number) };
}

/** The keys that make a perpetrator row worth keeping (selects alone do not). */
export const PERPETRATOR_ROW_KEYS = ['institutionId', 'personId', 'description', 'involvement', 'attribution'];
