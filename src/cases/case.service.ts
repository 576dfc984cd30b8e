import { DataSource, EntityManager, In } from 'typeorm';
import { withRedactionContext } from '../people/redaction';
import { CaseRecord } from './case.entity';
import { CaseTag } from './case-tag.entity';
import { CaseMember } from './case-member.entity';
import { CaseParticipant } from './case-participant.entity';
import { CaseLink, orderCaseLink } from './case-link.entity';
import { recordLinkChange } from './case-link-history';
import { CaseInput, CaseSort, DEFAULT_DIRECTION } from './case.schema';
import { firstIncidentStartSql } from './first-incident';
import { requireCase, visibleCasesCondition, visibleCaseIds } from './case-access';
import { Actor, recordAudit } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { conflict, notFound, validationFailed } from '../http/errors';
import { assertTerms } from '../vocab/vocab.service';
import { auditRecord, changedFields } from '../records/record-audit';
import { Person } from '../people/person.entity';
import { User } from '../users/user.entity';
import { clearedProtectedIds } from '../people/identity';
import { moveToTrash } from '../trash/trash.service';
import { t } from '../i18n/i18n';

const EDITABLE = ['code', 'title', 'summary', 'status', 'region', 'restricted', 'groupDescription', 'groupCount', 'groupCountPrecision', 'groupDeathCount', 'groupDeathCountPrecision'] as const;

async function nextCode(em: EntityManager, year: number): Promise<string> {
  const prefix = `RU-${year}-`;
  const rows: { code: string }[] = await em.query(`SELECT code FROM case_record WHERE code LIKE ? ORDER BY length(code) DESC, code DESC LIMIT 1`, [prefix + '%']);
  const last = rows[0] ? Number(rows[0].code.slice(prefix.length)) : 0;
  return prefix + String((Number.isFinite(last) ? last : 0) + 1).padStart(4, '0');
}

function checkTerms(em: EntityManager, input: CaseInput, before?: CaseRecord) {
  return assertTerms(em, [
    { field: 'status', vocabulary: 'case_status', code: input.status, previous: before?.status },
    { field: 'region', vocabulary: 'region', code: input.region, previous: before?.region },
  ]);
}

async function setTags(em: EntityManager, caseId: number, tags: string[]): Promise<boolean> {
  const existing = (await em.findBy(CaseTag, { caseId })).map((row) => row.tag).sort();
  if (JSON.stringify(existing) === JSON.stringify([...tags].sort())) return false;
  await em.delete(CaseTag, { caseId });
  if (tags.length) await em.insert(CaseTag, tags.map((tag) => ({ caseId, tag })));
  return true;
}

/** Creates a case; its creator becomes a member (cleared for it, and able to see it if restricted). */
export async function createCase(db: DataSource | EntityManager, actor: Actor, user: CurrentUser, input: CaseInput): Promise<CaseRecord> {
  return inTransaction(db, async (em) => {
    await checkTerms(em, input);
    const code = input.code || (await nextCode(em, input.year ?? new Date().getUTCFullYear()));
    if (await em.existsBy(CaseRecord, { code })) throw conflict(t('cases.errors.codeTaken'), { code: t('cases.errors.codeTaken') });
    const { tags, year: _year, ...fields } = input;
    const record = await em.save(CaseRecord, em.create(CaseRecord, { ...fields, code, createdById: user.id, updatedById: user.id }));
    await em.insert(CaseMember, { caseId: record.id, userId: user.id });
    await setTags(em, record.id, tags);
    await auditRecord(em, actor, 'case', record.id, 'create', [...EDITABLE.filter((f) => record[f] != null && record[f] !== false), ...(tags.length ? ['tags'] : [])], record.id);
    return record;
  });
}

export async function updateCase(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, input: CaseInput): Promise<CaseRecord> {
  return withTransaction(ds, async (em) => {
    const { record } = await requireCase(em, user, caseId, 'case.update');
    await checkTerms(em, input, record);
    const code = input.code || record.code;
    if (code !== record.code && (await em.existsBy(CaseRecord, { code }))) throw conflict(t('cases.errors.codeTaken'), { code: t('cases.errors.codeTaken') });
    const { tags: _tags, year: _year, ...rest } = input;
    const next = { ...rest, code };
    const fields = changedFields(record, next as Partial<CaseRecord>, [...EDITABLE]);
    if (fields.includes('restricted') && next.restricted && user.role !== 'admin' && !(await em.existsBy(CaseMember, { caseId, userId: user.id }))) {
      throw validationFailed({ restricted: t('cases.errors.restrictMembersOnly') });
    }
    for (const f of fields) (record as unknown as Record<string, unknown>)[f] = (next as Record<string, unknown>)[f];
    const tagsChanged = await setTags(em, caseId, input.tags);
    if (fields.length === 0 && !tagsChanged) return record;
    record.updatedById = user.id;
    await em.save(CaseRecord, record);
    await auditRecord(em, actor, 'case', caseId, 'update', [...fields, ...(tagsChanged ? ['tags'] : [])], caseId);
    return record;
  });
}

