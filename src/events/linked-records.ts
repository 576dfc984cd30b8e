import { EntityManager, In } from 'typeorm';
import { CurrentUser } from '../http/context';
import { AppError, validationFailed } from '../http/errors';
import { Person } from '../people/person.entity';
import { clearedProtectedIds } from '../people/identity';
import { Institution } from '../institutions/institution.entity';
import { CaseEvent } from './event.entity';
import { TermCheck, assertTerms } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';

/** A reference from one form field (`people.0.personId`) to a record id. */
export interface FieldRef {
  field: string;
  id: number;
}

export type FieldErrors = Record<string, string>;

/**
 * People a record may point at: existing people, and protected people only for users cleared
 * for them — a guessed id of someone the user may not see is "not in the list", exactly like an
 * id that does not exist. People already linked to the record (`keep`) stay allowed, so that a
 * colleague who sees only the pseudonym can still save the record without losing the link.
 */
export async function checkPeople(em: EntityManager, user: CurrentUser, refs: FieldRef[], keep: Iterable<number> = []): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (refs.length === 0) return errors;
  const kept = new Set(keep);
  const ids = [...new Set(refs.map((r) => r.id))];
  const people = await em.find(Person, { where: { id: In(ids) }, select: { id: true, protectedIdentity: true } });
  const found = new Map(people.map((p) => [p.id, p]));
  const cleared = await clearedProtectedIds(em, user, people.filter((p) => p.protectedIdentity).map((p) => p.id));
  for (const ref of refs) {
    const person = found.get(ref.id);
    const visible = person && (!person.protectedIdentity || cleared.has(person.id) || kept.has(person.id));
    if (!visible) errors[ref.field] ??= t('records.errors.choosePerson');
  }
  return errors;
}

/** Institutions are shared by every case and visible to every reader: they must exist. */
export async function checkInstitutions(em: EntityManager, refs: FieldRef[]): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (refs.length === 0) return errors;
  const found = new Set((await em.find(Institution, { where: { id: In([...new Set(refs.map((r) => r.id))]) }, select: { id: true } })).map((i) => i.id));
  for (const ref of refs) if (!found.has(ref.id)) errors[ref.field] ??= t('records.errors.chooseInstitution');
  return errors;
}

/** Events must belong to the same case (and not be the record itself). */
export async function checkCaseEvents(em: EntityManager, caseId: number, field: string, ids: number[], self?: number): Promise<FieldErrors> {
  if (ids.length === 0) return {};
  const found = new Set((await em.find(CaseEvent, { where: { id: In(ids), caseId }, select: { id: true } })).map((e) => e.id));
  const bad = ids.some((id) => !found.has(id) || id === self);
  return bad ? { [field]: self !== undefined && ids.includes(self) ? t('events.errors.linkedToItself') : t('events.errors.chooseCaseEvents') } : {};
}

/** Vocabulary checks as field errors, to report together with the others. */
export async function checkTerms(em: EntityManager, checks: TermCheck[]): Promise<FieldErrors> {
  try {
    await assertTerms(em, checks);
    return {};
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return err.fieldErrors;
    throw err;
  }
}

/** Throws one 422 with every field's message, if there are any. */
export function refuseIfAny(...lists: FieldErrors[]): void {
  const all = Object.assign({}, ...lists.reverse()) as FieldErrors;
  if (Object.keys(all).length) throw validationFailed(all);
}
