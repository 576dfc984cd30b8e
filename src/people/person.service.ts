import { DataSource, EntityManager, In } from 'typeorm';
import { Person } from './person.entity';
import { PersonName } from './person-name.entity';
import { PersonProfile } from './person-profile.entity';
import { NameInput, PersonInput } from './person.schema';
import { searchForms } from './name-search';
import { detectScript } from './name-script';
import { clearedProtectedIds } from './identity';
import { PossibleDuplicate, possibleDuplicatePeople } from './person-duplicates';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { assertTerms } from '../vocab/vocab.service';
import { moveToTrash } from '../trash/trash.service';
import { auditRecord, changedFields } from '../records/record-audit';
import { institutionRefErrors, throwIfErrors } from '../records/record-refs';
import { PersonDeath } from './person-death.entity';
import { DeathInput } from './person.schema';
import { t } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

const EDITABLE = ['gender', 'region', 'notes', 'protectedIdentity', 'birth'] as const;

export interface PersonRecord {
  person: Person;
  names: PersonName[];
  profiles: string[];
}

/** A person with their names (primary first) and profile codes, or null. */
export async function loadPerson(db: Db, id: number): Promise<PersonRecord | null> {
  const person = await manager(db).findOneBy(Person, { id });
  if (!person) return null;
  const [names, profiles] = await Promise.all([namesOf(db, [id]), profilesOf(db, [id])]);
  return { person, names: names.get(id) ?? [], profiles: profiles.get(id) ?? [] };
}

/** Names of many people, keyed by person id, the primary name first and the rest in entry order. */
export async function namesOf(db: Db, personIds: number[]): Promise<Map<number, PersonName[]>> {
  const out = new Map<number, PersonName[]>();
  if (personIds.length === 0) return out;
  const rows = await manager(db).find(PersonName, { where: { personId: In(personIds) }, order: { id: 'ASC' } });
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => Number(b.kind === 'primary') - Number(a.kind === 'primary'));
  return out;
}

export async function profilesOf(db: Db, personIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (personIds.length === 0) return out;
  const rows = await manager(db).find(PersonProfile, { where: { personId: In(personIds) }, order: { id: 'ASC' } });
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.code]);
  return out;
}

/** Whether the user may see (and so change) this person's identity. */
export async function isCleared(db: Db, user: CurrentUser, person: Pick<Person, 'id' | 'protectedIdentity'>): Promise<boolean> {
  return !person.protectedIdentity || (await clearedProtectedIds(db, user, [person.id])).has(person.id);
}

async function checkTerms(em: EntityManager, input: PersonInput, before?: PersonRecord) {
  throwIfErrors(await institutionRefErrors(em, [{ field: 'deathInstitutionId', id: input.death?.institutionId ?? null }]));
  return assertTerms(em, [
    { field: 'region', vocabulary: 'region', code: input.region, previous: before?.person.region },
    ...input.names.map((n, i) => ({ field: `names.${i}.script`, vocabulary: 'name_script' as const, code: n.script, previous: before?.names.map((x) => x.script ?? '') })),
    ...input.profiles.map((code) => ({ field: 'profiles', vocabulary: 'person_profile' as const, code, previous: before?.profiles })),
  ]);
}

function nameRows(personId: number, names: NameInput[]): Partial<PersonName>[] {
  return names.map((n) => ({ personId, name: n.name, script: n.script ?? detectScript(n.name), language: n.language, kind: n.kind, ...searchForms(n.name) }));
}

const nameSignature = (rows: Partial<PersonName>[]) => JSON.stringify(rows.map((r) => [r.name, r.script, r.language, r.kind]));

const personFields = (input: PersonInput) => ({
  primaryName: input.names[0].name,
  gender: input.gender,
  region: input.region,
  notes: input.notes,
  protectedIdentity: input.protectedIdentity,
  birth: input.birth ?? { precision: null, start: null, end: null },
});

const deathSignature = (d: DeathInput | PersonDeath | null | undefined) =>
  d ? JSON.stringify([d.date?.precision ?? null, d.date?.start ?? null, d.date?.end ?? null, d.place, d.institutionId, d.inCustody, d.causeOfficial, d.causeAlleged]) : null;

