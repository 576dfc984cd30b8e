import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Response } from 'express';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { can } from '../auth/policy';
import { Actor, SYSTEM_ACTOR } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { AppError, forbidden, notFound } from '../http/errors';
import { t } from '../i18n/i18n';
import { sha256File } from '../media';
import { ItemWithAccess, requireItem } from './evidence-access';
import { AlertKind } from './evidence-constants';
import { EvidenceFile } from './evidence-file.entity';
import { EvidenceStorage } from './evidence-storage';
import { custody, filesOf } from './evidence.service';
import { IntegrityAlert } from './integrity-alert.entity';

export type FileWithHash = EvidenceFile & { sha256: string };

/** Loads one file of an item for a user allowed to see the item's files (sensitive items: not analysts or viewers). */
export async function requireFile(db: DataSource | EntityManager, user: CurrentUser | undefined, caseId: number, itemId: number, fileId: number): Promise<ItemWithAccess & { file: FileWithHash }> {
  const found = await requireItem(db, user, caseId, itemId);
  if (!can(user, 'evidence.files', found.access)) throw forbidden(t('evidence.show.sensitiveFiles'));
  const file = (await filesOf(db, [itemId])).find((f) => f.id === fileId);
  if (!file) throw notFound(t('evidence.errors.noFile'));
  return { ...found, file };
}

export type IntegrityResult = { ok: true; path: string } | { ok: false; kind: AlertKind; actual: string | null };

/** Re-hashes a stored original against the SHA-256 recorded when it was received. */
export async function checkOriginal(storage: EvidenceStorage, sha256: string): Promise<IntegrityResult> {
  const path = storage.objectPath(sha256);
  try {
    const digest = await sha256File(path);
    return digest.sha256 === sha256 ? { ok: true, path } : { ok: false, kind: 'mismatch', actual: digest.sha256 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, kind: 'missing', actual: null };
    throw err;
  }
}

/** Raises (once, until an admin resolves it) an integrity alert, and logs the failure in the custody of every item using the object. */
export async function raiseAlert(ds: DataSource, storedObjectId: number, expected: string, result: Exclude<IntegrityResult, { ok: true }>, detectedBy: 'download' | 'verify', actor: Actor = SYSTEM_ACTOR): Promise<boolean> {
  return withTransaction(ds, async (em) => {
    const open = await em.findOneBy(IntegrityAlert, { storedObjectId, kind: result.kind, resolvedAt: IsNull() });
    if (open) return false;
    await em.insert(IntegrityAlert, { storedObjectId, kind: result.kind, expectedSha256: expected, actualSha256: result.actual, detectedBy });
    const files = await em.find(EvidenceFile, { where: { storedObjectId }, relations: { item: true } });
    for (const f of files) {
      await custody(em, actor, f.item!, 'integrity_failed', { fileId: f.id, problem: result.kind, expected, actual: result.actual, detectedBy });
    }
    return true;
  });
}

export function integrityError(kind: AlertKind): AppError {
  return new AppError(
    409,
    'integrity_failed',
    kind === 'missing' ? t('evidence.errors.originalMissing') : t('evidence.errors.originalMismatch'),
  );
}

/** RFC 5987/6266: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const CSP_EXTRA: Record<string, string> = {
  image: "; img-src 'self'; style-src 'unsafe-inline'",
  video: "; media-src 'self'; style-src 'unsafe-inline'",
  audio: "; media-src 'self'; style-src 'unsafe-inline'",
  pdf: "; object-src 'self'; style-src 'unsafe-inline'",
  text: '',
};

/** Headers for any file response: never sniffed, always sandboxed, never cached. */
export function setFileHeaders(res: Response, opts: { mime: string; disposition: 'inline' | 'attachment'; name: string; category: string }): void {
  // A file name is text written by people: a protected name in it is withheld like anywhere else.
  opts = { ...opts, name: res.req.redact(opts.name) };
  res.setHeader('Content-Type', opts.disposition === 'attachment' && opts.category === 'other' ? 'application/octet-stream' : opts.category === 'text' ? 'text/plain; charset=utf-8' : opts.mime);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', `sandbox; default-src 'none'${opts.disposition === 'inline' ? (CSP_EXTRA[opts.category] ?? '') : ''}`);
  res.setHeader('Content-Disposition', contentDisposition(opts.disposition, opts.name));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Accept-Ranges', 'bytes');
}

/** A single byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); null for none or one we do not serve (several ranges). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** Streams a file from disk (never buffered whole), honouring one Range when asked. */
export async function streamFile(res: Response, path: string, size: number, rangeHeader?: string): Promise<void> {
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${size}`);
    res.end();
    return;
  }
  if (range) {
    res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    res.setHeader('Content-Length', String(size));
  }
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(fs.createReadStream(path, range ? { start: range.start, end: range.end } : {}), res);
  } catch {
    // The client went away mid-file; nothing to answer.
  }
}

/** A download of the original: re-hashed first; a mismatch blocks it and raises an alert; a match is logged in the custody. */
export async function downloadOriginal(ds: DataSource, storage: EvidenceStorage, actor: Actor, found: ItemWithAccess & { file: FileWithHash }, res: Response): Promise<void> {
  const { file, item } = found;
  const check = await checkOriginal(storage, file.sha256);
  if (!check.ok) {
    await raiseAlert(ds, file.storedObjectId, file.sha256, check, 'download', actor);
    throw integrityError(check.kind);
  }
  await withTransaction(ds, (em) => custody(em, actor, item, 'downloaded', { fileId: file.id, sha256: file.sha256 }));
  setFileHeaders(res, { mime: file.mime, disposition: 'attachment', name: file.originalName, category: file.category });
  res.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
  await streamFile(res, check.path, file.size);
}
