import fs from 'node:fs';
import path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { ImportBatch, RowCounts, StoredMapping, StoredSheet } from './import-batch.entity';
import { CurrentUser } from '../http/context';
import { AppError, forbidden, notFound } from '../http/errors';
import { t } from '../i18n/i18n';

/** Researchers and admins import; viewers, lawyers and analysts are refused. */
export function assertMayImport(user: CurrentUser | undefined): asserts user is CurrentUser {
  if (!user || (user.role !== 'admin' && user.role !== 'researcher')) throw forbidden(t('imports.errors.notAllowed'));
}

/** A batch the user may act on: an admin any, a researcher their own; others' answer 404 like a missing one. */
export async function loadBatch(db: DataSource | EntityManager, user: CurrentUser, batchId: number): Promise<ImportBatch> {
  assertMayImport(user);
  const em = db instanceof DataSource ? db.manager : db;
  const batch = Number.isSafeInteger(batchId) ? await em.findOneBy(ImportBatch, { id: batchId }) : null;
  if (!batch || (user.role !== 'admin' && batch.userId !== user.id)) throw notFound(t('imports.errors.notFound'));
  return batch;
}

export const wrongStatus = (batch: ImportBatch) => new AppError(409, 'import_wrong_status', t('imports.errors.wrongStatus', { status: batch.status }));

/** The copy of an uploaded file kept until its batch is committed, undone or discarded: <data dir>/imports/<sha256>. */
export function storedFilePath(ds: DataSource, sha256: string): string {
  const database = String(ds.options.database);
  return path.join(path.dirname(path.resolve(database)), 'imports', sha256);
}

/** Removes the kept copy unless another open batch holds the same file. */
export async function releaseFile(ds: DataSource, batch: ImportBatch): Promise<void> {
  const others: { n: number }[] = await ds.query(`SELECT count(*) AS n FROM import_batch WHERE sha256 = ? AND id <> ? AND status IN ('mapping','checked','has-problems')`, [batch.sha256, batch.id]);
  if (Number(others[0]?.n ?? 0) === 0) fs.rmSync(storedFilePath(ds, batch.sha256), { force: true });
}

/** Plain data about a batch for pages, the API and the command line: codes and numbers, no sentences. */
export interface BatchView {
  id: number;
  fileName: string;
  sha256: string;
  bytes: number;
  format: 'csv' | 'xlsx' | 'json';
  status: ImportBatch['status'];
  userId: number;
  sheets: StoredSheet[];
  notices: unknown[];
  mapping: StoredMapping;
  counts: RowCounts;
  createdAt: string;
  checkedAt: string | null;
  committedAt: string | null;
  undoneAt: string | null;
}

export type BatchSummary = Pick<BatchView, 'id' | 'fileName' | 'status' | 'userId' | 'counts' | 'createdAt' | 'committedAt' | 'undoneAt'> & { userName: string };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function batchView(b: ImportBatch): BatchView {
  return {
    id: b.id,
    fileName: b.fileName,
    sha256: b.sha256,
    bytes: b.bytes,
    format: b.format,
    status: b.status,
    userId: b.userId,
    sheets: b.sheets,
    notices: b.notices,
    mapping: b.mapping,
    counts: b.counts,
    createdAt: iso(b.createdAt)!,
    checkedAt: iso(b.checkedAt),
    committedAt: iso(b.committedAt),
    undoneAt: iso(b.undoneAt),
  };
}
