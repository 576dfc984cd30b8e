import { DataSource, EntityManager, In } from 'typeorm';
import { can } from '../auth/policy';
import { Actor, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { forbidden, notFound, validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';
import { DetectedType } from '../media';
import { auditRecord, changedFields } from '../records/record-audit';
import { requireItem, requireEvidenceCase } from './evidence-access';
import { LinkKind } from './evidence-constants';
import { EvidenceFile } from './evidence-file.entity';
import { EvidenceItem } from './evidence-item.entity';
import { EvidenceLink } from './evidence-link.entity';
import { LinkTarget, assertTargetsInCase, linkColumns } from './evidence-links';
import { EvidenceStorage } from './evidence-storage';
import { EvidenceItemInput, UploadInput } from './evidence.schema';
import { EvidenceAccess } from './evidence.policy';
import { StoredObject } from './stored-object.entity';

const EDITABLE = ['type', 'title', 'description', 'contentDate', 'receivedFrom', 'receivedHow', 'receivedDate', 'confidentiality', 'paperLocation', 'graphic'] as const;
const EMPTY_DATE = { precision: null, start: null, end: null };

/** A file that passed the type check, still in tmp/. */
export interface IncomingFile {
  tempPath: string;
  originalName: string;
  size: number;
  sha256: string;
  detected: DetectedType;
  keptAsOther: boolean;
}

export function targetsOf(input: Pick<UploadInput, 'eventIds' | 'allegationIds' | 'statementIds' | 'personIds'>): LinkTarget[] {
  const of = (kind: LinkKind, ids: number[]) => ids.map((id) => ({ kind, id }));
  return [...of('event', input.eventIds), ...of('allegation', input.allegationIds), ...of('statement', input.statementIds), ...of('person', input.personIds)];
}

function itemColumns(input: EvidenceItemInput) {
  return {
    type: input.type,
    title: input.title,
    description: input.description,
    contentDate: input.contentDate ?? EMPTY_DATE,
    receivedFrom: input.receivedFrom,
    receivedHow: input.receivedHow,
    receivedDate: input.receivedDate ?? EMPTY_DATE,
    confidentiality: input.confidentiality,
    paperLocation: input.paperLocation,
    graphic: input.graphic,
  };
}

function assertConfidentiality(user: CurrentUser, access: EvidenceAccess, wanted: string, before?: string): void {
  if (wanted === 'privileged' && before !== 'privileged' && !can(user, 'evidence.set_privileged', access)) {
    throw validationFailed({ confidentiality: t('evidence.errors.markPrivileged') });
  }
  if (before === 'privileged' && wanted !== 'privileged' && !can(user, 'evidence.set_privileged', access)) {
    throw validationFailed({ confidentiality: t('evidence.errors.liftPrivilege') });
  }
}

/**
 * Records a new item with its files: the originals are moved into objects/, and the rows and
 * the custody entries (received, stored) commit in one transaction. If the transaction fails,
 * an object this call created is removed again; one that was already stored stays, because
 * other rows refer to it. Transactions run one at a time (withTransaction), so no other upload
 * can come to rely on an object between its placing and its removal.
 */
export async function createEvidence(
  ds: DataSource,
  storage: EvidenceStorage,
  actor: Actor,
  user: CurrentUser,
  caseId: number,
  input: UploadInput,
  files: IncomingFile[],
): Promise<{ item: EvidenceItem; fileIds: number[] }> {
  if (files.length === 0) throw validationFailed({ files: t('evidence.upload.chooseFile') });
  const created: string[] = [];
  try {
    return await withTransaction(ds, async (em) => {
      try {
        const { access } = await requireEvidenceCase(em, user, caseId, 'evidence.create');
        assertConfidentiality(user, access, input.confidentiality);
        if (files.some((f) => f.keptAsOther) && !can(user, 'evidence.keep_other', access)) throw forbidden(t('evidence.upload.keepForbidden'));
        const targets = targetsOf(input);
        await assertTargetsInCase(em, caseId, targets, undefined, user);

        const item = await em.save(EvidenceItem, em.create(EvidenceItem, { caseId, ...itemColumns(input), enteredById: user.id, createdById: user.id, updatedById: user.id }));
        await auditRecord(em, actor, 'evidence_item', item.id, 'create', EDITABLE.filter((f) => JSON.stringify(item[f] ?? null) !== JSON.stringify(EMPTY_DATE) && item[f] != null), caseId);
        await custody(em, actor, item, 'received', { how: input.receivedHow ?? null });
        const fileIds: number[] = [];
        for (const [index, file] of files.entries()) {
          if (await storage.placeObject(file.tempPath, file.sha256)) created.push(file.sha256);
          const object = await storedObject(em, file.sha256, file.size);
          const row = await em.save(
            EvidenceFile,
            em.create(EvidenceFile, {
              itemId: item.id,
              position: index + 1,
              storedObjectId: object.id,
              originalName: file.originalName,
              mime: file.detected.mime,
              category: file.keptAsOther ? 'other' : file.detected.category,
              size: file.size,
              keptAsOther: file.keptAsOther,
              previewState: 'pending',
              uploadedById: user.id,
            }),
          );
          fileIds.push(row.id);
          await custody(em, actor, item, 'stored', { fileId: row.id, sha256: file.sha256, size: file.size, mime: file.detected.mime, keptAsOther: file.keptAsOther });
        }
        for (const target of targets) await em.insert(EvidenceLink, { itemId: item.id, ...linkColumns(target) });
        return { item, fileIds };
      } catch (err) {
        for (const sha of created.splice(0)) await storage.removeObject(sha);
        throw err;
      }
    });
  } catch (err) {
    if (created.length) await removeUnreferenced(ds, storage, created);
    throw err;
  }
}

/** The stored_object row for these bytes: inserted unless the UNIQUE sha256 already has one. */
async function storedObject(em: EntityManager, sha256: string, size: number): Promise<StoredObject> {
  await em.createQueryBuilder().insert().into(StoredObject).values({ sha256, size }).orIgnore().execute();
  return em.findOneByOrFail(StoredObject, { sha256 });
}

/** After a failed commit: objects no evidence file refers to are removed. */
export async function removeUnreferenced(ds: DataSource, storage: EvidenceStorage, sha256s: string[]): Promise<void> {
  await withTransaction(ds, async (em) => {
    for (const sha256 of sha256s) {
      const used = await em
        .createQueryBuilder(EvidenceFile, 'f')
        .innerJoin(StoredObject, 'o', 'o.id = f.stored_object_id')
        .where('o.sha256 = :sha256', { sha256 })
        .getExists();
      if (!used) await storage.removeObject(sha256);
    }
  });
}

/** One custody entry in the hash-chained audit trail: evidence.<verb> on the item. */
export function custody(em: EntityManager, actor: Actor, item: Pick<EvidenceItem, 'id' | 'caseId'>, verb: string, detail: Record<string, string | number | boolean | null> = {}) {
  return recordAudit(em, actor, { action: `evidence.${verb}`, recordType: 'evidence_item', recordId: item.id, detail: { caseId: item.caseId, ...detail } });
}

export async function updateEvidence(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, itemId: number, input: EvidenceItemInput): Promise<EvidenceItem> {
  return withTransaction(ds, async (em) => {
    const { item, access } = await requireItem(em, user, caseId, itemId, 'evidence.update');
    assertConfidentiality(user, access, input.confidentiality, item.confidentiality);
    const next = itemColumns(input);
    const fields = changedFields(item, next as Partial<EvidenceItem>, [...EDITABLE]);
    if (fields.length === 0) return item;
    Object.assign(item, next, { updatedById: user.id });
    await em.save(EvidenceItem, item);
    await auditRecord(em, actor, 'evidence_item', item.id, 'update', fields, caseId);
    if (fields.includes('paperLocation')) await custody(em, actor, item, 'paper_location', { location: item.paperLocation });
    return item;
  });
}

export async function addLink(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, itemId: number, target: LinkTarget): Promise<void> {
  await withTransaction(ds, async (em) => {
    const { item } = await requireItem(em, user, caseId, itemId, 'evidence.update');
    await assertTargetsInCase(em, caseId, [target], () => 'targetId', user);
    const columns = linkColumns(target);
    // One target column per link: the others are NULL, which a find condition cannot compare with.
    const same = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== null));
    if (await em.existsBy(EvidenceLink, { itemId, ...same })) return;
    await em.insert(EvidenceLink, { itemId, ...columns });
    await auditRecord(em, actor, 'evidence_item', item.id, 'link_add', ['links'], caseId);
  });
}

