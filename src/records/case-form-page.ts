import { Request } from 'express';
import { DataSource } from 'typeorm';
import { authorize } from '../auth/policy';
import { requireCase } from '../cases/case-access';
import { caseIdOf } from '../cases/case.routes';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';

/**
 * The case a record form belongs to, loaded for writing: 404 when the user may not see the case,
 * 403 when they may read but not change it. Returns what the form's breadcrumb shows.
 */
export async function caseForWriting(ds: DataSource, req: Request) {
  authorize(req.currentUser, 'case.list');
  const caseId = caseIdOf(req, 'caseId');
  const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
  return { caseId, user: req.currentUser, caseRecord: { id: record.id, code: record.code, title: record.title } };
}

export async function caseForReading(ds: DataSource, req: Request) {
  authorize(req.currentUser, 'case.list');
  const caseId = caseIdOf(req, 'caseId');
  await requireCase(ds, req.currentUser, caseId);
  return { caseId, user: req.currentUser };
}

export async function recordHistory(ds: DataSource, recordType: string, id: number) {
  return (await historyOf(ds, recordType, id)).map(presentAuditEntry);
}