/**
 * Moves a case to the trash with everything in it (events, allegations, statements, complaints,
 * proceedings, evidence, citations, participants, members, links): an admin can restore it.
 */
export async function deleteCase(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.delete');
    await moveToTrash(em, actor, { target: CaseRecord, id: caseId, caseId });
    await auditRecord(em, actor, 'case', caseId, 'delete', [], caseId);
  });
}

export interface CaseListFilter {
  q?: string;
  status?: string;
  region?: string;
  tag?: string;
  page: number;
  pageSize: number;
  /** Newest change first unless said (case.schema.ts CASE_SORTS). */
  sort?: CaseSort;
  dir?: 'asc' | 'desc';
}

export async function listCases(ds: DataSource, user: CurrentUser, f: CaseListFilter): Promise<{ rows: CaseRecord[]; total: number }> {
  // Only a text filter needs the user's redaction in SQL (people/redaction.ts).
  return f.q ? withRedactionContext(ds, user, (context) => queryCases(ds, user, f, context)) : queryCases(ds, user, f, null);
}

async function queryCases(ds: DataSource, user: CurrentUser, f: CaseListFilter, context: number | null): Promise<{ rows: CaseRecord[]; total: number }> {
  const vis = visibleCasesCondition(user, 'c');
  const qb = ds.getRepository(CaseRecord).createQueryBuilder('c').where(vis.sql, vis.params);
  // A title matches as the user reads it: never by a protected name shown to them as a pseudonym (people/redaction.ts).
  const title = context === null ? 'c.title LIKE :q ESCAPE \'\\\'' : '(c.title LIKE :q ESCAPE \'\\\' AND casebook_redacted(:ctx, c.id, c.title) LIKE :q ESCAPE \'\\\')';
  if (f.q) qb.andWhere(`(c.code LIKE :q ESCAPE '\\' OR ${title})`, { q: `%${f.q.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`, ctx: context });
  if (f.status) qb.andWhere('c.status = :status', { status: f.status });
  // Any of the case's regions: its own or its events' (case-regions.ts).
  if (f.region) qb.andWhere('c.id IN (SELECT rc.id FROM case_record rc WHERE rc.region = :region UNION SELECT re.case_id FROM case_event re WHERE re.region = :region)', { region: f.region });
  if (f.tag) qb.andWhere('c.id IN (SELECT t.case_id FROM case_tag t WHERE t.tag = :tag)', { tag: f.tag.toLowerCase() });
  const sort = f.sort ?? 'updated';
  const dir = (f.dir ?? DEFAULT_DIRECTION[sort]) === 'asc' ? 'ASC' : 'DESC';
  if (sort === 'code') qb.orderBy('c.code', dir);
  // Cases with no incident recorded come last either way.
  else if (sort === 'incident') qb.orderBy(firstIncidentStartSql('c.id'), dir, 'NULLS LAST').addOrderBy('c.id', dir);
  else qb.orderBy('c.updated_at', dir).addOrderBy('c.id', dir);
  const [rows, total] = await qb.offset((f.page - 1) * f.pageSize).limit(f.pageSize).getManyAndCount();
  return { rows, total };
}

export function caseTags(ds: DataSource | EntityManager, caseIds: number[]): Promise<CaseTag[]> {
  return (ds instanceof DataSource ? ds.manager : ds).find(CaseTag, { where: { caseId: In(caseIds) }, order: { tag: 'ASC' } });
}

/** Identified victims of each case (participants with role victim), for list pages. */
export async function victimsOf(ds: DataSource, caseIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (caseIds.length === 0) return out;
  // `+role` keeps SQLite on the case_id index: the role index matches most rows at scale.
  const rows: { caseId: number; personId: number }[] = await ds.query(
    `SELECT case_id AS "caseId", person_id AS "personId" FROM case_participant WHERE case_id IN (${caseIds.map(() => '?').join(',')}) AND +role = 'victim' ORDER BY id`,
    caseIds,
  );
  for (const r of rows) out.set(Number(r.caseId), [...(out.get(Number(r.caseId)) ?? []), Number(r.personId)]);
  return out;
}

// --- participants -------------------------------------------------------------------------

export async function addParticipant(db: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: { personId: number; role: string; note: string | null }): Promise<CaseParticipant> {
  return inTransaction(db, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const person = await em.findOneBy(Person, { id: input.personId });
    // A protected person the user is not cleared for cannot be attached by guessing an id.
    if (!person || (person.protectedIdentity && !(await clearedProtectedIds(em, user, [person.id])).has(person.id))) {
      throw validationFailed({ personId: t('records.errors.choosePerson') });
    }
    await assertTerms(em, [{ field: 'role', vocabulary: 'participant_role', code: input.role }]);
    if (await em.existsBy(CaseParticipant, { caseId, personId: input.personId, role: input.role })) {
      throw conflict(t('cases.errors.duplicateRole'), { personId: t('cases.errors.duplicateRole') });
    }
    const row = await em.save(CaseParticipant, em.create(CaseParticipant, { caseId, ...input }));
    await auditRecord(em, actor, 'case', caseId, 'participant_add', ['participants'], caseId);
    return row;
  });
}

