import { DataSource, EntityManager } from 'typeorm';
import { verbatim } from '../people/redaction';
import { z } from 'zod';
import { Actor } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors';
import { checkbox, requiredText } from '../http/fields';
import { auditRecord } from '../records/record-audit';
import { User } from '../users/user.entity';
import { can } from '../auth/policy';
import { SAVED_QUERY_LIMITS, SavedQuery } from './saved-query.entity';
import { parseSearchQuery, searchQueryString } from './search.schema';
import { protectedPeopleIn } from './saved-query-names';
import './search.policy';
import { t } from '../i18n/i18n';

export const savedQuerySchema = z.object({
  name: requiredText(SAVED_QUERY_LIMITS.name, 'search.fields.name'),
  query: z
    .union([z.string()], { error: () => t('search.errors.queryMissing') })
    .refine((s) => s.length <= SAVED_QUERY_LIMITS.query, { error: () => t('search.errors.queryTooLong', { count: SAVED_QUERY_LIMITS.query }) })
    .meta({ description: `the query string of a search, e.g. q=Kudaev&region=chechnya (at most ${SAVED_QUERY_LIMITS.query} characters)` }),
  shared: checkbox,
});
export type SavedQueryInput = z.infer<typeof savedQuerySchema>;

/**
 * A partial update (PATCH): only the fields named change. A field that cannot be changed (an
 * id, the owner, a typo) is refused naming it, rather than ignored; so is an empty update.
 */
export const savedQueryPatchSchema = z
  .strictObject({
    name: savedQuerySchema.shape.name.optional(),
    query: savedQuerySchema.shape.query.optional(),
    shared: z.boolean({ error: () => t('search.errors.sharedBoolean') }).optional(),
  })
  .refine((v) => v.name !== undefined || v.query !== undefined || v.shared !== undefined, { error: () => t('search.errors.patchEmpty') });
export type SavedQueryPatch = z.infer<typeof savedQueryPatchSchema>;

/** Checks a query string the way /search would and returns its canonical form. */
export function canonicalQuery(raw: string): string {
  const params = new URLSearchParams(raw.replace(/^\?/, ''));
  const query: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in query)) query[k] = v;
  const parsed = parseSearchQuery(query);
  const problems = Object.values(parsed.errors);
  if (problems.length) throw validationFailed({ query: problems.join(' ') });
  const canonical = searchQueryString(parsed.values);
  if (!canonical) throw validationFailed({ query: t('search.errors.nothingToSave') });
  return canonical;
}

/** Shown next to "Share with the team" when the search may not be shared (in the current language). */
export const namesProtectedPerson = () => t('search.errors.namesProtected');
/** Shown instead of the name and words of a shared search that names someone the reader may not know. */
export const withheldSearch = () => t('search.saved.withheld');

/**
 * Sharing is refused when the search names a protected person the user is cleared for: they
 * know the name, and so would every colleague. A user who is not cleared is not told (that
 * would confirm that the name belongs to a protected person); what they share is withheld from
 * colleagues who are not cleared either (see listSavedQueries).
 */
async function assertShareable(em: EntityManager, user: CurrentUser, saved: { name: string; query: string }): Promise<void> {
  if ((await protectedPeopleIn(em, user, saved)).cleared.length) throw validationFailed({ shared: namesProtectedPerson() });
}

/** Whether this user may read what was typed in someone else's shared search. */
async function withheldFrom(db: DataSource | EntityManager, user: CurrentUser, saved: { name: string; query: string; userId: number }): Promise<boolean> {
  if (saved.userId === user.id || user.role === 'admin') return false;
  return (await protectedPeopleIn(db, user, saved)).hidden.length > 0;
}

export async function createSavedQuery(ds: DataSource, actor: Actor, user: CurrentUser, input: SavedQueryInput): Promise<SavedQuery> {
  const query = canonicalQuery(input.query);
  return withTransaction(ds, async (em) => {
    if (input.shared) await assertShareable(em, user, { name: input.name, query });
    if (await em.existsBy(SavedQuery, { userId: user.id, name: input.name })) {
      throw conflict(t('search.errors.nameTaken'), { name: t('search.errors.nameTaken') });
    }
    const row = await em.save(SavedQuery, em.create(SavedQuery, { userId: user.id, name: input.name, query, shared: input.shared, createdById: user.id, updatedById: user.id }));
    await auditRecord(em, actor, 'saved_query', row.id, 'create', ['name', 'query', ...(input.shared ? ['shared'] : [])]);
    return row;
  });
}

export interface SavedQueryView {
  id: number;
  name: string;
  query: string;
  href: string;
  shared: boolean;
  mine: boolean;
  /** Someone else's shared search naming a protected person this user is not cleared for: name and words withheld. */
  withheld: boolean;
  owner: string;
  updatedAt: string;
}

