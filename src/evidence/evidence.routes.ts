import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { flash } from '../http/flash';
import { checkForm } from '../http/validate';
import { onFormError } from '../cases/case.routes';
import { requireItem, requireEvidenceCase } from './evidence-access';
import { addAnnotation, recordCustody, recordViewed } from './evidence-custody';
import { gpsMap } from './gps-map';
import { metadataNoteText, previewNoteText } from './evidence-wording';
import { CONFIDENTIALITY, CONFIDENTIALITY_LABELS, EVIDENCE_TYPES, EVIDENCE_TYPE_LABELS, RECEIVED_HOW, RECEIVED_HOW_LABELS } from './evidence-constants';
import { streamBundle } from './evidence-bundle';
import { evidenceFileRoutes } from './evidence-files.routes';
import { receiveEvidence } from './evidence-intake';
import { listAlerts, resolveAlert } from './evidence-integrity';
import { loadEvidenceItem, loadEvidenceList } from './evidence-page';
import { idOf, wantsJson } from './evidence-params';
import { evidenceRuntime } from './evidence-runtime';
import { addLink, removeLink, updateEvidence } from './evidence.service';
import { ListQuery, annotationSchema, bundleQuery, custodySchema, evidenceItemSchema, linkSchema, listQuery } from './evidence.schema';
import { AppError } from '../http/errors';
import { itemFormValues } from './evidence.presenter';
import { medicalPageRoutes } from './medical.routes';
import { evidenceApi } from './evidence.api';
import { can } from '../auth/policy';
import './evidence.policy';
import { t } from '../i18n/i18n';

/** The choices of the item forms, labelled in the language of the request. */
export const formChoices = () => ({
  types: EVIDENCE_TYPES.map((code) => ({ code, label: EVIDENCE_TYPE_LABELS[code] })),
  receivedHow: RECEIVED_HOW.map((code) => ({ code, label: RECEIVED_HOW_LABELS[code] })),
  confidentiality: CONFIDENTIALITY.map((code) => ({ code, label: CONFIDENTIALITY_LABELS[code] })),
});

