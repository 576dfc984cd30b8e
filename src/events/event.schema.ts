import { z } from 'zod';
import { EVENT_LIMITS } from './event.entity';
import { optionalRefId, optionalTermCode, optionalText, partialDate, refIds, termCode } from '../http/fields';
import { rows } from '../records/form-rows';

const personRow = z.object({
  personId: optionalRefId('a person').refine((id) => id !== null, 'Choose a person.'),
  role: termCode('a role'),
});

export const eventSchema = z.object({
  type: termCode('a type of event'),
  title: optionalText(EVENT_LIMITS.title, 'the title'),
  date: partialDate({ required: true, label: 'the date' }),
  place: optionalText(EVENT_LIMITS.place, 'the place'),
  /** Where it happened; empty: the region of its first institution that has one. */
  region: optionalTermCode('a region'),
  description: optionalText(EVENT_LIMITS.description, 'the description'),
  institutionIds: rows(optionalRefId('an institution').refine((id) => id !== null, 'Choose an institution.'), 'institutions'),
  people: rows(personRow, 'people'),
  /** Events of the same case that this event caused. */
  causes: refIds('an event of this case'),
  /** Events of the same case that this event follows from. */
  followsFrom: refIds('an event of this case'),
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
  key: z.string().regex(/^[a-z_]{1,30}-\d{1,12}$/, 'Choose an entry of the timeline.'),
  direction: z.enum(['up', 'down'], { error: 'Choose up or down.' }),
});