/** Records, changes or removes the person's death; true when it changed. */
async function setDeath(em: EntityManager, actor: Actor, personId: number, death: DeathInput | null, label?: string): Promise<boolean> {
  const before = await em.findOneBy(PersonDeath, { personId });
  if (deathSignature(before) === deathSignature(death)) return false;
  if (!death) {
    // A recorded death that is removed goes to the trash, where an admin can restore it.
    if (before) await moveToTrash(em, actor, { target: PersonDeath, id: personId, label });
    return true;
  }
  await em.save(PersonDeath, em.create(PersonDeath, { personId, ...death, date: death.date ?? { precision: null, start: null, end: null } }));
  return true;
}

export type CreatePersonResult = { created: Person } | { duplicates: PossibleDuplicate[] };

/**
 * Creates a person with their names and profiles, unless someone already recorded has a
 * similar name and the user has not confirmed (`createAnyway`): then nothing is written and the
 * possible duplicates the user may see are returned.
 */
export async function createPerson(db: Db, actor: Actor, user: CurrentUser, input: PersonInput): Promise<CreatePersonResult> {
  return inTransaction(db, async (em) => {
    await checkTerms(em, input);
    if (!input.createAnyway) {
      const duplicates = await possibleDuplicatePeople(em, user, input.names.map((n) => n.name));
      if (duplicates.length) return { duplicates };
    }
    const person = await em.save(Person, em.create(Person, { ...personFields(input), createdById: user.id, updatedById: user.id }));
    await em.insert(PersonName, nameRows(person.id, input.names));
    if (input.profiles.length) await em.insert(PersonProfile, input.profiles.map((code) => ({ personId: person.id, code })));
    const died = await setDeath(em, actor, person.id, input.death);
    const fields = [
      ...(died ? ['death'] : []),
      'names',
      ...EDITABLE.filter((f) => (f === 'birth' ? person.birth.precision !== null : person[f] != null && person[f] !== false && !(f === 'gender' && person.gender === 'unknown'))),
      ...(input.profiles.length ? ['profiles'] : []),
    ];
    await auditRecord(em, actor, 'person', person.id, 'create', fields);
    return { created: person };
  });
}

/** Changes a person; a protected person may only be changed by users cleared for them. */
export async function updatePerson(ds: DataSource, actor: Actor, user: CurrentUser, id: number, input: PersonInput): Promise<Person> {
  return withTransaction(ds, async (em) => {
    const before = await loadPerson(em, id);
    if (!before) throw notFound(t('people.errors.noSuchPerson'));
    if (!(await isCleared(em, user, before.person))) throw forbidden(t('people.errors.protected'));
    await checkTerms(em, input, before);
    const { person } = before;
    const next = personFields(input);
    const fields: string[] = changedFields(person, next as Partial<Person>, [...EDITABLE]);
    for (const f of fields) (person as unknown as Record<string, unknown>)[f] = (next as Record<string, unknown>)[f];
    person.primaryName = next.primaryName;

    const rows = nameRows(id, input.names);
    if (nameSignature(rows) !== nameSignature(before.names)) {
      await em.delete(PersonName, { personId: id });
      await em.insert(PersonName, rows);
      fields.push('names');
    }
    if (JSON.stringify([...before.profiles].sort()) !== JSON.stringify([...input.profiles].sort())) {
      await em.delete(PersonProfile, { personId: id });
      if (input.profiles.length) await em.insert(PersonProfile, input.profiles.map((code) => ({ personId: id, code })));
      fields.push('profiles');
    }
    if (await setDeath(em, actor, id, input.death, before.person.primaryName)) fields.push('death');
    if (fields.length === 0) return person;
    person.updatedById = user.id;
    await em.save(Person, person);
    await auditRecord(em, actor, 'person', id, 'update', fields);
    return person;
  });
}

/**
 * Moves a person to the trash with their names and profiles (an admin can restore them);
 * refused while a case, event, statement or other record still names them.
 */
export async function deletePerson(ds: DataSource, actor: Actor, user: CurrentUser, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    const record = await loadPerson(em, id);
    if (!record) throw notFound(t('people.errors.noSuchPerson'));
    if (!(await isCleared(em, user, record.person))) throw forbidden(t('people.errors.protected'));
    await moveToTrash(em, actor, { target: Person, id, label: record.person.primaryName });
    await auditRecord(em, actor, 'person', id, 'delete', []);
  });
}
