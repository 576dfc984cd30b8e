import { GENDERS, Person } from './person.entity';
import { PersonName } from './person-name.entity';
import { PersonLabel } from './identity';
import { transliterate } from './transliterate';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { formatPartialDate, isUncertain, partialDateToInput } from '../db/partial-date';
import { DeathView } from './person-death';
import { PersonDeath } from './person-death.entity';
import { hasKey, t } from '../i18n/i18n';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** Words for codes, in the current language; an unknown code shows as itself. */
const worded = (section: string, code: string) => (hasKey(`people.${section}.${code}`) ? t(`people.${section}.${code}`) : code);
const kindLabel = (kind: string) => worded('nameKinds', kind);
const precisionNote = (precision: string): string | null => (hasKey(`people.precision.${precision}`) ? t(`people.precision.${precision}`) : null);
const genderLabel = (gender: string) => worded('genders', gender);

export const genderOptions = () => GENDERS.map((code) => ({ code, label: genderLabel(code) }));
export const nameKindOptions = () => (['spelling', 'alias', 'transliteration'] as const).map((code) => ({ code, label: kindLabel(code) }));

export function presentName(n: PersonName, label: Labeler) {
  const latin = transliterate(n.name);
  return {
    name: n.name,
    kind: n.kind,
    kindLabel: kindLabel(n.kind),
    script: n.script,
    scriptLabel: n.script ? label('name_script', n.script) : null,
    language: n.language,
    /** The automatic Latin transliteration, when it differs from the name as written. */
    transliteration: latin !== n.name ? latin : null,
  };
}

/** A person the user is not cleared for: the pseudonym and nothing else. */
export function presentHiddenPerson(l: PersonLabel) {
  return { id: l.id, label: l.label, pseudonymised: true as const, protectedIdentity: true };
}

export function presentBirth(p: Person) {
  if (!p.birth?.precision) return null;
  return {
    precision: p.birth.precision,
    start: p.birth.start,
    end: p.birth.end,
    text: formatPartialDate(p.birth),
    uncertain: isUncertain(p.birth),
    uncertaintyNote: precisionNote(p.birth.precision),
  };
}

export function presentPersonSummary(p: Person, l: PersonLabel, names: PersonName[], profiles: string[], label: Labeler) {
  if (l.hidden) return presentHiddenPerson(l);
  return {
    id: p.id,
    label: l.label,
    pseudonymised: false as const,
    protectedIdentity: p.protectedIdentity,
    names: names.map((n) => presentName(n, label)),
    otherNames: names.filter((n) => n.kind !== 'primary').map((n) => n.name),
    birth: presentBirth(p),
    gender: p.gender,
    genderLabel: genderLabel(p.gender),
    region: p.region,
    regionLabel: p.region ? label('region', p.region) : null,
    profiles: profiles.map((code) => ({ code, label: label('person_profile', code) })),
  };
}
export type PersonSummaryView = ReturnType<typeof presentPersonSummary>;

export function presentPerson(p: Person, l: PersonLabel, names: PersonName[], profiles: string[], label: Labeler, death: DeathView | null = null) {
  if (l.hidden) return presentHiddenPerson(l);
  return {
    ...presentPersonSummary(p, l, names, profiles, label),
    /** Null when the person is not known to have died. */
    death,
    notes: p.notes,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export interface NameFormRow {
  name: string;
  script: string;
  language: string;
  kind: string;
}
export interface PersonFormValues {
  names: NameFormRow[];
  birth: { precision: string; value?: string | null; start?: string | null; end?: string | null };
  gender: string;
  region: string;
  profiles: string[];
  notes: string;
  protectedIdentity: boolean;
  died: boolean;
  deathDate: { precision: string; value?: string | null; start?: string | null; end?: string | null };
  deathPlace: string;
  deathInstitutionId: string;
  deathInCustody: string;
  deathCauseOfficial: string;
  deathCauseAlleged: string;
}

const BLANK_ROWS = 3;
const blankRow = (): NameFormRow => ({ name: '', script: '', language: '', kind: 'spelling' });
const withBlankRows = (rows: NameFormRow[]) => [...(rows.length ? rows : [blankRow()]), ...Array.from({ length: BLANK_ROWS }, blankRow)];

/** What the form shows for a stored person (or a new one): strings, with room for more names. */
export function personFormValues(p?: Person, names: PersonName[] = [], profiles: string[] = [], death: PersonDeath | null = null): PersonFormValues {
  return {
    died: death !== null,
    deathDate: partialDateToInput(death?.date) ?? { precision: 'auto' },
    deathPlace: death?.place ?? '',
    deathInstitutionId: death?.institutionId ? String(death.institutionId) : '',
    deathInCustody: death?.inCustody ?? 'unknown',
    deathCauseOfficial: death?.causeOfficial ?? '',
    deathCauseAlleged: death?.causeAlleged ?? '',
    names: withBlankRows(names.map((n) => ({ name: n.name, script: n.script ?? '', language: n.language ?? '', kind: n.kind }))),
    birth: partialDateToInput(p?.birth) ?? { precision: 'year' },
    gender: p?.gender ?? 'unknown',
    region: p?.region ?? '',
    profiles,
    notes: p?.notes ?? '',
    protectedIdentity: p?.protectedIdentity ?? false,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The submitted form, to show again as typed (only known fields, only strings). */
export function personFormValuesFromBody(body: unknown): PersonFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const rawRows = Array.isArray(b.names) ? b.names : b.names && typeof b.names === 'object' ? Object.values(b.names as object) : [];
  const rows = rawRows.slice(0, 30).map((r) => {
    const row = (r ?? {}) as Record<string, unknown>;
    return { name: str(row.name), script: str(row.script), language: str(row.language), kind: str(row.kind) || 'spelling' };
  });
  // Every row is kept, blank ones too, so error keys (names.2.name) still point at the right row.
  const birth = (b.birth ?? {}) as Record<string, unknown>;
  const deathDate = (b.deathDate ?? {}) as Record<string, unknown>;
  const profiles = Array.isArray(b.profiles) ? b.profiles.filter((x): x is string => typeof x === 'string') : typeof b.profiles === 'string' ? [b.profiles] : [];
  return {
    names: [...(rows.length ? rows : [blankRow()]), ...(rows.slice(-1)[0]?.name === '' ? [] : [blankRow()])],
    birth: { precision: str(birth.precision) || 'year', value: str(birth.value), start: str(birth.start), end: str(birth.end) },
    gender: str(b.gender) || 'unknown',
    region: str(b.region),
    profiles,
    notes: str(b.notes),
    protectedIdentity: ['on', 'true', '1'].includes(str(b.protectedIdentity)),
    died: ['on', 'true', '1'].includes(str(b.died)),
    deathDate: { precision: str(deathDate.precision) || 'day', value: str(deathDate.value), start: str(deathDate.start), end: str(deathDate.end) },
    deathPlace: str(b.deathPlace),
    deathInstitutionId: str(b.deathInstitutionId),
    deathInCustody: str(b.deathInCustody) || 'unknown',
    deathCauseOfficial: str(b.deathCauseOfficial),
    deathCauseAlleged: str(b.deathCauseAlleged),
  };
}
