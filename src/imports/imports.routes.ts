import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { AppError } from '../http/errors';
import { flash } from '../http/flash';
import { checkForm, idParam, parseInput } from '../http/validate';
import { t } from '../i18n/i18n';
import * as service from './import.service';
import { ImportFileError, DEFAULT_IMPORT_LIMITS } from './import-file';
import { importJobs, ImportJobKind, percentOf } from './import-jobs';
import { receiveImportUpload, UploadRefusal } from './import-upload';
import { applyMappingForm, mappingForm, matchForm, namedMappingForm, previewBack, previewQuery, rowDecisionForm, undoForm } from './imports.schema';
import { mappingInputOf, presentBatchList, presentEditedSince, presentDone, presentMapping, presentPreview, presentProgress, PREVIEW_PER_PAGE } from './import.presenter';
import { candidateLabels, createdCases, mappingExtras } from './import-pages.service';
import { IMPORT_KINDS } from './import-fields';
import './imports.policy';

/** Where a finished job leads: a check to the preview, a commit to the summary. */
const nextAfter = (batchId: number, kind: ImportJobKind) => (kind === 'check' ? `/imports/${batchId}/preview` : `/imports/${batchId}`);

/** The pages of spreadsheet import (issue 13): upload, mapping, check, preview, confirm, undo. */
export function importsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds, config } = ctx;
  const jobs = importJobs(ds);
  const receive = receiveImportUpload(config, DEFAULT_IMPORT_LIMITS.maxFileBytes);
  const batchIdOf = (req: Request) => {
    const id = idParam.safeParse(req.params.id);
    if (!id.success) throw new AppError(404, 'not_found', t('errors.notFound'));
    return id.data;
  };
  /** Every route: researchers and admins only (403 for others), before anything is read. */
  router.use('/imports', (req, _res, next) => {
    authorize(req.currentUser, 'import.use');
    next();
  });

  router.get('/imports', async (req, res) => {
    const batches = await service.listBatches(ds, req.currentUser!);
    res.render('imports/list', { title: t('imports.list.title'), templateKinds: IMPORT_KINDS, batches: presentBatchList(batches, req.currentUser!, (id) => jobs.get(id)) });
  });

  const uploadForm = (res: Response, status = 200, errors: Record<string, string> = {}) =>
    res.status(status).render('imports/new', { title: t('imports.upload.title'), templateKinds: IMPORT_KINDS, errors, maxMiB: Math.round(DEFAULT_IMPORT_LIMITS.maxFileBytes / 1048576) });

  router.get('/imports/new', (_req, res) => uploadForm(res));

  const refusalMessage = (r: UploadRefusal) => (r.code === 'too-large' ? t('imports.fileErrors.too-large', { ...r.params, limit: Math.round(Number(r.params.limit) / 1048576) }) : t(`imports.upload.refused.${r.code}`));

  router.post('/imports', async (req, res) => {
    const upload = await receive(req, res);
    try {
      if (!upload.ok) {
        await upload.discard();
        return void uploadForm(res, upload.refusal.code === 'too-large' ? 413 : 422, { file: refusalMessage(upload.refusal) });
      }
      const batch = await service.createBatch(ds, req.currentUser!, { path: upload.file.path, originalName: upload.file.originalName });
      await upload.discard();
      res.redirect(303, `/imports/${batch.id}`);
    } catch (err) {
      await upload.discard();
      if (err instanceof ImportFileError) return void uploadForm(res, 422, { file: t(`imports.fileErrors.${err.code}`, err.params) });
      throw err;
    }
  });

  const mappingPage = async (req: Request, res: Response, batchId: number, status = 200, errors: Record<string, string> = {}) => {
    const batch = await service.getBatch(ds, req.currentUser!, batchId);
    const mappings = await service.listMappings(ds, req.currentUser!);
    res.status(status).render('imports/mapping', { title: t('imports.mapping.title', { file: batch.fileName }), ...(await presentMapping(ds, batch, mappings, await mappingExtras(ds, req.currentUser!, batch))), errors, job: jobs.get(batchId) });
  };

  router.get('/imports/:id', async (req, res) => {
    const batchId = batchIdOf(req);
    const batch = await service.getBatch(ds, req.currentUser!, batchId);
    if (jobs.isRunning(batchId)) return res.redirect(303, `/imports/${batchId}/progress`);
    if (batch.status === 'committed' || batch.status === 'undone') {
      return res.render('imports/done', { title: t('imports.done.title', { file: batch.fileName }), ...presentDone(batch, await createdCases(ds, req.currentUser!, batchId)), job: jobs.get(batchId) });
    }
    await mappingPage(req, res, batchId);
  });

  router.post('/imports/:id/mapping', async (req, res) => {
    const batchId = batchIdOf(req);
    const form = checkForm(mappingForm, req.body);
    if (!form.ok) return mappingPage(req, res, batchId, 422, form.errors);
    try {
      const batch = await service.getBatch(ds, req.currentUser!, batchId);
      await service.saveMapping(ds, req.currentUser!, batchId, mappingInputOf(batch, form.data));
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) return mappingPage(req, res, batchId, err.status, err.fieldErrors);
      throw err;
    }
    if (form.data.intent === 'check') return startJob(req, res, batchId, 'check');
    await flash(ds, req, t('imports.mapping.saved'));
    res.redirect(303, `/imports/${batchId}`);
  });

  router.post('/imports/:id/mappings', async (req, res) => {
    const batchId = batchIdOf(req);
    const form = checkForm(namedMappingForm, req.body);
    if (!form.ok) return mappingPage(req, res, batchId, 422, { mappingName: form.errors.mappingName ?? Object.values(form.errors)[0] });
    await service.saveNamedMapping(ds, req.currentUser!, batchId, form.data.mappingName);
    await flash(ds, req, t('imports.mapping.namedSaved', { name: form.data.mappingName }));
    res.redirect(303, `/imports/${batchId}`);
  });

  router.post('/imports/:id/mappings/apply', async (req, res) => {
    const batchId = batchIdOf(req);
    const form = checkForm(applyMappingForm, req.body);
    if (!form.ok) return mappingPage(req, res, batchId, 422, { mappingId: form.errors.mappingId ?? Object.values(form.errors)[0] });
    await service.applyNamedMapping(ds, req.currentUser!, batchId, form.data.mappingId);
    await flash(ds, req, t('imports.mapping.applied'));
    res.redirect(303, `/imports/${batchId}`);
  });

  /** Starts a check or a commit in the background and sends the browser to its progress page. */
  const startJob = async (req: Request, res: Response, batchId: number, kind: ImportJobKind) => {
    const user = req.currentUser!;
    await service.getBatch(ds, user, batchId); // 404 before anything starts
    jobs.start(batchId, kind, (onProgress) => (kind === 'check' ? service.checkBatch(ds, user, batchId, onProgress) : service.commitBatch(ds, user, batchId, onProgress)));
    res.redirect(303, `/imports/${batchId}/progress`);
  };

  router.post('/imports/:id/check', async (req, res) => startJob(req, res, batchIdOf(req), 'check'));

  router.post('/imports/:id/confirm', async (req, res) => {
    const batchId = batchIdOf(req);
    const batch = await service.getBatch(ds, req.currentUser!, batchId);
    if (batch.status !== 'checked') {
      await flash(ds, req, t('imports.preview.confirmRefused'));
      return res.redirect(303, `/imports/${batchId}/preview?only=problems`);
    }
    await startJob(req, res, batchId, 'commit');
  });

  /** JSON for the page's script; for a browser without it, a page that refreshes itself. */
  router.get('/imports/:id/progress', async (req, res) => {
    const batchId = batchIdOf(req);
    const batch = await service.getBatch(ds, req.currentUser!, batchId);
    const job = jobs.get(batchId);
    const next = job ? nextAfter(batchId, job.kind) : `/imports/${batchId}`;
    if (req.accepts(['html', 'json']) === 'json') {
      return res.json({ data: job ? { kind: job.kind, state: job.state, done: job.done, total: job.total, percent: job.state === 'finished' ? 100 : percentOf(job), next, error: job.error && { code: job.error.code, message: job.error.message } } : { kind: null, state: 'none', done: 0, total: null, percent: 0, next, error: null } });
    }
    if (!job) return res.redirect(303, next);
    if (job.state === 'finished' && req.query.stay !== '1') return res.redirect(303, next);
    res.status(job.state === 'failed' ? 500 : 200).render('imports/progress', { title: t(`imports.progress.title.${job.kind}`, { file: batch.fileName }), ...presentProgress(batch, job), next });
  });

  router.get('/imports/:id/preview', async (req, res) => {
    const batchId = batchIdOf(req);
    const query = parseInput(previewQuery, req.query);
    const batch = await service.getBatch(ds, req.currentUser!, batchId);
    if (jobs.isRunning(batchId)) return res.redirect(303, `/imports/${batchId}/progress`);
    const result = await service.previewRows(ds, req.currentUser!, batchId, { page: query.page, perPage: PREVIEW_PER_PAGE, only: query.only, sheet: query.sheet });
    res.render('imports/preview', { title: t('imports.preview.title', { file: batch.fileName }), ...(await presentPreview(ds, batch, result, query, await candidateLabels(ds, req.currentUser!, result.rows))), errors: {} });
  });

  router.post('/imports/:id/rows', async (req, res) => {
    const batchId = batchIdOf(req);
    const form = parseInput(rowDecisionForm, req.body);
    const decision = form.decision === 'fix' ? { fixes: form.fixes } : { skip: form.decision === 'skip' };
    await service.decideRow(ds, req.currentUser!, batchId, { sheet: form.sheet, line: form.line, ...decision });
    res.redirect(303, `${previewBack(batchId, form.back)}#row-${encodeURIComponent(form.sheet)}-${form.line}`);
  });

  router.post('/imports/:id/match', async (req, res) => {
    const batchId = batchIdOf(req);
    const form = parseInput(matchForm, req.body);
    await service.decideMatch(ds, req.currentUser!, batchId, { kind: form.kind, value: form.value, recordId: form.recordId });
    await service.decideRow(ds, req.currentUser!, batchId, { sheet: form.sheet, line: form.line });
    res.redirect(303, `${previewBack(batchId, form.back)}#row-${encodeURIComponent(form.sheet)}-${form.line}`);
  });

  router.post('/imports/:id/undo', async (req, res) => {
    const batchId = batchIdOf(req);
    const form = parseInput(undoForm, req.body);
    const batch = await service.getBatch(ds, req.currentUser!, batchId);
    const result = await service.undoBatch(ds, req.currentUser!, batchId, { force: form.force === 'on' });
    if (!result.undone) {
      return res.status(409).render('imports/undo', { title: t('imports.undo.title', { file: batch.fileName }), batch: presentDone(batch).batch, editedSince: presentEditedSince(result.editedSince) });
    }
    await flash(ds, req, t('imports.undo.done', { count: result.removed }));
    res.redirect(303, `/imports/${batchId}`);
  });

  router.post('/imports/:id/discard', async (req, res) => {
    const batchId = batchIdOf(req);
    await service.discardBatch(ds, req.currentUser!, batchId);
    await flash(ds, req, t('imports.discard.done'));
    res.redirect(303, '/imports');
  });

  return router;
}
