import { z } from 'zod';
import { CaseInput, caseFields } from './case.schema';
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

const sourcePart = z
  .object({
    sourceKind,
    sourceName: optionalText(SOURCE_LIMITS.name, 'fields.source.name'),
    sourceTitle: optionalText(SOURCE_LIMITS.title, 'fields.source.title'),
    sourceUrl: z.unknown().optional(),
    sourceDate: z.unknown().optional(),
    sourceReliability: z.unknown().optional(),
    sourceRelation: z.unknown().optional(),
    sourceText: optionalText(SOURCE_LIMITS.note, 'fields.quick.sourceText'),
  })
  .transform((v, ctx): SourceInput | null => {
    // When anything of the source is given, it is checked as the source form checks it.
    const given = [v.sourceName, v.sourceTitle, v.sourceText].some((x) => x !== null) || (v.sourceUrl != null && v.sourceUrl !== '');
    if (!given) return null;
    const checked = checkForm(sourceSchema, { kind: v.sourceKind, name: v.sourceName ?? '', title: v.sourceTitle, url: v.sourceUrl, date: v.sourceDate ?? {}, reliability: v.sourceReliability, relation: v.sourceRelation, note: v.sourceText });
    if (checked.ok) return checked.data;
    for (const [key, message] of Object.entries(checked.errors)) ctx.addIssue({ code: 'custom', path: [key === 'note' ? 'sourceText' : 'source' + key[0].toUpperCase() + key.slice(1)], message });
    return z.NEVER;
  });

const victimsPart = z.object({ victims: rows(victimRow, 'fields.quick.victims') }).transform((v, ctx): QuickVictim[] => {
  // Blank rows are dropped; each other row is someone chosen, or a new person with their names.
  const victims: QuickVictim[] = [];
  let refused = false;
  v.victims.forEach((row, i) => {
    if (isBlankRow(row, VICTIM_KEYS)) return;
    const match = /^[1-9][0-9]{0,14}$/.test(row.match) ? Number(row.match) : null;
    if (row.personId !== null || match !== null) {
      victims.push({ personId: (match ?? row.personId)!, row: i });
      return;
    }
    if (!row.name || row.name.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['victims', i, 'name'], message: t('cases.quick.errors.victimName') });
      refused = true;
      return;
    }
    const spellings = (row.spellings ?? '').split(/\r?\n/).filter((s) => s.trim() !== '');
    const names = [{ name: row.name }, ...spellings.map((name) => ({ name, kind: 'spelling' }))];
    const checked = checkForm(personSchema, { names, birth: {}, deathDate: {}, createAnyway: row.match === 'new' ? 'on' : '' });
    if (checked.ok) victims.push({ person: checked.data, row: i });
    else {
      refused = true;
      for (const [key, message] of Object.entries(checked.errors)) ctx.addIssue({ code: 'custom', path: ['victims', i, key.startsWith('names.0.') ? 'name' : 'spellings'], message });
    }
  });
  if (victims.length === 0 && !refused) ctx.addIssue({ code: 'custom', path: ['victims', 0, 'name'], message: t('cases.quick.errors.oneVictim') });
  if (v.victims.length > MAX_QUICK_VICTIMS) ctx.addIssue({ code: 'custom', path: ['victims'], message: t('cases.quick.errors.tooManyVictims', { count: MAX_QUICK_VICTIMS }) });
  return victims;
});

const eventPart = z
  .object({
    eventType: optionalTermCode('fields.event.type'),
    eventTitle: optionalText(EVENT_LIMITS.title, 'fields.event.title'),
    eventDate: partialDate({ label: 'fields.event.date' }),
    eventPlace: optionalText(EVENT_LIMITS.place, 'fields.event.place'),
    eventInstitutionId: optionalRefId('fields.event.institution'),
  })
  .transform((v, ctx) => {
    // The first event is left out when nothing of it is given; else its type and date are required.
    const given = v.eventDate !== null || v.eventTitle !== null || v.eventPlace !== null || v.eventInstitutionId !== null;
    if (!given) return null;
    if (!v.eventDate) ctx.addIssue({ code: 'custom', path: ['eventDate', 'value'], message: t('cases.quick.errors.eventDate') });
    if (!v.eventType) ctx.addIssue({ code: 'custom', path: ['eventType'], message: t('validation.choose', { label: t('fields.event.type') }) });
    if (!v.eventDate || !v.eventType) return z.NEVER;
    return { type: v.eventType, title: v.eventTitle, date: v.eventDate, place: v.eventPlace, institutionId: v.eventInstitutionId };
  });

export interface QuickCaseInput {
  caseInput: CaseInput;
  source: SourceInput | null;
  victims: QuickVictim[];
  event: z.infer<typeof eventPart>;
}

/**
 * The quick case form, each part (case, source, victims, first event) checked on its own so that
 * every message shows at once, beside its field.
 */
export function checkQuickCase(body: unknown): { ok: true; data: QuickCaseInput } | { ok: false; errors: Record<string, string> } {
  const parts = [checkForm(caseFields, body), checkForm(sourcePart, body), checkForm(victimsPart, body), checkForm(eventPart, body)] as const;
  const errors = Object.assign({}, ...parts.map((p) => (p.ok ? {} : p.errors))) as Record<string, string>;
  const [c, source, victims, event] = parts;
  if (!c.ok || !source.ok || !victims.ok || !event.ok) return { ok: false, errors };
  return { ok: true, data: { caseInput: c.data, source: source.data, victims: victims.data, event: event.data } };
}
