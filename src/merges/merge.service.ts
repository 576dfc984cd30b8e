import { DataSource, EntityManager } from 'typeorm';
import type { Database } from 'better-sqlite3';
import { Actor, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { formatPartialDate } from '../db/partial-date';
import { CurrentUser } from '../http/context';
import { AppError, forbidden, notFound, validationFailed } from '../http/errors';
import { rawDb } from '../search/sqlite';
import { visibleCasesSql } from '../cases/case-access';
import { PERSON_CASE_LINK_VIEW } from '../search/protected-links';
import { Person } from '../people/person.entity';
import { isCleared, loadPerson } from '../people/person.service';
import { searchForms } from '../people/name-search';
import { Institution } from '../institutions/institution.entity';
import { loadInstitution } from '../institutions/institution.service';
import { subtreeIds } from '../institutions/institution-tree';
import { InstitutionMerge, PersonMerge } from './record-merge.entity';
import { LinkColumn, linkColumns, linkCounts, moveLinks, remainingReferences } from './merge-links';
import { t } from '../i18n/i18n';

/**
 * Merging two records of one person (or one institution) entered twice: the merged record's
 * every link moves to the kept one (merge-links.ts), its names stay as aliases, the kept
 * person is protected if either was, the old number redirects (person_merge, institution_merge),
 * and the audit trail says who merged what into what. One transaction; the search index follows
 * through its triggers, like any other write.
 */
export type MergeKind = 'person' | 'institution';

export interface MergePlan {
  kind: MergeKind;
  fromId: number;
  intoId: number;
  /** Rows that will move, per table, counting only rows in cases the user may see. */
  moves: { table: string; rows: number }[];
  /** Whether the kept person becomes protected (because the merged one was). */
  becomesProtected: boolean;
}

const conflict = (message: string, field = 'into') => new AppError(409, 'merge_conflict', message, { [field]: message });

function links(ds: DataSource | EntityManager, kind: MergeKind): LinkColumn[] {
  const source = ds instanceof DataSource ? ds : ds.connection;
  return linkColumns(source, kind === 'person' ? 'person' : 'institution');
}

/** The merged record's id and what would move. Checks everything mergePeople / mergeInstitutions check. */
export async function planMerge(ds: DataSource, user: CurrentUser, kind: MergeKind, fromId: number, intoId: number): Promise<MergePlan> {
  return kind === 'person' ? planPeople(ds, user, fromId, intoId) : planInstitutions(ds, user, fromId, intoId);
}

async function planPeople(db: DataSource | EntityManager, user: CurrentUser, fromId: number, intoId: number): Promise<MergePlan> {
  const from = await loadPerson(db, fromId);
  if (!from) throw notFound(t('people.errors.noSuchPerson'));
  if (fromId === intoId) throw validationFailed({ into: t('merges.errors.selfPerson') }, t('merges.errors.self'));
  const into = await loadPerson(db, intoId);
  if (!into) throw validationFailed({ into: t('merges.errors.keepPersonFromList') }, t('merges.errors.noPerson'));
  if (!(await isCleared(db, user, from.person)) || !(await isCleared(db, user, into.person))) {
    throw forbidden(t('merges.errors.protectedBoth'));
  }
  const sqlite = rawDb(db instanceof DataSource ? db : db.connection);
  if (user.role !== 'admin') {
    const vis = visibleCasesSql(user, 'c');
    const hidden = sqlite
      .prepare(`SELECT count(*) FROM ${PERSON_CASE_LINK_VIEW} l JOIN case_record c ON c.id = l.case_id WHERE l.person_id IN (?, ?) AND NOT ${vis.sql}`)
      .pluck()
      .get(fromId, intoId, ...vis.params.map((v) => (typeof v === 'boolean' ? Number(v) : v))) as number;
    if (hidden) throw forbidden(t('merges.errors.hiddenCase'));
  }
  return {
    kind: 'person',
    fromId,
    intoId,
    moves: countMoves(sqlite, user, links(db, 'person'), fromId),
    becomesProtected: from.person.protectedIdentity && !into.person.protectedIdentity,
  };
}

async function planInstitutions(db: DataSource | EntityManager, user: CurrentUser, fromId: number, intoId: number): Promise<MergePlan> {
  const from = await loadInstitution(db, fromId);
  if (!from) throw notFound(t('institutions.errors.noSuchInstitution'));
  if (fromId === intoId) throw validationFailed({ into: t('merges.errors.selfInstitution') }, t('merges.errors.self'));
  const into = await loadInstitution(db, intoId);
  if (!into) throw validationFailed({ into: t('merges.errors.keepInstitutionFromList') }, t('merges.errors.noInstitution'));
  // Its sub-units would become the kept one's: kept under the merged one, that is a cycle.
  if ((await subtreeIds(db, fromId)).includes(intoId)) {
    throw conflict(t('merges.errors.subUnit', { into: into.institution.name, from: from.institution.name }));
  }
  const sqlite = rawDb(db instanceof DataSource ? db : db.connection);
  return { kind: 'institution', fromId, intoId, moves: countMoves(sqlite, user, links(db, 'institution'), fromId), becomesProtected: false };
}

function countMoves(db: Database, user: CurrentUser, cols: LinkColumn[], fromId: number): { table: string; rows: number }[] {
  const vis = visibleCasesSql(user, 'c');
  const counts = linkCounts(db, cols, fromId, { sql: vis.sql, params: vis.params.map((v) => (typeof v === 'boolean' ? Number(v) : v)) });
  return Object.entries(counts).map(([table, rows]) => ({ table, rows }));
}

const joinText = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : a || b || null);

