import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { flash } from '../http/flash';
import { caseIdOf, onFormError } from '../cases/case.routes';
import { requireCase } from '../cases/case-access';
import { recordIdOf } from '../events/event-params';
import { AllegationInput, allegationInput, allegationSchema } from './allegation.schema';
import { allegationOfCase, createAllegation, deleteAllegation, updateAllegation } from './allegation.service';
import { allegationFormValues } from './allegation.presenter';
import { allegationFormLocals, allegationValuesFromBody, compactAllegationBody, soleVictimOf } from './allegation-form';
import { draftBodyFor } from '../drafts/form-draft';
import { presentAllegations } from './allegation-views';
import { t } from '../i18n/i18n';

export { allegationsApiRoutes } from './allegations.api';

const allegationIdOf = (req: Request) => recordIdOf(req, 'id', 'allegation');
const bodyOf = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

/** Pages for the allegations of a case: add, edit, delete. */
export function allegationsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  /** Shows the form again: after "add another" (200), or with the messages of a failed save. */
  async function showForm(req: Request, res: Response, caseId: number, allegationId: number | null, status: number, errors: Record<string, string>) {
    const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
    const body = bodyOf(req);
    const locals = await allegationFormLocals(ds, req.currentUser!, { caseRecord: record, allegationId, values: allegationValuesFromBody(body), errors, body });
    res.status(status).render('allegations/form', locals);
  }

  async function submit(req: Request, res: Response, caseId: number, allegationId: number | null, save: (input: AllegationInput) => Promise<{ id: number }>) {
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const body = bodyOf(req);
    if (typeof body._more === 'string') return showForm(req, res, caseId, allegationId, 200, {});
    const form = checkForm(allegationSchema, compactAllegationBody(body));
    if (!form.ok) return showForm(req, res, caseId, allegationId, 422, form.errors);
    try {
      const saved = await save(allegationInput(form.data));
      await flash(ds, req, allegationId ? t('allegations.flash.saved') : t('allegations.flash.added'));
      res.redirect(303, `/cases/${caseId}#allegation-${saved.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => showForm(req, res, caseId, allegationId, status, errors));
    }
  }

  router.get('/cases/:caseId/allegations/new', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req, 'caseId'), 'case.update');
    // Back from "New person…" or "New institution…" (drafts/form-draft.ts): the form as it was left.
    const draft = draftBodyFor(req);
    const values = draft ? allegationValuesFromBody(draft) : { ...allegationFormValues(), victimPersonId: await soleVictimOf(ds, req.currentUser!, record.id) };
    res.render('allegations/form', await allegationFormLocals(ds, req.currentUser, { caseRecord: record, allegationId: null, values, errors: {}, body: draft }));
  });

  router.post('/cases/:caseId/allegations', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await submit(req, res, caseId, null, (input) => createAllegation(ds, actorOf(req), req.currentUser!, caseId, input));
  });

  /** An allegation has no page of its own: its place on the case page. */
  router.get('/cases/:caseId/allegations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId);
    const { allegation } = await allegationOfCase(ds, caseId, allegationIdOf(req));
    res.redirect(303, `/cases/${caseId}#allegation-${allegation.id}`);
  });

  router.get('/cases/:caseId/allegations/:id/edit', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
    const current = await allegationOfCase(ds, caseId, allegationIdOf(req));
    const draft = draftBodyFor(req);
    const values = draft ? allegationValuesFromBody(draft) : allegationFormValues(current);
    res.render('allegations/form', await allegationFormLocals(ds, req.currentUser, { caseRecord: record, allegationId: current.allegation.id, values, errors: {}, body: draft }));
  });

  router.post('/cases/:caseId/allegations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const allegationId = (await allegationOfCase(ds, caseId, allegationIdOf(req))).allegation.id;
    await submit(req, res, caseId, allegationId, (input) => updateAllegation(ds, actorOf(req), req.currentUser!, caseId, allegationId, input));
  });

  router.get('/cases/:caseId/allegations/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
    const current = await allegationOfCase(ds, caseId, allegationIdOf(req));
    const [view] = await presentAllegations(ds, req.currentUser, caseId, [current]);
    res.render('allegations/delete', { title: t('allegations.delete.title', { code: record.code }), caseRecord: { id: record.id, code: record.code, title: record.title }, allegation: view });
  });

  router.post('/cases/:caseId/allegations/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await deleteAllegation(ds, actorOf(req), req.currentUser!, caseId, allegationIdOf(req));
    await flash(ds, req, t('allegations.flash.trashed'));
    res.redirect(303, `/cases/${caseId}#allegations`);
  });

  return router;
}
