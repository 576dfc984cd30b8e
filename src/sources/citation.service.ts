import { memoRead } from '../db/read-memo';
import { DataSource, EntityManager, In } from 'typeorm';
import { Citation, CitableRecordType } from './citation.entity';
import { Source } from './source.entity';
import { CitationChange, CitationInput } from './citation.schema';
import { termErrors } from '../records/record-refs';
import { Actor } from '../audit/audit.service';
import { inTransaction, withTransaction } from '../db/transaction';
import { conflict, notFound, validationFailed } from '../http/errors';
import { auditRecord, changedFields } from '../records/record-audit';
import { CurrentUser } from '../http/context';
import { requireCase, visibleCasesCondition } from '../cases/case-access';
import { moveToTrash } from '../trash/trash.service';
import { caseOfRecord, isCaseCitable } from './case-record-index';
import { t } from '../i18n/i18n';

/** Cites a source for the case or one of its records; the record must belong to this case. */
export async function citeSource(db: DataSource | EntityManager, actor: Actor, user: CurrentUser, caseId: number, input: CitationInput): Promise<Citation> {
  return inTransaction(db, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const errors: Record<string, string> = {};
    if (!(await em.existsBy(Source, { id: input.sourceId }))) errors.sourceId = t('sources.errors.sourceFromList');
    const recordField = input.field === 'record' ? 'record' : 'recordId';
    if (!isCaseCitable(input.recordType)) {
      errors[input.field === 'record' ? 'record' : 'recordType'] = t('sources.errors.ownPages');
    } else if ((await caseOfRecord(em, input.recordType, input.recordId)) !== caseId) {
      errors[recordField] = t('sources.errors.recordFromList');
    }
    Object.assign(errors, await termErrors(em, [{ field: 'attribution', vocabulary: 'citation_attribution', code: input.attribution }]));
    if (Object.keys(errors).length) throw validationFailed(errors);
    if (await em.existsBy(Citation, { sourceId: input.sourceId, recordType: input.recordType, recordId: input.recordId })) {
      throw conflict(t('sources.errors.alreadyCited'), { sourceId: t('sources.errors.alreadyCited') });
    }
    const citation = await em.save(Citation, em.create(Citation, { sourceId: input.sourceId, recordType: input.recordType, recordId: input.recordId, caseId, note: input.note, attribution: input.attribution }));
    await auditRecord(em, actor, 'citation', citation.id, 'create', ['sourceId', 'recordType', 'recordId', ...(input.note !== null ? ['note'] : []), ...(input.attribution !== null ? ['attribution'] : [])], caseId);
    return citation;
  });
}

async function citationOfCase(em: EntityManager, caseId: number, citationId: number): Promise<Citation> {
  const citation = await em.findOneBy(Citation, { id: citationId, caseId });
  if (!citation) throw notFound(t('sources.errors.noSuchCitation'));
  return citation;
}

export async function getCitation(ds: DataSource, caseId: number, citationId: number): Promise<Citation> {
  return citationOfCase(ds.manager, caseId, citationId);
}

/** Changes a citation's note and attribution. */
export async function updateCitationNote(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, citationId: number, change: CitationChange): Promise<Citation> {
  return withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const citation = await citationOfCase(em, caseId, citationId);
    const errors = await termErrors(em, [{ field: 'attribution', vocabulary: 'citation_attribution', code: change.attribution, previous: citation.attribution }]);
    if (Object.keys(errors).length) throw validationFailed(errors);
    const fields = changedFields(citation, change, ['note', 'attribution']);
    if (fields.length === 0) return citation;
    Object.assign(citation, change);
    await em.save(Citation, citation);
    await auditRecord(em, actor, 'citation', citationId, 'update', fields, caseId);
    return citation;
  });
}

export async function removeCitation(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, citationId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const citation = await citationOfCase(em, caseId, citationId);
    await moveToTrash(em, actor, { target: Citation, id: citationId, caseId, label: t('sources.citation.trashLabel', { source: (await em.findOneBy(Source, { id: citation.sourceId }))?.name ?? t('sources.citation.aSource'), record: citation.recordType.replace(/_/g, ' '), id: citation.recordId }) });
    await auditRecord(em, actor, 'citation', citationId, 'delete', [], caseId);
  });
}

/**
 * Removes the citations of records being deleted (record ids carry no foreign key) for good.
 * Services that delete a record a user entered call moveToTrash (trash/trash.service.ts)
 * instead, which keeps the record's citations with it and removes them itself.
 */
export async function deleteCitationsOf(em: EntityManager, recordType: CitableRecordType, recordIds: number[]): Promise<void> {
  if (recordIds.length === 0) return;
  await em.delete(Citation, { recordType, recordId: In(recordIds) });
}

/** A case's citations with their sources, oldest first. */
export function citationsOfCase(ds: DataSource, caseId: number): Promise<Citation[]> {
  return memoRead(ds, `citations-of-case:${caseId}`, () => ds.getRepository(Citation).find({ where: { caseId }, relations: { source: true }, order: { id: 'ASC' } }));
}

/**
 * Where a source is cited, limited to what the user may see: citations inside cases the user may
 * read, and citations of people and institutions (which exist outside cases).
 */
export async function citationsOfSource(ds: DataSource, user: CurrentUser, sourceId: number): Promise<Citation[]> {
  const vis = visibleCasesCondition(user, 'c');
  return ds
    .getRepository(Citation)
    .createQueryBuilder('ci')
    .leftJoin('case_record', 'c', 'c.id = ci.case_id')
    .where('ci.source_id = :sourceId', { sourceId })
    .andWhere(`(ci.case_id IS NULL OR (${vis.sql}))`, vis.params)
    .orderBy('ci.case_id', 'ASC')
    .addOrderBy('ci.id', 'ASC')
    .getMany();
}
