import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { Actor, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { conflict, notFound } from '../http/errors';
import { EvidenceStorage } from '../evidence/evidence-storage';
import { StoredObject } from '../evidence/stored-object.entity';
import { TrashItem, TrashStoredObject, TRASH_LIMITS } from './trash-item.entity';
import { kindLabel, kindOf, labelOf } from './trash-kinds';
import { t } from '../i18n/i18n';
import {
  SnapshotRow,
  deleteRow,
  insertOrder,
  insertRow,
  keyOf,
  looseRows,
  looseTarget,
  metadataOf,
  outbound,
  restoreLink,
  rowExists,
  rowKey,
  takeSnapshot,
} from './trash-snapshot';

export interface TrashRequest {
  /** The entity (or its table) and the id of the record to delete. */
  target: EntityTarget<ObjectLiteral> | string;
  id: number;
  /** The case the record belongs to (the case itself for a case). */
  caseId?: number | null;
  /** What the trash list shows for it; its title or name when absent. */
  label?: string;
}

const STORED_OBJECT_TABLE = 'stored_object';

/** The first `max` characters (code points): cutting UTF-16 units could split an emoji, whose half is stored as replacement characters. */
const firstChars = (s: string, max: number) => [...s].slice(0, max).join('');

function tableOf(em: EntityManager, target: TrashRequest['target']): string {
  return typeof target === 'string' ? target : em.connection.getMetadata(target).tablePath;
}

/**
 * Moves one record to the trash, inside the caller's transaction: keeps the row and everything
 * the database deletes or unlinks with it, then deletes it as before. The caller still writes
 * its own `<type>.delete` audit entry; this adds `trash.move` naming the trash item.
 * A record other rows still need (ON DELETE RESTRICT) is refused with 409 and nothing changes.
 */
export async function moveToTrash(em: EntityManager, actor: Actor, req: TrashRequest): Promise<TrashItem> {
  const table = tableOf(em, req.target);
  const md = metadataOf(em, table);
  const key = { [md.primaryColumns[0].databaseName]: req.id };
  const { snapshot, blockers } = await takeSnapshot(em, table, key);
  if (blockers.length > 0) {
    const what = blockers.map((b) => t('trash.errors.blocker', { count: b.count, kind: kindLabel(kindOf(b.table)) })).join(', ');
    throw conflict(t('trash.errors.blocked', { kind: kindLabel(kindOf(table)), what }));
  }
  const caseRow = req.caseId ? ((await em.query('SELECT code, restricted FROM case_record WHERE id = ?', [req.caseId])) as { code: string; restricted: number }[])[0] : undefined;
  await deleteRow(em, table, key);
  for (const row of looseRows(snapshot)) await deleteRow(em, row.table, keyOf(metadataOf(em, row.table), row.values));
  const item = await em.save(
    TrashItem,
    em.create(TrashItem, {
      kind: kindOf(table),
      recordType: table,
      recordId: req.id,
      caseId: req.caseId ?? null,
      caseCode: caseRow?.code ?? null,
      restricted: Boolean(caseRow?.restricted),
      label: firstChars(req.label ?? labelOf(table, snapshot.rows[0].values), TRASH_LIMITS.label),
      deletedById: actor.userId,
      deletedByLabel: firstChars(actor.label, 200),
      deletedAt: new Date(),
      rowCount: snapshot.rows.length,
      snapshot,
    }),
  );
  const objects = storedObjectsOf(em, snapshot.rows);
  if (objects.length > 0) await em.insert(TrashStoredObject, objects.map((storedObjectId) => ({ trashItemId: item.id, storedObjectId })));
  await recordAudit(em, actor, {
    action: 'trash.move',
    recordType: table,
    recordId: req.id,
    detail: { trashItemId: item.id, kind: item.kind, rows: snapshot.rows.length, ...(req.caseId ? { caseId: req.caseId } : {}) },
  });
  return item;
}

/** Evidence originals the snapshot's rows point at: kept on disk while the item is in the trash. */
function storedObjectsOf(em: EntityManager, rows: SnapshotRow[]): number[] {
  const ids = new Set<number>();
  for (const row of rows) {
    for (const fk of outbound(metadataOf(em, row.table))) {
      if (fk.referencedTablePath !== STORED_OBJECT_TABLE) continue;
      const v = row.values[fk.columnNames[0]];
      if (v != null) ids.add(Number(v));
    }
  }
  return [...ids];
}

export interface TrashFilter {
  kind?: string;
  caseId?: number;
  page: number;
  pageSize: number;
}

export async function listTrash(ds: DataSource, f: TrashFilter): Promise<{ rows: TrashItem[]; total: number; kinds: string[] }> {
  const qb = ds.getRepository(TrashItem).createQueryBuilder('t').select([
    't.id', 't.kind', 't.recordType', 't.recordId', 't.caseId', 't.caseCode', 't.label', 't.restricted', 't.deletedById', 't.deletedByLabel', 't.deletedAt', 't.rowCount',
  ]);
  if (f.kind) qb.andWhere('t.kind = :kind', { kind: f.kind });
  if (f.caseId) qb.andWhere('t.case_id = :caseId', { caseId: f.caseId });
  const [rows, total] = await qb.orderBy('t.deleted_at', 'DESC').addOrderBy('t.id', 'DESC').skip((f.page - 1) * f.pageSize).take(f.pageSize).getManyAndCount();
  const kinds = ((await ds.query('SELECT DISTINCT kind FROM trash_item ORDER BY kind')) as { kind: string }[]).map((r) => r.kind);
  return { rows, total, kinds };
}

export async function getTrashItem(db: DataSource | EntityManager, id: number): Promise<TrashItem> {
  const em = db instanceof DataSource ? db.manager : db;
  const item = await em.findOneBy(TrashItem, { id });
  if (!item) throw notFound(t('trash.errors.noSuchItem'));
  return item;
}

/**
 * The trash item holding this record: the one where it was the record deleted, else one that
 * took it along (an event inside a trashed case).
 */
export async function trashItemHolding(em: EntityManager, table: string, id: unknown): Promise<TrashItem | null> {
  const root = await trashItemFor(em, table, Number(id));
  if (root) return root;
  const candidates = await em
    .createQueryBuilder(TrashItem, 't')
    .where('t.snapshot LIKE :pattern', { pattern: `%"table":${JSON.stringify(table)}%` })
    .orderBy('t.id', 'DESC')
    .getMany();
  const pk = metadataOf(em, table).primaryColumns[0].databaseName;
  return candidates.find((c) => c.snapshot.rows.some((r) => r.table === table && r.values[pk] === id)) ?? null;
}

/** The trash item holding this record as the one deleted, if any. */
export async function trashItemFor(db: DataSource | EntityManager, recordType: string, recordId: number): Promise<TrashItem | null> {
  const em = db instanceof DataSource ? db.manager : db;
  return em.findOne(TrashItem, { where: { recordType, recordId }, order: { id: 'DESC' }, select: { id: true, kind: true, label: true, recordType: true, recordId: true, caseId: true, caseCode: true, deletedAt: true, deletedByLabel: true } });
}

export interface RestoreResult {
  item: TrashItem;
  restored: number;
  /** Rows left out because what they linked to was purged for good. */
  skipped: number;
}

/**
 * Puts everything back with its ids, in the order the foreign keys need, and the links the delete
 * cleared. Refused, changing nothing, when the record itself depends on something that is gone:
 * in the trash ("restore the case first") or purged.
 */
export async function restoreFromTrash(ds: DataSource, actor: Actor, id: number): Promise<RestoreResult> {
  return withTransaction(ds, async (em) => {
    const item = await getTrashItem(em, id);
    const rows = item.snapshot.rows;
    const inSnapshot = new Map(rows.map((r, i) => [rowKey(r.table, keyOf(metadataOf(em, r.table), r.values)), i]));
    const keep = rows.map(() => true);
    let skipped = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.via !== null && !keep[row.via]) {
        keep[i] = false;
        skipped++;
        continue;
      }
      const md = metadataOf(em, row.table);
      if (await rowExists(em, row.table, keyOf(md, row.values))) {
        if (i === 0) throw conflict(t('trash.errors.alreadyBack', { kind: kindLabel(item.kind) }));
        keep[i] = false;
        continue;
      }
      const targets: { table: string; column: string; value: unknown }[] = outbound(md)
        .filter((fk) => row.values[fk.columnNames[0]] != null)
        .map((fk) => ({ table: fk.referencedTablePath, column: fk.referencedColumnNames[0], value: row.values[fk.columnNames[0]] }));
      const loose = looseTarget(row);
      if (loose && loose.id != null) {
        const looseMd = metadataOf(em, loose.table);
        targets.push({ table: loose.table, column: looseMd.primaryColumns[0].databaseName, value: loose.id });
      }
      for (const target of targets) {
        const targetIndex = inSnapshot.get(rowKey(target.table, { [target.column]: target.value }));
        if (targetIndex !== undefined) {
          if (keep[targetIndex] || targetIndex > i) continue;
        } else if (await rowExists(em, target.table, { [target.column]: target.value })) continue;
        const holder = await trashItemHolding(em, target.table, target.value);
        if (holder) {
          throw conflict(
            holder.recordType === 'case_record' && holder.recordId === item.caseId && item.recordType !== 'case_record'
              ? t('trash.errors.caseInTrash', { kind: kindLabel(item.kind), case: holder.caseCode ?? holder.label })
              : t('trash.errors.linkedInTrash', { kind: kindLabel(item.kind), holderKind: kindLabel(holder.kind), holder: holder.label }),
          );
        }
        if (i === 0) throw conflict(t('trash.errors.parentGone', { kind: kindLabel(item.kind), parentKind: kindLabel(kindOf(target.table)) }));
        keep[i] = false;
        skipped++;
        break;
      }
    }
    // Rows reached from a left-out row (checked above in order) and rows whose own parent came later.
    for (let i = 0; i < rows.length; i++) if (keep[i] && rows[i].via !== null && !keep[rows[i].via!]) keep[i] = false;
    const kept = rows.filter((_, i) => keep[i]);
    if (ds.options.type === 'better-sqlite3') await em.query('PRAGMA defer_foreign_keys = ON');
    const tables = insertOrder(em, [...new Set(kept.map((r) => r.table))]);
    try {
      for (const table of tables) for (const row of kept) if (row.table === table) await insertRow(em, row);
    } catch (err) {
      if (/UNIQUE constraint failed/i.test(String((err as Error).message))) {
        throw conflict(t('trash.errors.sameValue', { kind: kindLabel(item.kind), column: /\.(\w+)$/.exec(String((err as Error).message).split(',')[0])?.[1] ?? t('trash.errors.aValue') }));
      }
      if (/NOT NULL constraint failed|CHECK constraint failed/i.test(String((err as Error).message))) {
        throw conflict(t('trash.errors.changedShape', { kind: kindLabel(item.kind) }));
      }
      throw err;
    }
    for (const link of item.snapshot.cleared) {
      const targetIndex = inSnapshot.get(rowKey(link.target, { [metadataOf(em, link.target).primaryColumns[0].databaseName]: link.value }));
      if (targetIndex === undefined ? await rowExists(em, link.target, { [metadataOf(em, link.target).primaryColumns[0].databaseName]: link.value }) : keep[targetIndex]) await restoreLink(em, link);
    }
    await em.delete(TrashItem, { id: item.id });
    await recordAudit(em, actor, {
      action: 'trash.restore',
      recordType: item.recordType,
      recordId: item.recordId,
      detail: { trashItemId: item.id, kind: item.kind, rows: kept.length, skipped, ...(item.caseId ? { caseId: item.caseId } : {}) },
    });
    return { item, restored: kept.length, skipped };
  });
}