/** Merges person `fromId` into `intoId` (kept); returns the kept person. */
export async function mergePeople(ds: DataSource, actor: Actor, user: CurrentUser, fromId: number, intoId: number): Promise<Person> {
  return withTransaction(ds, async (em) => {
    const plan = await planPeople(em, user, fromId, intoId);
    const db = rawDb(ds);
    const from = (await em.findOneBy(Person, { id: fromId }))!;
    const into = (await em.findOneBy(Person, { id: intoId }))!;
    // Its primary name becomes an alias of the kept person (one primary name each).
    db.prepare(`UPDATE person_name SET kind = 'alias' WHERE person_id = ? AND kind = 'primary'`).run(fromId);
    const moved = moveLinks(db, links(em, 'person'), fromId, intoId);
    const fields = ['names'];
    const fill = (f: 'region' | 'notes', value: string | null) => {
      if (value !== into[f]) {
        into[f] = value;
        fields.push(f);
      }
    };
    // What the kept record lacks comes from the other; where both say something different, the
    // merged record's value is kept in the notes, so nothing entered is lost.
    const differing: string[] = [];
    if (into.region && from.region && into.region !== from.region) differing.push(t('merges.notes.region', { value: from.region }));
    if (into.birth.precision !== null && from.birth.precision !== null && formatPartialDate(into.birth) !== formatPartialDate(from.birth)) differing.push(t('merges.notes.born', { value: formatPartialDate(from.birth) }));
    if (into.gender !== 'unknown' && from.gender !== 'unknown' && into.gender !== from.gender) differing.push(t('merges.notes.gender', { value: from.gender }));
    fill('region', into.region ?? from.region);
    fill('notes', joinText(joinText(into.notes, from.notes), differing.length ? t('merges.notes.person', { code: `P-${String(fromId).padStart(4, '0')}`, differences: differing.join('; ') }) : null));
    if (into.birth.precision === null && from.birth.precision !== null) {
      into.birth = from.birth;
      fields.push('birth');
    }
    if (into.gender === 'unknown' && from.gender !== 'unknown') {
      into.gender = from.gender;
      fields.push('gender');
    }
    if (plan.becomesProtected) {
      into.protectedIdentity = true;
      fields.push('protectedIdentity');
    }
    into.updatedById = user.id;
    await em.save(Person, into);
    await finish(em, db, actor, user, 'person', fromId, intoId, moved, fields, { protectedIdentity: from.protectedIdentity });
    return into;
  });
}

