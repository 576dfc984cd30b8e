import { DataSource, EntityManager } from 'typeorm';
import { CurrentUser } from '../http/context';
import { personLabels } from './identity';
import { verbatim } from './redaction';

/**
 * The labels a person picker may show back for the numbers in a form ("Chosen: …"): the name, or
 * pseudonym, of people the user may choose, and of people the record already names (`keep`: its
 * page shows them anyway). A number typed or hand-edited for a protected person the user is not
 * cleared for gets no label, exactly like a number that belongs to nobody, so that a form does
 * not tell a protected person from a missing one; saving refuses both with the same message.
 */
export async function personPickerLabels(db: DataSource | EntityManager, user: CurrentUser, ids: Iterable<number>, keep: Iterable<number> = []): Promise<Map<number, string>> {
  const kept = new Set(keep);
  const out = new Map<number, string>();
  for (const [id, person] of await personLabels(db, user, ids)) if (!person.hidden || kept.has(id)) out.set(id, person.label);
  return verbatim(out); // names or pseudonyms as identity.ts decided (people/redaction.ts)
}