export async function removeParticipant(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, participantId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const result = await em.delete(CaseParticipant, { id: participantId, caseId });
    if (!result.affected) throw notFound(t('cases.errors.noSuchParticipant'));
    await auditRecord(em, actor, 'case', caseId, 'participant_remove', ['participants'], caseId);
  });
}

export function participantsOf(ds: DataSource, caseId: number): Promise<CaseParticipant[]> {
  return ds.getRepository(CaseParticipant).find({ where: { caseId }, order: { id: 'ASC' } });
}

// --- links between cases --------------------------------------------------------------------

export async function linkCases(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, input: { otherCaseId: number; kind: string; note: string | null }): Promise<CaseLink> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    if (input.otherCaseId === caseId) throw validationFailed({ otherCaseId: t('cases.errors.linkToItself') });
    // The other case must be one the user may see; otherwise it is "not in the list", never "restricted".
    const other = await em.findOneBy(CaseRecord, { id: input.otherCaseId });
    if (!other || !(await visibleCaseIds(em, user, [other.id])).has(other.id)) throw validationFailed({ otherCaseId: t('cases.errors.chooseCase') });
    await assertTerms(em, [{ field: 'kind', vocabulary: 'case_link_kind', code: input.kind }]);
    const ends = orderCaseLink(caseId, other.id);
    if (await em.existsBy(CaseLink, { ...ends, kind: input.kind })) throw conflict(t('cases.errors.alreadyLinked'), { otherCaseId: t('cases.errors.alreadyLinked') });
    const link = await em.save(CaseLink, em.create(CaseLink, { ...ends, kind: input.kind, note: input.note }));
    await recordLinkChange(em, actor, 'link_add', caseId, other.id);
    return link;
  });
}

export async function unlinkCases(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, linkId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const link = await em.findOneBy(CaseLink, { id: linkId });
    if (!link || (link.fromCaseId !== caseId && link.toCaseId !== caseId)) throw notFound(t('cases.errors.noSuchLink'));
    // A link to a case the user may not see is not shown to them, so it is not theirs to remove either.
    const otherId = link.fromCaseId === caseId ? link.toCaseId : link.fromCaseId;
    if (!(await visibleCaseIds(em, user, [otherId])).has(otherId)) throw notFound(t('cases.errors.noSuchLink'));
    await em.delete(CaseLink, { id: linkId });
    await recordLinkChange(em, actor, 'link_remove', caseId, otherId);
  });
}

/** Links of a case to cases the user may see (a link to a hidden case is not shown at all). */
export async function linksOf(ds: DataSource, user: CurrentUser, caseId: number): Promise<{ id: number; kind: string; note: string | null; other: CaseRecord }[]> {
  const links = await ds.getRepository(CaseLink).find({ where: [{ fromCaseId: caseId }, { toCaseId: caseId }], order: { id: 'ASC' } });
  const otherIds = links.map((l) => (l.fromCaseId === caseId ? l.toCaseId : l.fromCaseId));
  const visible = await visibleCaseIds(ds, user, otherIds);
  const others = await ds.getRepository(CaseRecord).findBy({ id: In([...visible]) });
  const byId = new Map(others.map((c) => [c.id, c]));
  return links
    .map((l) => ({ id: l.id, kind: l.kind, note: l.note, other: byId.get(l.fromCaseId === caseId ? l.toCaseId : l.fromCaseId) }))
    .filter((l): l is { id: number; kind: string; note: string | null; other: CaseRecord } => l.other !== undefined);
}

// --- members --------------------------------------------------------------------------------

export async function addMember(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, memberUserId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.manage_members');
    const member = await em.findOneBy(User, { id: memberUserId });
    if (!member || member.disabled) throw validationFailed({ userId: t('cases.errors.chooseActiveUser') });
    if (await em.existsBy(CaseMember, { caseId, userId: memberUserId })) return;
    await em.insert(CaseMember, { caseId, userId: memberUserId });
    await recordMemberChange(em, actor, caseId, 'member_add', memberUserId);
  });
}

export async function removeMember(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, memberUserId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    const { record } = await requireCase(em, user, caseId, 'case.manage_members');
    if (record.restricted && (await em.countBy(CaseMember, { caseId })) <= 1) {
      throw validationFailed({ userId: t('cases.errors.lastMember') }, t('cases.errors.lastMember'));
    }
    const result = await em.delete(CaseMember, { caseId, userId: memberUserId });
    if (!result.affected) throw notFound(t('cases.errors.notMember'));
    await recordMemberChange(em, actor, caseId, 'member_remove', memberUserId);
  });
}

function recordMemberChange(em: EntityManager, actor: Actor, caseId: number, verb: string, userId: number) {
  return recordAudit(em, actor, { action: `case.${verb}`, recordType: 'case', recordId: caseId, fields: ['members'], detail: { caseId, userId } });
}

export async function membersOf(ds: DataSource, caseId: number): Promise<User[]> {
  const rows = await ds.getRepository(CaseMember).find({ where: { caseId }, relations: { user: true }, order: { id: 'ASC' } });
  return rows.map((r) => r.user!).filter(Boolean);
}
