import { z } from 'zod';
import { GENDERS, PERSON_LIMITS } from './person.entity';
import { PERSON_NAME_LIMITS } from './person-name.entity';
import { checkbox, filterChoice, filterText, optionalRefId, optionalTermCode, optionalText, partialDate, termCodes, listPage, apiListLimit } from '../http/fields';
import { IN_CUSTODY, PERSON_DEATH_LIMITS } from './person-death.entity';
import type { TermLookup } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';

export const OTHER_NAME_KINDS = ['spelling', 'alias', 'transliteration'] as const;
export type OtherNameKind = (typeof OTHER_NAME_KINDS)[number];
export const MAX_NAMES = 30;

const chars = (s: string) => [...s].length;

/**
 * Form rows arrive as an array, or (past qs's array limit) as an object keyed by index; API
 * clients may send plain strings for names without a script or language.
 */
const rowsOf = (v: unknown): unknown => {
  if (v == null || v === '') return [];
  let rows = v;
  if (typeof v === 'string') rows = [v];
  else if (!Array.isArray(v) && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([k]) => /^\d{1,3}$/.test(k))) rows = entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, row]) => row);
  }
  return Array.isArray(rows) ? rows.map((r) => (typeof r === 'string' ? { name: r } : r)) : rows;
};

/** Worded when a value is checked, in the request's language. */
const text = (key: string) => z.union([z.string()], { error: () => t(key) }).nullish();

/** Rows are only type-checked here; each field is checked in namesField so every row gets its messages at once. */
const nameRow = z.object({
  name: text('people.errors.nameText'),
  script: text('people.errors.script'),
  language: text('people.errors.language'),
  kind: text('people.errors.kind'),
});

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const TERM_CODE = /^[a-z][a-z0-9_]*$/;

export interface NameInput {
  name: string;
  script: string | null;
  language: string | null;
  kind: 'primary' | OtherNameKind;
}

/**
 * The names of a person: row 0 is the primary name and is required; further rows are other
 * names or spellings, and rows left empty are ignored. Names are stored exactly as typed.
 */
export const namesField = z.preprocess(rowsOf, z.array(nameRow, { error: () => t('people.errors.name') }).max(MAX_NAMES, { error: () => t('people.errors.tooManyNames', { count: MAX_NAMES }) })).transform((rows, ctx): NameInput[] => {
  const out: NameInput[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = row.name ?? '';
    if (name === '' && i > 0) return;
    if (name.trim() === '') {
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: i === 0 ? t('people.errors.name') : t('people.errors.otherName') });
      return;
    }
    if (chars(name) > PERSON_LIMITS.name) {
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: t('people.errors.nameTooLong', { count: PERSON_LIMITS.name }) });
      return;
    }
    if (seen.has(name)) {
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: t('people.errors.nameListed') });
      return;
    }
    seen.add(name);
    const script = row.script ? row.script : null;
    if (script !== null && (script.length > 60 || !TERM_CODE.test(script))) ctx.addIssue({ code: 'custom', path: [i, 'script'], message: t('people.errors.script') });
    const language = row.language?.trim() ? row.language.trim() : null;
    if (language !== null && (language.length > PERSON_NAME_LIMITS.language || !LANGUAGE_TAG.test(language))) ctx.addIssue({ code: 'custom', path: [i, 'language'], message: t('people.errors.language') });
    const kind = i === 0 || !row.kind || row.kind === 'primary' ? (i === 0 ? 'primary' : 'spelling') : row.kind;
    if (kind !== 'primary' && !(OTHER_NAME_KINDS as readonly string[]).includes(kind)) ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: t('people.errors.kind') });
    out.push({ name, script, language, kind: kind as NameInput['kind'] });
  });
  if (rows.length === 0) ctx.addIssue({ code: 'custom', path: [0, 'name'], message: t('people.errors.name') });
  return out;
});

const gender = z
  .union([z.enum(GENDERS), z.literal('')], { error: () => t('people.errors.gender') }).nullish()
  .transform((g) => (g ? g : 'unknown'));