export interface PurgeResult {
  item: TrashItem;
  /** SHA-256 of the originals no record refers to any more: the caller removes their files. */
  orphanedObjects: string[];
  /** Previews and thumbnails of the purged files that no other file uses. */
  orphanedDerived: string[];
}

/**
 * Deletes a trash item for good (admins), with the reason in the audit trail. Evidence originals
 * that nothing else refers to (no file of a record, no other trash item) lose their row here; the
 * caller removes their files once this has committed.
 */
export async function purgeFromTrash(ds: DataSource, actor: Actor, storage: Pick<EvidenceStorage, 'removeObject' | 'removeDerived'>, id: number, reason: string): Promise<PurgeResult> {
  const result = await withTransaction(ds, async (em) => {
    const item = await getTrashItem(em, id);
    const objectIds = (await em.find(TrashStoredObject, { where: { trashItemId: item.id } })).map((o) => o.storedObjectId);
    await em.delete(TrashItem, { id: item.id });
    const orphans: { id: number; sha256: string }[] = [];
    if (objectIds.length > 0) {
      const rows = (await em.query(
        `SELECT o.id AS id, o.sha256 AS sha256 FROM stored_object o WHERE o.id IN (${objectIds.map(() => '?').join(',')})
           AND NOT EXISTS (SELECT 1 FROM evidence_file f WHERE f.stored_object_id = o.id)
           AND NOT EXISTS (SELECT 1 FROM trash_stored_object t WHERE t.stored_object_id = o.id)`,
        objectIds,
      )) as { id: number; sha256: string }[];
      orphans.push(...rows);
      if (orphans.length > 0) await em.delete(StoredObject, { id: In(orphans.map((o) => o.id)) });
    }
    const derived = new Set<string>();
    for (const row of item.snapshot.rows) {
      if (row.table !== 'evidence_file') continue;
      for (const c of ['preview_path', 'thumbnail_path']) if (typeof row.values[c] === 'string') derived.add(row.values[c] as string);
    }
    const stillUsed = new Set<string>();
    for (const p of derived) {
      if (await em.query('SELECT 1 FROM evidence_file WHERE preview_path = ? OR thumbnail_path = ? LIMIT 1', [p, p]).then((r: unknown[]) => r.length > 0)) stillUsed.add(p);
    }
    await recordAudit(em, actor, {
      action: 'trash.purge',
      recordType: item.recordType,
      recordId: item.recordId,
      detail: { trashItemId: item.id, kind: item.kind, reason, rows: item.rowCount, originalsRemoved: orphans.length, ...(item.caseId ? { caseId: item.caseId } : {}) },
    });
    return { item, orphanedObjects: orphans.map((o) => o.sha256), orphanedDerived: [...derived].filter((p) => !stillUsed.has(p)) };
  });
  // After the commit: a failed removal leaves a file no row refers to, which the start-up sweep removes.
  for (const sha256 of result.orphanedObjects) await storage.removeObject(sha256).catch(() => undefined);
  for (const relative of result.orphanedDerived) await storage.removeDerived(relative).catch(() => undefined);
  return result;
}

/** Ids of the evidence originals some trash item still needs (the start-up sweep keeps their files). */
export async function objectsHeldByTrash(ds: DataSource): Promise<Set<string>> {
  const rows = (await ds.query('SELECT DISTINCT o.sha256 AS sha256 FROM stored_object o JOIN trash_stored_object t ON t.stored_object_id = o.id')) as { sha256: string }[];
  return new Set(rows.map((r) => r.sha256));
}
