import { DataSource } from 'typeorm';
import { Person } from '../../src/people/person.entity';
import { PersonName } from '../../src/people/person-name.entity';
import { latinize, matchKey } from '../../src/people/transliterate';
import { CaseParticipant } from '../../src/cases/case-participant.entity';

/**
 * Test data that the page under test does not itself create: inserted directly, the way a
 * fixture would be. Tests of the pages that create these records go through HTTP instead.
 */
export async function insertPerson(ds: DataSource, name: string, opts: { protectedIdentity?: boolean; createdById?: number | null } = {}): Promise<Person> {
  const person = await ds.getRepository(Person).save(
    ds.getRepository(Person).create({ primaryName: name, protectedIdentity: opts.protectedIdentity ?? false, gender: 'unknown', createdById: opts.createdById ?? null, birth: { precision: null, start: null, end: null } }),
  );
  await ds.getRepository(PersonName).insert({ personId: person.id, name, kind: 'primary', nameLatin: latinize(name), matchKey: matchKey(name), script: null, language: null });
  return person;
}

export async function insertParticipant(ds: DataSource, caseId: number, personId: number, role = 'victim'): Promise<void> {
  await ds.getRepository(CaseParticipant).insert({ caseId, personId, role, note: null });
}