const today = () => new Date().toISOString().slice(0, 10);
const dateField = (d: { precision: string }) => (d.precision === 'range' ? 'start' : 'value');

const inCustody = z
  .union([z.enum(IN_CUSTODY), z.literal('')], { error: () => t('people.errors.inCustody') }).nullish()
  .transform((v) => (v ? v : 'unknown'));

export interface DeathInput {
  date: { precision: 'day' | 'month' | 'year' | 'approximate' | 'range'; start: string; end: string } | null;
  place: string | null;
  institutionId: number | null;
  inCustody: (typeof IN_CUSTODY)[number];
  causeOfficial: string | null;
  causeAlleged: string | null;
}

export const personSchema = z
  .object({
    names: namesField,
    birth: partialDate({ label: 'fields.person.birth' }).superRefine((d, ctx) => {
      if (d && d.start > today()) ctx.addIssue({ code: 'custom', path: [dateField(d)], message: t('people.errors.birthFuture') });
    }),
    gender,
    region: optionalTermCode('fields.person.region'),
    profiles: termCodes('fields.person.profiles'),
    notes: optionalText(PERSON_LIMITS.notes, 'fields.person.notes'),
    protectedIdentity: checkbox,
    /** Confirms creating a person although possible duplicates were shown. */
    createAnyway: checkbox,
    /** The person has died (also implied by any death field given). */
    died: checkbox,
    deathDate: partialDate({ label: 'fields.person.deathDate' }).superRefine((d, ctx) => {
      if (d && d.start > today()) ctx.addIssue({ code: 'custom', path: [dateField(d)], message: t('people.errors.deathFuture') });
    }),
    deathPlace: optionalText(PERSON_DEATH_LIMITS.place, 'fields.person.deathPlace'),
    deathInstitutionId: optionalRefId('fields.person.deathInstitution'),
    deathInCustody: inCustody,
    deathCauseOfficial: optionalText(PERSON_DEATH_LIMITS.cause, 'fields.person.causeOfficial'),
    deathCauseAlleged: optionalText(PERSON_DEATH_LIMITS.cause, 'fields.person.causeAlleged'),
  })
  .superRefine((p, ctx) => {
    // Certainly before: the latest possible day of death is earlier than the earliest possible day of birth.
    if (p.birth && p.deathDate && p.deathDate.end < p.birth.start) ctx.addIssue({ code: 'custom', path: ['deathDate', dateField(p.deathDate)], message: t('people.errors.deathBeforeBirth') });
  })
  .transform(({ died, deathDate, deathPlace, deathInstitutionId, deathInCustody, deathCauseOfficial, deathCauseAlleged, ...rest }) => {
    const recorded = died || deathDate !== null || deathPlace !== null || deathInstitutionId !== null || deathInCustody !== 'unknown' || deathCauseOfficial !== null || deathCauseAlleged !== null;
    const death: DeathInput | null = recorded ? { date: deathDate, place: deathPlace, institutionId: deathInstitutionId, inCustody: deathInCustody, causeOfficial: deathCauseOfficial, causeAlleged: deathCauseAlleged } : null;
    return { ...rest, death };
  });
export type PersonInput = z.infer<typeof personSchema>;

/** The list's filters, each (and any parameter the list does not know) refused when it cannot be read: never dropped, which would list everyone. */
export const personListQuery = (isTerm: TermLookup) =>
  z.strictObject({
    q: filterText(200, 'fields.person.q'),
    region: filterChoice('fields.person.filterRegion', (code) => isTerm('region', code)),
    profile: filterChoice('fields.person.filterProfile', (code) => isTerm('person_profile', code)),
    page: listPage(),
  });
export const PERSON_LIST_FILTERS = ['q', 'region', 'profile'] as const;

export const personApiListQuery = (isTerm: TermLookup) =>
  personListQuery(isTerm).extend({
    limit: apiListLimit(),
  });