/** Merges institution `fromId` into `intoId` (kept): its name becomes an alias of the kept one. */
export async function mergeInstitutions(ds: DataSource, actor: Actor, user: CurrentUser, fromId: number, intoId: number): Promise<Institution> {
  return withTransaction(ds, async (em) => {
    await planInstitutions(em, user, fromId, intoId);
    const db = rawDb(ds);
    const from = (await em.findOneBy(Institution, { id: fromId }))!;
    const into = (await em.findOneBy(Institution, { id: intoId }))!;
    const moved = moveLinks(db, links(em, 'institution'), fromId, intoId);
    if (from.name !== into.name) {
      const forms = searchForms(from.name);
      db.prepare(`INSERT OR IGNORE INTO institution_alias (institution_id, name, name_latin, match_key) VALUES (?, ?, ?, ?)`).run(intoId, from.name, forms.nameLatin, forms.matchKey);
    }
    const fields = ['aliases'];
    for (const f of ['region', 'locality'] as const) {
      if (into[f] === null && from[f] !== null) {
        into[f] = from[f];
        fields.push(f);
      }
    }
    if (into.latitude === null && from.latitude !== null) {
      into.latitude = from.latitude;
      into.longitude = from.longitude;
      fields.push('location');
    }
    if (into.parentId === null && from.parentId !== null && from.parentId !== intoId) {
      into.parentId = from.parentId;
      fields.push('parentId');
    }
    const differing: string[] = [];
    if (into.type !== from.type) differing.push(t('merges.notes.type', { value: from.type }));
    if (into.region && from.region && into.region !== from.region) differing.push(t('merges.notes.region', { value: from.region }));
    if (into.locality && from.locality && into.locality !== from.locality) differing.push(t('merges.notes.locality', { value: from.locality }));
    if (into.parentId !== null && from.parentId !== null && into.parentId !== from.parentId && from.parentId !== intoId) differing.push(t('merges.notes.partOf', { id: from.parentId }));
    const notes = joinText(joinText(into.notes, from.notes), differing.length ? t('merges.notes.institution', { id: fromId, name: from.name, differences: differing.join('; ') }) : null);
    if (notes !== into.notes) {
      into.notes = notes;
      fields.push('notes');
    }
    into.updatedById = user.id;
    await em.save(Institution, into);
    await finish(em, db, actor, user, 'institution', fromId, intoId, moved, fields, {});
    return into;
  });
}

/** The redirect, the check that nothing points at the merged record any more, its deletion, and the audit entries. */
async function finish(em: EntityManager, db: Database, actor: Actor, user: CurrentUser, kind: MergeKind, fromId: number, intoId: number, moved: Record<string, number>, fields: string[], extra: Record<string, boolean>) {
  await em.insert(kind === 'person' ? PersonMerge : InstitutionMerge, { fromId, intoId, mergedById: user.id, mergedAt: new Date() });
  const left = remainingReferences(db, kind, fromId);
  if (left.length) throw new Error(`merge of ${kind} ${fromId}: links not moved in ${left.map((l) => `${l.table}.${l.column}`).join(', ')}`);
  db.prepare(`DELETE FROM "${kind}" WHERE id = ?`).run(fromId);
  const links = Object.keys(moved).sort();
  const rows = Object.values(moved).reduce((a, b) => a + b, 0);
  await recordAudit(em, actor, { action: `${kind}.merge`, recordType: kind, recordId: intoId, fields: [...new Set([...fields, ...links])], detail: { mergedFrom: fromId, into: intoId, rowsMoved: rows, ...extra } });
  await recordAudit(em, actor, { action: `${kind}.merged_into`, recordType: kind, recordId: fromId, fields: [], detail: { mergedFrom: fromId, into: intoId } });
}

/** Where a merged record went (following merges of merges), or null. */
export async function mergedInto(db: DataSource | EntityManager, kind: MergeKind, id: number): Promise<number | null> {
  const row = await (db instanceof DataSource ? db.manager : db).findOneBy(kind === 'person' ? PersonMerge : InstitutionMerge, { fromId: id });
  return row ? row.intoId : null;
}