/** The user's own searches, then those others share with the team, by name. */
export async function listSavedQueries(ds: DataSource, user: CurrentUser): Promise<SavedQueryView[]> {
  const rows = await ds
    .getRepository(SavedQuery)
    .createQueryBuilder('s')
    .innerJoin(User, 'u', 'u.id = s.user_id')
    .select(['s.id AS id', 's.name AS name', 's.query AS query', 's.shared AS shared', 's.user_id AS "userId"', 's.updated_at AS "updatedAt"', 'u.name AS owner'])
    .where('s.user_id = :me OR s.shared = :yes', { me: user.id, yes: true })
    .orderBy('CASE WHEN s.user_id = :me THEN 0 ELSE 1 END', 'ASC')
    .addOrderBy('s.name', 'ASC')
    .getRawMany<{ id: number; name: string; query: string; shared: number | boolean; userId: number; updatedAt: string; owner: string }>();
  const out: SavedQueryView[] = [];
  for (const r of rows) {
    const withheld = await withheldFrom(ds, user, { name: r.name, query: r.query, userId: Number(r.userId) });
    const mine = Number(r.userId) === user.id;
    const view: SavedQueryView = {
      id: Number(r.id),
      name: withheld ? withheldSearch() : r.name,
      query: withheld ? '' : r.query,
      href: withheld ? '' : `/search?${r.query}`,
      shared: Boolean(r.shared),
      mine,
      withheld,
      owner: r.owner,
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
    // The owner's own words are shown as typed; a colleague's pass through redaction (people/redaction.ts).
    out.push(mine ? verbatim(view) : view);
  }
  return out;
}

/** A saved search the user may see (theirs, or shared); anything else is not found. */
export async function findSavedQuery(db: DataSource | EntityManager, user: CurrentUser, id: number): Promise<SavedQuery> {
  const row = await (db instanceof DataSource ? db.manager : db).findOneBy(SavedQuery, { id });
  if (!row || (row.userId !== user.id && !row.shared)) throw notFound(t('search.errors.noSuchSaved'));
  // Listed (as withheld), so not a 404; but neither run nor read: its URL and words hold the name.
  if (await withheldFrom(db, user, row)) throw forbidden(t('search.errors.withheld', { withheld: withheldSearch() }));
  return row;
}

async function ownSavedQuery(em: EntityManager, user: CurrentUser, id: number): Promise<SavedQuery> {
  const row = await findSavedQuery(em, user, id);
  if (!can(user, 'saved_query.manage', row)) throw forbidden(t('search.errors.notOwner'));
  return row;
}

export async function setSavedQueryShared(ds: DataSource, actor: Actor, user: CurrentUser, id: number, shared: boolean): Promise<SavedQuery> {
  return updateSavedQuery(ds, actor, user, id, { shared });
}

/**
 * Changes what the patch names and nothing else. The rule on sharing holds for the result: a
 * search that is (or becomes) shared may not name a protected person the user is cleared for,
 * so changing the words or the name of a shared search is checked as sharing it would be.
 */
export async function updateSavedQuery(ds: DataSource, actor: Actor, user: CurrentUser, id: number, patch: SavedQueryPatch): Promise<SavedQuery> {
  const query = patch.query === undefined ? undefined : canonicalQuery(patch.query);
  return withTransaction(ds, async (em) => {
    const row = await ownSavedQuery(em, user, id);
    const next = { name: patch.name ?? row.name, query: query ?? row.query, shared: patch.shared ?? row.shared };
    const changed = (['name', 'query', 'shared'] as const).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return row;
    if (next.shared) await assertShareable(em, user, next);
    if (changed.includes('name') && (await em.existsBy(SavedQuery, { userId: row.userId, name: next.name }))) {
      throw conflict(t('search.errors.nameTaken'), { name: t('search.errors.nameTaken') });
    }
    Object.assign(row, next, { updatedById: user.id });
    await em.save(SavedQuery, row);
    await auditRecord(em, actor, 'saved_query', id, 'update', [...changed]);
    return row;
  });
}

export async function deleteSavedQuery(ds: DataSource, actor: Actor, user: CurrentUser, id: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await ownSavedQuery(em, user, id);
    await em.delete(SavedQuery, { id });
    await auditRecord(em, actor, 'saved_query', id, 'delete', ['name', 'query', 'shared']);
  });
}

export function presentSavedQuery(row: SavedQuery, user: CurrentUser) {
  return { id: row.id, name: row.name, query: row.query, url: `/search?${row.query}`, shared: row.shared, mine: row.userId === user.id, updatedAt: row.updatedAt.toISOString() };
}
