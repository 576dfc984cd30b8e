import { DataSource, EntityManager, In } from 'typeorm';
import { CurrentUser } from '../http/context';
import { AppError, validationFailed } from '../http/errors';
import { Person } from '../people/person.entity';
import { clearedProtectedIds } from '../people/identity';
import { Institution } from '../institutions/institution.entity';
import { TermCheck, assertTerms } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';
import { institutionNamesById } from '../institutions/institution-names';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);
export type FieldErrors = Record<string, string>;

/** People a record links to, checked per form field. `keep`: ids the record already links (may stay). */
export interface PeopleRef {
  field: string;
  ids: number[];
  keep?: number[];
  message?: string;
}

/**
 * A person may be linked when they exist and the user may see who they are: a protected person
 * the user is not cleared for is "not in the list", exactly like an id that does not exist, so a
 * guessed id reveals nothing. A link the record already has may stay (the editor sees a pseudonym).
 */
export async function peopleRefErrors(em: EntityManager, user: CurrentUser, refs: PeopleRef[]): Promise<FieldErrors> {
  const all = [...new Set(refs.flatMap((r) => r.ids))];
  if (all.length === 0) return {};
  const people = await em.find(Person, { where: { id: In(all) }, select: { id: true, protectedIdentity: true } });
  const cleared = await clearedProtectedIds(em, user, people.filter((p) => p.protectedIdentity).map((p) => p.id));
  const linkable = new Set(people.filter((p) => !p.protectedIdentity || cleared.has(p.id)).map((p) => p.id));
  const errors: FieldErrors = {};
  for (const r of refs) {
    const keep = new Set(r.keep ?? []);
    if (r.ids.some((id) => !linkable.has(id) && !keep.has(id))) errors[r.field] = r.message ?? t('records.errors.choosePerson');
  }
  return errors;
}

/** Institutions are visible to every reader, so only existence matters. */
export async function institutionRefErrors(em: EntityManager, refs: { field: string; id: number | null }[]): Promise<FieldErrors> {
  const ids = [...new Set(refs.map((r) => r.id).filter((id): id is number => id !== null))];
  if (ids.length === 0) return {};
  const found = new Set((await em.find(Institution, { where: { id: In(ids) }, select: { id: true } })).map((i) => i.id));
  const errors: FieldErrors = {};
  for (const r of refs) if (r.id !== null && !found.has(r.id)) errors[r.field] = t('records.errors.chooseInstitution');
  return errors;
}

/** assertTerms, as field errors to merge with the other checks of the same form. */
export async function termErrors(em: EntityManager, checks: TermCheck[]): Promise<FieldErrors> {
  try {
    await assertTerms(em, checks);
    return {};
  } catch (err) {
    if (err instanceof AppError) return err.fieldErrors;
    throw err;
  }
}

/** One 422 carrying every field's problem, so the form shows them all at once. */
export function throwIfErrors(...groups: FieldErrors[]): void {
  const errors = Object.assign({}, ...groups) as FieldErrors;
  if (Object.keys(errors).length) throw validationFailed(errors);
}

export interface InstitutionLabel {
  id: number;
  label: string;
}

export async function institutionLabels(db: Db, ids: Iterable<number | null | undefined>): Promise<Map<number, InstitutionLabel>> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Map();
  const names = await institutionNamesById(db, wanted);
  return new Map([...names].map(([id, name]) => [id, { id, label: name }]));
}
