import { DataSource, EntityManager, In } from 'typeorm';
import { PersonDeath, InCustody } from './person-death.entity';
import { DateView, presentDate } from '../records/record-dates';
import { InstitutionLabel, institutionLabels } from '../records/record-refs';
import { Language, currentLanguage, t, translator } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);
type Dated = { precision: string | null; start: string | null; end: string | null } | null | undefined;

/** The deaths recorded for these people, by person id. */
export async function deathsOf(db: Db, personIds: Iterable<number>): Promise<Map<number, PersonDeath>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const rows = await manager(db).find(PersonDeath, { where: { personId: In(ids) } });
  return new Map(rows.map((d) => [d.personId, d]));
}

/**
 * Whether something dated `date` certainly happened after the death: its earliest possible day
 * is later than the death's latest possible day. An undated death or record proves nothing.
 */
export function certainlyAfterDeath(death: PersonDeath | undefined, date: Dated): boolean {
  if (!death?.date.end || !date?.start) return false;
  return date.start > death.date.end;
}

/** "In custody", "Not in custody", "Not known whether in custody", in the current language (or `lang`). */
export function inCustodyLabel(code: InCustody, lang: Language = currentLanguage()): string {
  return String(translator(lang)(`people.death.inCustody.${code}`));
}

/** The same labels as a record (each read in the current language when it is read). */
export const IN_CUSTODY_LABELS: Record<InCustody, string> = Object.defineProperties({} as Record<InCustody, string>, {
  yes: { enumerable: true, get: () => inCustodyLabel('yes') },
  no: { enumerable: true, get: () => inCustodyLabel('no') },
  unknown: { enumerable: true, get: () => inCustodyLabel('unknown') },
});

export interface DeathView {
  date: DateView | null;
  place: string | null;
  institution: InstitutionLabel | null;
  inCustody: InCustody;
  inCustodyLabel: string;
  causeOfficial: string | null;
  causeAlleged: string | null;
  /** "died in custody, 16 Nov 2009" ("умер в заключении, 16 ноября 2009 г."): the date only as precisely as it is known. */
  phrase: string;
}

/** `gender` words the Russian phrase (умер, умерла; умер(ла) when not known). */
export function presentDeath(d: PersonDeath, institutions: Map<number, InstitutionLabel>, gender?: string | null): DeathView {
  const date = presentDate(d.date);
  const key = `people.death.phrase${d.inCustody === 'yes' ? 'InCustody' : ''}${date ? '' : 'Undated'}`;
  return {
    date,
    place: d.place,
    institution: d.institutionId ? (institutions.get(d.institutionId) ?? null) : null,
    inCustody: d.inCustody,
    inCustodyLabel: inCustodyLabel(d.inCustody),
    causeOfficial: d.causeOfficial,
    causeAlleged: d.causeAlleged,
    phrase: t(key, { context: gender ?? undefined, date: date?.text }),
  };
}

/** Presented deaths of these people (their institutions' names looked up once). */
export async function deathViews(db: Db, personIds: Iterable<number>): Promise<Map<number, DeathView>> {
  const deaths = await deathsOf(db, personIds);
  const institutions = await institutionLabels(db, [...deaths.values()].map((d) => d.institutionId));
  const ids = [...deaths.keys()];
  const genders = new Map<number, string>();
  if (ids.length) {
    const rows: { id: number; gender: string }[] = await manager(db).query(`SELECT id, gender FROM person WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    for (const r of rows) genders.set(Number(r.id), r.gender);
  }
  return new Map([...deaths].map(([id, d]) => [id, presentDeath(d, institutions, genders.get(id))]));
}

/**
 * The deaths recorded at these institutions (a colony, a detention centre, a police unit), for
 * the institution's page: each with the person as this user may see them. People whose identity
 * the user may not see are left out, as on the case header.
 */
export async function deathsAtInstitutions(
  db: Db,
  institutionIds: number[],
  labels: (ids: number[]) => Promise<Map<number, { id: number; label: string; hidden: boolean }>>,
): Promise<{ person: { id: number; label: string; hidden: boolean }; death: DeathView; institutionId: number }[]> {
  if (institutionIds.length === 0) return [];
  const rows = await manager(db).find(PersonDeath, { where: { institutionId: In(institutionIds) }, order: { date: { start: 'ASC' }, personId: 'ASC' } });
  const names = await labels(rows.map((d) => d.personId));
  const visible = rows.filter((d) => names.get(d.personId) && !names.get(d.personId)!.hidden);
  const views = await deathViews(db, visible.map((d) => d.personId));
  return visible.map((d) => ({ person: names.get(d.personId)!, death: views.get(d.personId)!, institutionId: d.institutionId! }));
}

/**
 * The deaths of a case's people for its header ("Ravil Gumarov: died in custody, 16 Nov 2009"),
 * each person once. People whose identity the user may not see are left out: the date and place
 * of a death would point to who they are.
 */
export async function caseDeaths(db: Db, personIds: number[], names: Map<number, { id: number; label: string; hidden: boolean }>): Promise<{ person: { id: number; label: string; hidden: boolean }; death: DeathView }[]> {
  const visible = [...new Set(personIds)].filter((id) => names.get(id) && !names.get(id)!.hidden);
  const views = await deathViews(db, visible);
  return visible.filter((id) => views.has(id)).map((id) => ({ person: names.get(id)!, death: views.get(id)! }));
}