/** Pages for evidence: the case's evidence list, upload, an item's page, its custody, links and annotations, files, bundles. */
export function evidencePageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds, config } = ctx;
  const caseIdOf = (req: Request) => idOf(req, 'id', 'case');
  const itemIdOf = (req: Request) => idOf(req, 'itemId', 'evidence');

  router.use(evidenceFileRoutes(ctx));
  router.use(medicalPageRoutes(ctx));

  /** The evidence list. A refused filter lists nothing (never everything); a refused bundle selection shows the list with the message beside it. Both 422. */
  const evidenceList = async (req: Request, res: Response, filter: ListQuery, errors: Record<string, string> = {}) => {
    const filterRefused = Object.keys(errors).some((k) => k !== 'items');
    const page = await loadEvidenceList(ds, req.currentUser!, caseIdOf(req), filterRefused ? {} : filter);
    const items = filterRefused ? [] : page.items;
    res.status(Object.keys(errors).length ? 422 : 200).render('evidence/list', { title: t('evidence.list.title', { code: page.caseRecord.code }), ...page, items, filter, errors, filterRefused, types: formChoices().types });
  };

  router.get('/cases/:id/evidence', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const filter = checkForm(listQuery, req.query);
    if (!filter.ok) return evidenceList(req, res, {}, filter.errors);
    await evidenceList(req, res, filter.data);
  });

  const uploadForm = async (req: Request, res: Response, caseId: number, status = 200, errors: Record<string, string> = {}, values: Record<string, unknown> = {}, message?: string) => {
    const { record, access } = await requireEvidenceCase(ds, req.currentUser, caseId, 'evidence.create');
    const page = await loadEvidenceList(ds, req.currentUser!, caseId);
    res.status(status).render('evidence/upload', {
      title: t('evidence.upload.title', { code: record.code }),
      caseRecord: page.caseRecord,
      values: { ...itemFormValues(), ...values },
      errors,
      message: message ?? null,
      choices: formChoices(),
      linkOptions: page.linkOptions,
      canKeepOther: can(req.currentUser, 'evidence.keep_other', access),
      canPrivilege: can(req.currentUser, 'evidence.set_privileged', access),
      limits: { maxFiles: config.upload.maxFiles, maxFileBytes: config.upload.maxFileBytes },
    });
  };

  router.get('/cases/:id/evidence/new', async (req, res) => {
    await uploadForm(req, res, caseIdOf(req));
  });

  router.post('/cases/:id/evidence', async (req, res) => {
    const caseId = caseIdOf(req);
    const result = await receiveEvidence(ctx, req, res, caseId);
    if (!result.ok) {
      if (wantsJson(req)) return void res.status(result.status).json({ error: { code: 'not_saved', message: result.message, fields: result.errors } });
      return uploadForm(req, res, caseId, result.status, result.errors, result.values, result.message);
    }
    const url = `/cases/${caseId}/evidence/${result.item.id}`;
    await flash(ds, req, t('evidence.flash.savedFiles', { count: result.fileIds.length }));
    if (wantsJson(req)) return void res.status(201).json({ data: { id: result.item.id, url } });
    res.redirect(303, url);
  });

  router.get('/cases/:id/evidence/bundle', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const q = checkForm(bundleQuery, req.query);
    if (!q.ok) {
      await requireEvidenceCase(ds, req.currentUser, caseIdOf(req), 'evidence.export');
      // Shown beside the selection, whichever parameter was wrong.
      return evidenceList(req, res, {}, { items: Object.values(q.errors).join(' ') });
    }
    try {
      await streamBundle(ds, evidenceRuntime(ds, config).storage, actorOf(req), req.currentUser, caseIdOf(req), q.data.items ?? 'whole case', res);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422 || res.headersSent) throw err;
      await evidenceList(req, res, {}, err.fieldErrors);
    }
  });

  router.get('/cases/:id/evidence/:itemId', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const page = await loadEvidenceItem(ds, req.currentUser, caseIdOf(req), itemIdOf(req));
    await recordViewed(ds, actorOf(req), page.entity);
    const { entity: _entity, ...rest } = page;
    res.render('evidence/show', { title: `${page.item.title} · ${page.caseRecord.code}`, ...rest, graphicShown: req.query.graphic === 'show', errors: {}, gpsMap, notes: { preview: previewNoteText, metadata: metadataNoteText } });
  });

  const editForm = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}, body?: Record<string, unknown>) => {
    const caseId = caseIdOf(req);
    const { item, access, caseRecord } = await requireItem(ds, req.currentUser, caseId, itemIdOf(req), 'evidence.update');
    res.status(status).render('evidence/edit', {
      title: t('evidence.edit.title', { title: item.title }),
      caseRecord: { id: caseRecord.id, code: caseRecord.code, title: caseRecord.title },
      itemId: item.id,
      values: { ...itemFormValues(item), ...(body ?? {}) },
      errors,
      choices: formChoices(),
      canPrivilege: can(req.currentUser, 'evidence.set_privileged', access),
    });
  };

  router.get('/cases/:id/evidence/:itemId/edit', async (req, res) => editForm(req, res));

  router.post('/cases/:id/evidence/:itemId', async (req, res) => {
    const caseId = caseIdOf(req);
    const itemId = itemIdOf(req);
    await requireItem(ds, req.currentUser, caseId, itemId, 'evidence.update');
    const form = checkForm(evidenceItemSchema, req.body);
    if (!form.ok) return editForm(req, res, 422, form.errors, req.body);
    try {
      await updateEvidence(ds, actorOf(req), req.currentUser!, caseId, itemId, form.data);
      await flash(ds, req, t('evidence.flash.saved'));
      res.redirect(303, `/cases/${caseId}/evidence/${itemId}`);
    } catch (err) {
      await onFormError(err, (status, errors) => editForm(req, res, status, errors, req.body));
    }
  });

  /** Small forms on the item page come back to it, with the problem in the flash message. */
  const back = async (req: Request, res: Response, anchor: string, message: string) => {
    await flash(ds, req, message);
    res.redirect(303, `/cases/${caseIdOf(req)}/evidence/${itemIdOf(req)}#${anchor}`);
  };
  const notSaved = (errors: Record<string, string>) => t('evidence.flash.notSaved', { errors: Object.values(errors).join(' ') });

  router.post('/cases/:id/evidence/:itemId/links', async (req, res) => {
    await requireItem(ds, req.currentUser, caseIdOf(req), itemIdOf(req), 'evidence.update');
    const raw = typeof req.body?.target === 'string' ? req.body.target.split(':') : [req.body?.kind, req.body?.targetId];
    const form = checkForm(linkSchema, { kind: raw[0], targetId: raw[1] });
    if (!form.ok) return back(req, res, 'links', notSaved(form.errors));
    try {
      await addLink(ds, actorOf(req), req.currentUser!, caseIdOf(req), itemIdOf(req), { kind: form.data.kind, id: form.data.targetId });
      await back(req, res, 'links', t('evidence.flash.linkAdded'));
    } catch (err) {
      await onFormError(err, (_s, errors) => back(req, res, 'links', notSaved(errors)));
    }
  });

  router.post('/cases/:id/evidence/:itemId/links/:linkId/delete', async (req, res) => {
    await removeLink(ds, actorOf(req), req.currentUser!, caseIdOf(req), itemIdOf(req), idOf(req, 'linkId', 'link'));
    await back(req, res, 'links', t('evidence.flash.linkRemoved'));
  });

  router.post('/cases/:id/evidence/:itemId/custody', async (req, res) => {
    await requireItem(ds, req.currentUser, caseIdOf(req), itemIdOf(req), 'evidence.custody');
    const form = checkForm(custodySchema, req.body);
    if (!form.ok) return back(req, res, 'custody', notSaved(form.errors));
    await recordCustody(ds, actorOf(req), req.currentUser!, caseIdOf(req), itemIdOf(req), form.data);
    await back(req, res, 'custody', t('evidence.flash.custodyRecorded'));
  });

  router.post('/cases/:id/evidence/:itemId/annotations', async (req, res) => {
    await requireItem(ds, req.currentUser, caseIdOf(req), itemIdOf(req), 'evidence.annotations');
    const form = checkForm(annotationSchema, req.body);
    if (!form.ok) return back(req, res, 'annotations', notSaved(form.errors));
    await addAnnotation(ds, actorOf(req), req.currentUser!, caseIdOf(req), itemIdOf(req), form.data.body);
    await back(req, res, 'annotations', t('evidence.flash.annotationAdded'));
  });

  router.get('/admin/integrity', async (req, res) => {
    authorize(req.currentUser, 'evidence.integrity');
    const all = req.query.all === '1';
    res.render('evidence/integrity', { title: t('evidence.integrity.title'), alerts: await listAlerts(ds, all), all });
  });

  router.post('/admin/integrity/:alertId/resolve', async (req, res) => {
    authorize(req.currentUser, 'evidence.integrity');
    await resolveAlert(ds, actorOf(req), req.currentUser.id, idOf(req, 'alertId', 'alert'));
    await flash(ds, req, t('evidence.flash.alertResolved'));
    res.redirect(303, '/admin/integrity');
  });

  return router;
}

/** /api/v1 routes for evidence (see evidence.api.ts). */
export function evidenceApiRoutes(ctx: AppContext): Router {
  return evidenceApi(ctx);
}
