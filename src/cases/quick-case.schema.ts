import { z } from 'zod';
import { caseFields } from './case.schema';
import { personSchema, PersonInput, MAX_NAMES } from '../people/person.schema';
import { sourceSchema, SourceInput } from '../sources/source.schema';
import { SOURCE_KINDS, SOURCE_LIMITS } from '../sources/source.entity';
import { EVENT_LIMITS } from '../events/event.entity';
import { checkForm } from '../http/validate';
import { optionalRefId, optionalTermCode, optionalText, partialDate } from '../http/fields';
import { NAME_MAX } from '../db/text-limits';
import { rows, isBlankRow } from '../records/form-rows';
import { t } from '../i18n/i18n';

/** How many victim rows the quick case form offers at most. */
export const MAX_QUICK_VICTIMS = 20;

/** One victim: a person already recorded (`personId`), or a new one by name with other spellings, one a line. */
const victimRow = z.object({
  personId: optionalRefId('fields.quick.victim'),
  name: optionalText(NAME_MAX, 'fields.quick.victimName'),
  spellings: optionalText(MAX_NAMES * (NAME_MAX + 2), 'fields.quick.spellings'),
  /** After the duplicate warning: the id of the person meant, or "new" for a new person all the same. */
  match: z.union([z.string()]).nullish().transform((v) => v ?? ''),
});

export const VICTIM_KEYS = ['personId', 'name', 'spellings'];

/** A victim as the service takes it: someone recorded, or a new person's input. */
export type QuickVictim = { personId: number; row: number } | { person: PersonInput; row: number };

const sourceKind = z.union([z.enum(SOURCE_KINDS), z.literal('')], { error: () => t('sources.errors.kind') }).nullish().transform((v) => v || 'organisation');

export const quickCaseSchema = z
  .object({
    ...caseFields.shape,
    sourceKind,
    sourceName: optionalText(SOURCE_LIMITS.name, 'fields.source.name'),
    sourceTitle: optionalText(SOURCE_LIMITS.title, 'fields.source.title'),
    sourceUrl: z.unknown(),
    sourceDate: z.unknown(),
    sourceReliability: z.unknown(),
    sourceRelation: z.unknown(),
    sourceText: optionalText(SOURCE_LIMITS.note, 'fields.quick.sourceText'),
    victims: rows(victimRow, 'fields.quick.victims'),
    eventType: optionalTermCode('fields.event.type'),
    eventTitle: optionalText(EVENT_LIMITS.title, 'fields.event.title'),
    eventDate: partialDate({ label: 'fields.event.date' }),
    eventPlace: optionalText(EVENT_LIMITS.place, 'fields.event.place'),
    eventInstitutionId: optionalRefId('fields.event.institution'),
  })
  .transform((v, ctx) => {
    // The source: when anything of it is given, checked as the source form checks it.
    const sourceGiven = [v.sourceName, v.sourceTitle, v.sourceText, v.sourceUrl].some((x) => typeof x === 'string' && x !== '') || (v.sourceUrl != null && typeof v.sourceUrl !== 'string');
    let source: SourceInput | null = null;
    if (sourceGiven) {
      const checked = checkForm(sourceSchema, { kind: v.sourceKind, name: v.sourceName ?? '', title: v.sourceTitle, url: v.sourceUrl, date: v.sourceDate, reliability: v.sourceReliability, relation: v.sourceRelation, note: v.sourceText });
      if (checked.ok) source = checked.data;
      else for (const [key, message] of Object.entries(checked.errors)) ctx.addIssue({ code: 'custom', path: [key === 'note' ? 'sourceText' : 'source' + key[0].toUpperCase() + key.slice(1)], message });
    }
    // Victims: blank rows dropped; each either someone chosen or a new person with their names.
    const victims: QuickVictim[] = [];
    v.victims.forEach((row, i) => {
      if (isBlankRow(row, VICTIM_KEYS)) return;
      const match = /^[1-9][0-9]{0,14}$/.test(row.match) ? Number(row.match) : null;
      if (row.personId !== null || match !== null) {
        victims.push({ personId: (match ?? row.personId)!, row: i });
        return;
      }
      if (!row.name || row.name.trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['victims', i, 'name'], message: t('cases.quick.errors.victimName') });
        return;
      }
      const spellings = (row.spellings ?? '').split(/\r?\n/).filter((s) => s.trim() !== '');
      const names = [{ name: row.name }, ...spellings.map((name) => ({ name, kind: 'spelling' }))];
      const checked = checkForm(personSchema, { names, createAnyway: row.match === 'new' ? 'on' : '' });
      if (checked.ok) victims.push({ person: checked.data, row: i });
      else for (const [key, message] of Object.entries(checked.errors)) ctx.addIssue({ code: 'custom', path: ['victims', i, key.startsWith('names.0.') ? 'name' : 'spellings'], message });
    });
    if (victims.length === 0 && !ctx.issues.some((issue) => issue.path?.[0] === 'victims')) ctx.addIssue({ code: 'custom', path: ['victims', 0, 'name'], message: t('cases.quick.errors.oneVictim') });
    if (v.victims.length > MAX_QUICK_VICTIMS) ctx.addIssue({ code: 'custom', path: ['victims'], message: t('cases.quick.errors.tooManyVictims', { count: MAX_QUICK_VICTIMS }) });
    // The first event: left out when nothing of it is given; its date is then required.
    const eventGiven = v.eventDate !== null || v.eventTitle !== null || v.eventPlace !== null || v.eventInstitutionId !== null;
    if (!v.eventDate && (v.eventTitle !== null || v.eventPlace !== null || v.eventInstitutionId !== null)) ctx.addIssue({ code: 'custom', path: ['eventDate', 'value'], message: t('cases.quick.errors.eventDate') });
    if (eventGiven && !v.eventType) ctx.addIssue({ code: 'custom', path: ['eventType'], message: t('validation.choose', { label: t('fields.event.type') }) });
    const { sourceKind: _k, sourceName: _n, sourceTitle: _t, sourceUrl: _u, sourceDate: _d, sourceReliability: _r, sourceRelation: _rel, sourceText: _x, victims: _v, eventType, eventTitle, eventDate, eventPlace, eventInstitutionId, ...caseInput } = v;
    return {
      caseInput,
      source,
      victims,
      event: eventGiven && eventDate && eventType ? { type: eventType, title: eventTitle, date: eventDate, place: eventPlace, institutionId: eventInstitutionId } : null,
    };
  });

export type QuickCaseInput = z.infer<typeof quickCaseSchema>;
