import { DataSource, IsNull } from 'typeorm';
import { Actor, CLI_ACTOR, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { notFound } from '../http/errors';
import { t } from '../i18n/i18n';
import { AlertKind } from './evidence-constants';
import { checkOriginal, raiseAlert } from './evidence-files';
import { EvidenceFile } from './evidence-file.entity';
import type { EvidenceRuntime } from './evidence-runtime';
import { EvidenceStorage } from './evidence-storage';
import { IntegrityAlert } from './integrity-alert.entity';

export interface IntegrityProblem {
  sha256: string;
  kind: AlertKind;
  actual: string | null;
  files: { caseId: number; itemId: number; fileId: number; name: string }[];
}

/** Re-hashes every original referred to by an evidence file; each problem also raises an alert. */
export async function verifyOriginals(ds: DataSource, storage: EvidenceStorage, actor: Actor = CLI_ACTOR): Promise<{ checked: number; problems: IntegrityProblem[] }> {
  const rows: { objectId: number; sha256: string; caseId: number; itemId: number; fileId: number; name: string }[] = await ds.query(
    `SELECT o.id AS "objectId", o.sha256 AS sha256, i.case_id AS "caseId", i.id AS "itemId", f.id AS "fileId", f.original_name AS name
       FROM stored_object o JOIN evidence_file f ON f.stored_object_id = o.id JOIN evidence_item i ON i.id = f.item_id
      ORDER BY o.id, f.id`,
  );
  const byObject = new Map<number, typeof rows>();
  for (const r of rows) byObject.set(r.objectId, [...(byObject.get(r.objectId) ?? []), r]);
  const problems: IntegrityProblem[] = [];
  for (const [objectId, files] of byObject) {
    const sha256 = files[0]!.sha256;
    const result = await checkOriginal(storage, sha256);
    if (result.ok) continue;
    await raiseAlert(ds, objectId, sha256, result, 'verify', actor);
    problems.push({ sha256, kind: result.kind, actual: result.actual, files: files.map(({ caseId, itemId, fileId, name }) => ({ caseId, itemId, fileId, name })) });
  }
  return { checked: byObject.size, problems };
}

export async function listAlerts(ds: DataSource, includeResolved = false) {
  const alerts = await ds.getRepository(IntegrityAlert).find({ where: includeResolved ? {} : { resolvedAt: IsNull() }, order: { id: 'DESC' }, take: 500 });
  const files: { objectId: number; caseId: number; itemId: number; fileId: number; name: string; code: string }[] = alerts.length
    ? await ds.query(
        `SELECT f.stored_object_id AS "objectId", i.case_id AS "caseId", i.id AS "itemId", f.id AS "fileId", f.original_name AS name, c.code AS code
           FROM evidence_file f JOIN evidence_item i ON i.id = f.item_id JOIN case_record c ON c.id = i.case_id
          WHERE f.stored_object_id IN (${alerts.map(() => '?').join(',')})`,
        alerts.map((a) => a.storedObjectId),
      )
    : [];
  return alerts.map((a) => ({
    id: a.id,
    kind: a.kind,
    expectedSha256: a.expectedSha256,
    actualSha256: a.actualSha256,
    detectedBy: a.detectedBy,
    detectedAt: a.detectedAt.toISOString(),
    resolvedAt: a.resolvedAt ? a.resolvedAt.toISOString() : null,
    files: files.filter((f) => f.objectId === a.storedObjectId).map((f) => ({ ...f, url: `/cases/${f.caseId}/evidence/${f.itemId}` })),
  }));
}

export async function resolveAlert(ds: DataSource, actor: Actor, userId: number, alertId: number): Promise<void> {
  await withTransaction(ds, async (em) => {
    const alert = await em.findOneBy(IntegrityAlert, { id: alertId, resolvedAt: IsNull() });
    if (!alert) throw notFound(t('evidence.errors.noOpenAlert'));
    await em.update(IntegrityAlert, { id: alertId }, { resolvedAt: new Date(), resolvedById: userId });
    await recordAudit(em, actor, { action: 'integrity_alert.resolve', recordType: 'integrity_alert', recordId: alertId, detail: { kind: alert.kind } });
  });
}

/**
 * Start-up clean-up after a server that stopped mid-upload: everything in tmp/ goes, so do
 * derivatives it was still writing, and so does every object file no evidence file refers to
 * (placed by a transaction that never committed) and no record in the trash still needs.
 */
export async function sweepStorage(ds: DataSource, storage: EvidenceStorage): Promise<{ tempRemoved: number; orphansRemoved: number; derivedTempRemoved: number }> {
  const tempRemoved = await storage.clearTemp();
  const derivedTempRemoved = await storage.clearInterruptedDerived();
  // Originals of records in the trash stay until an admin purges them (trash.service.ts).
  const rows: { sha256: string }[] = await ds.query(
    `SELECT DISTINCT o.sha256 AS sha256 FROM stored_object o WHERE EXISTS (SELECT 1 FROM evidence_file f WHERE f.stored_object_id = o.id) OR EXISTS (SELECT 1 FROM trash_stored_object t WHERE t.stored_object_id = o.id)`,
  );
  const referenced = new Set(rows.map((r) => r.sha256));
  let orphansRemoved = 0;
  for await (const name of storage.listObjects()) {
    if (referenced.has(name)) continue;
    await storage.removeObjectFile(name);
    orphansRemoved++;
  }
  await withTransaction(ds, (em) => em.query(`DELETE FROM stored_object WHERE id NOT IN (SELECT stored_object_id FROM evidence_file) AND id NOT IN (SELECT stored_object_id FROM trash_stored_object)`));
  return { tempRemoved, orphansRemoved, derivedTempRemoved };
}

/** Files whose preview or thumbnail is recorded as ready but is not on disk (lost in a crash, or removed). */
export async function filesMissingDerivatives(ds: DataSource, storage: EvidenceStorage): Promise<number[]> {
  const rows = await ds.getRepository(EvidenceFile).find({ where: { previewState: 'ready' }, select: { id: true, previewPath: true, thumbnailPath: true } });
  const missing: number[] = [];
  for (const row of rows) {
    for (const relative of [row.previewPath, row.thumbnailPath]) {
      if (!relative || !(await storage.derivedExists(relative))) {
        missing.push(row.id);
        break;
      }
    }
  }
  return missing;
}

/**
 * What the server does with the evidence store before its first request: the sweep above; the
 * post-upload jobs that never finished run again, and so do those whose derivatives are missing
 * (the jobs are idempotent: they overwrite their results).
 */
export async function recoverEvidenceStorage(ds: DataSource, runtime: EvidenceRuntime): Promise<{ tempRemoved: number; orphansRemoved: number; derivedTempRemoved: number; resumed: number; rederived: number }> {
  const swept = await sweepStorage(ds, runtime.storage);
  const resumed = await runtime.jobs.resumeUnprocessed();
  const missing = await filesMissingDerivatives(ds, runtime.storage);
  runtime.jobs.enqueue(missing);
  return { ...swept, resumed, rederived: missing.length };
}
