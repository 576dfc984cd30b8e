import { Request, Response } from 'express';
import { can } from '../auth/policy';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { AppError, forbidden } from '../http/errors';
import { t } from '../i18n/i18n';
import { checkForm } from '../http/validate';
import { checkAllowed, detectFileType } from '../media';
import { requireEvidenceCase } from './evidence-access';
import { EvidenceType } from './evidence-constants';
import { EvidenceItem } from './evidence-item.entity';
import { evidenceRuntime } from './evidence-runtime';
import { ParsedUpload, sanitiseFileName } from './evidence-upload';
import { CaseAccess } from '../cases/case.policy';
import { IncomingFile, createEvidence } from './evidence.service';
import { uploadSchema } from './evidence.schema';
import { refusalText } from './evidence-wording';

export type IntakeResult =
  | { ok: true; item: EvidenceItem; fileIds: number[] }
  | { ok: false; status: number; message: string; errors: Record<string, string>; values: Record<string, unknown> };

const refused = (status: number, errors: Record<string, string>, values: Record<string, unknown>, message = t('evidence.upload.notSaved')): IntakeResult => ({ ok: false, status, message, errors, values });

/**
 * Receives an upload for a case (pages and API alike): checks the right to upload before reading
 * the body, streams the files into tmp/ while hashing them, validates the description, decides
 * each file's type from its bytes against the evidence type's allow-list, then stores the item.
 * Temporary files never outlive the response.
 */
export async function receiveEvidence(ctx: AppContext, req: Request, res: Response, caseId: number): Promise<IntakeResult> {
  const { ds, config } = ctx;
  const runtime = evidenceRuntime(ds, config);
  const { access } = await requireEvidenceCase(ds, req.currentUser, caseId, 'evidence.create');
  const upload = await runtime.receive(req, res);
  try {
    return await intake(ctx, req, caseId, access, upload);
  } finally {
    // Kept files were moved into objects/ already; the rest go before the answer is sent.
    await runtime.storage.removeTemp(upload.files.map((f) => f.path));
  }
}

async function intake(ctx: AppContext, req: Request, caseId: number, access: CaseAccess, upload: ParsedUpload): Promise<IntakeResult> {
  const { ds, config } = ctx;
  const runtime = evidenceRuntime(ds, config);
  const values = upload.body;
  const form = checkForm(uploadSchema, upload.body);
  if (!form.ok) return refused(422, form.errors, values);
  const input = form.data;
  if (input.keepAsOther && !can(req.currentUser, 'evidence.keep_other', access)) throw forbidden(t('evidence.upload.keepForbidden'));
  if (upload.files.length === 0) return refused(422, { files: t('evidence.upload.chooseFile') }, values);

  const incoming: IncomingFile[] = [];
  const problems: string[] = [];
  for (const file of upload.files) {
    const originalName = sanitiseFileName(file.originalname);
    const detected = await detectFileType(file.path);
    const allowed = checkAllowed(input.type as EvidenceType, detected);
    if (!allowed.ok && !input.keepAsOther) problems.push(`${originalName}: ${refusalText(input.type as EvidenceType, detected.mime)}`);
    incoming.push({ tempPath: file.path, originalName, size: file.size, sha256: file.sha256, detected, keptAsOther: !allowed.ok });
  }
  if (problems.length) {
    const hint = can(req.currentUser, 'evidence.keep_other', access) ? ` ${t('evidence.upload.keepHint')}` : '';
    return refused(415, { files: problems.join(' ') + hint }, values, t('evidence.upload.wrongType'));
  }
  try {
    const { item, fileIds } = await createEvidence(ds, runtime.storage, actorOf(req), req.currentUser!, caseId, input, incoming);
    runtime.jobs.enqueue(fileIds);
    return { ok: true, item, fileIds };
  } catch (err) {
    if (err instanceof AppError && Object.keys(err.fieldErrors).length) return refused(err.status, err.fieldErrors, values, err.message);
    throw err;
  }
}