export async function removeLink(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, itemId: number, linkId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireItem(em, user, caseId, itemId, 'evidence.update');
    const result = await em.delete(EvidenceLink, { id: linkId, itemId });
    if (!result.affected) throw notFound(t('evidence.errors.notFound.link'));
    await auditRecord(em, actor, 'evidence_item', itemId, 'link_remove', ['links'], caseId);
  });
}

export interface EvidenceFilter {
  type?: string;
  link?: string;
}

/** The items of a case this user may see (privileged ones only for lawyers and admins), newest first. */
export async function listEvidence(ds: DataSource, user: CurrentUser, caseId: number, access: EvidenceAccess, filter: EvidenceFilter = {}): Promise<EvidenceItem[]> {
  const qb = ds.getRepository(EvidenceItem).createQueryBuilder('i').where('i.case_id = :caseId', { caseId });
  if (filter.type) qb.andWhere('i.type = :type', { type: filter.type });
  if (filter.link) {
    const [kind, id] = filter.link.split(':');
    const column = { event: 'event_id', allegation: 'allegation_id', statement: 'statement_id', person: 'person_id' }[kind!];
    if (column) qb.andWhere(`i.id IN (SELECT l.item_id FROM evidence_link l WHERE l.${column} = :linkId)`, { linkId: Number(id) });
  }
  const rows = await qb.orderBy('i.id', 'DESC').getMany();
  return rows.filter((item) => can(user, 'evidence.read', { ...access, confidentiality: item.confidentiality }));
}

export async function filesOf(db: DataSource | EntityManager, itemIds: number[]): Promise<(EvidenceFile & { sha256: string })[]> {
  if (itemIds.length === 0) return [];
  const m = db instanceof DataSource ? db.manager : db;
  const files = await m.find(EvidenceFile, { where: { itemId: In(itemIds) }, order: { itemId: 'ASC', position: 'ASC' } });
  const objects = await m.find(StoredObject, { where: { id: In([...new Set(files.map((f) => f.storedObjectId))]) } });
  const shaOf = new Map(objects.map((o) => [o.id, o.sha256]));
  return files.map((f) => Object.assign(f, { sha256: shaOf.get(f.storedObjectId)! }));
}
