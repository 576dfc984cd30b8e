import { z } from 'zod';
import { EVENT_LIMITS } from './event.entity';
import { optionalRefId, optionalTermCode, optionalText, partialDate, refIds, termCode } from '../http/fields';
import { rows } from '../records/form-rows';
import { t } from '../i18n/i18n';

const personRow = z.object({
  personId: optionalRefId('fields.event.person').refine((id) => id !== null, { error: () => t('events.validation.choosePerson') }),
  role: termCode('fields.event.role'),
});

export const eventSchema = z.object({
  type: termCode('fields.event.type'),
  title: optionalText(EVENT_LIMITS.title, 'fields.event.title'),
  date: partialDate({ required: true, label: 'fields.event.date' }),
  place: optionalText(EVENT_LIMITS.place, 'fields.event.place'),
  /** Where it happened; empty: the region of its first institution that has one. */
  region: optionalTermCode('fields.event.region'),
  description: optionalText(EVENT_LIMITS.description, 'fields.event.description'),
  institutionIds: rows(optionalRefId('fields.event.institution').refine((id) => id !== null, { error: () => t('events.validation.chooseInstitution') }), 'fields.event.institutions'),
  people: rows(personRow, 'fields.event.people'),
  /** Events of the same case that this event caused. */
  causes: refIds('fields.event.otherEvent'),
  /** Events of the same case that this event follows from. */
  followsFrom: refIds('fields.event.otherEvent'),
});

export type EventInput = Omit<z.infer<typeof eventSchema>, 'date' | 'institutionIds' | 'people'> & {
  date: NonNullable<z.infer<typeof eventSchema>['date']>;
  institutionIds: number[];
  people: { personId: number; role: string }[];
};

/** The parsed input with the nulls that the refinements above have already excluded removed. */
export function eventInput(parsed: z.infer<typeof eventSchema>): EventInput {
  return {
    ...parsed,
    date: parsed.date!,
    institutionIds: parsed.institutionIds.map(Number),
    people: parsed.people.map((p) => ({ personId: Number(p.personId), role: p.role })),
  };
}

export const timelineQuery = z.object({
  layout: z.enum(['wide', 'medium', 'narrow']).catch('wide'),
});

/** Moving an entry of the timeline list among those sharing its date. */
export const timelineMoveSchema = z.object({
  key: z.string({ error: () => t('timeline.order.chooseKey') }).regex(/^[a-z_]{1,30}-\d{1,12}$/, { error: () => t('timeline.order.chooseKey') }),
  direction: z.enum(['up', 'down'], { error: () => t('timeline.order.chooseDirection') }),
});
