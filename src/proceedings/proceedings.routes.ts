import { Request, Response, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { vocabLabeler } from '../vocab/vocab.service';
import { proceedingSchema, stageSchema } from './proceeding.schema';
import { addStage, createProceeding, deleteProceeding, deleteStage, getProceeding, getStage, ProceedingRecord, StageRecord, updateProceeding, updateStage } from './proceeding.service';
import { presentProceeding, proceedingFormValues, ProceedingFormValues, stageFormValues, StageFormValues } from './proceeding.presenter';
import { proceedingFormOptions, stageFormOptions } from './proceeding-form';
import { loadProceedingRefs } from './proceeding-refs';
import { draftBodyFor } from '../drafts/form-draft';
import { refill } from '../records/form-values';
import { paramId } from '../records/route-params';
import { caseForWriting, recordHistory } from '../records/case-form-page';
import { t } from '../i18n/i18n';

export { proceedingsApiRoutes } from './proceedings.api';

type CaseRef = { id: number; code: string; title: string };

/** Pages for proceedings and their stages, reached from the case page. */
export function proceedingsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const renderProceeding = async (res: Response, user: CurrentUser, caseRecord: CaseRef, proceeding: ProceedingRecord | null, status: number, values: ProceedingFormValues, errors: Record<string, string>) => {
    const view = proceeding ? presentProceeding(proceeding, await loadProceedingRefs(ds, user, await vocabLabeler(ds), caseRecord.id, [proceeding])) : null;
    res.status(status).render('proceedings/form', {
      title: `${t(proceeding ? 'proceedings.form.editTitle' : 'proceedings.form.newTitle')} · ${caseRecord.code}`,
      caseRecord,
      proceeding: view,
      values,
      errors,
      options: await proceedingFormOptions(ds, user, values, proceeding ?? undefined),
      history: proceeding ? await recordHistory(ds, 'proceeding', proceeding.id) : [],
      /** The page this form comes back to after "New person…" or "New institution…" without script (drafts/form-draft.ts). */
      draftReturn: proceeding ? `/cases/${caseRecord.id}/proceedings/${proceeding.id}/edit` : `/cases/${caseRecord.id}/proceedings/new`,
    });
  };

  const renderStage = async (res: Response, user: CurrentUser, caseRecord: CaseRef, proceeding: ProceedingRecord, stage: StageRecord | null, status: number, values: StageFormValues, errors: Record<string, string>) => {
    // A form posted without verdict rows (or an older one) still shows a row per defendant.
    if (!Array.isArray(values.verdicts) && !(values.verdicts && typeof values.verdicts === 'object')) values.verdicts = [];
    const verdictRows = Object.values(values.verdicts);
    if (verdictRows.length === 0) values.verdicts = stageFormValues(stage ?? undefined, proceeding.defendantIds).verdicts;
    const view = presentProceeding(proceeding, await loadProceedingRefs(ds, user, await vocabLabeler(ds), caseRecord.id, [proceeding]));
    res.status(status).render('proceedings/stage-form', {
      title: `${t(stage ? 'proceedings.stageForm.editTitle' : 'proceedings.stageForm.newTitle')} · ${caseRecord.code}`,
      caseRecord,
      proceeding: { id: proceeding.id, name: view.name },
      stage: stage ? { id: stage.id, heldAfterDeathOf: view.stages.find((s) => s.id === stage.id)?.heldAfterDeathOf ?? [] } : null,
      values,
      errors,
      options: await stageFormOptions(ds, user, proceeding, values, stage ?? undefined),
      history: stage ? await recordHistory(ds, 'proceeding_stage', stage.id) : [],
    });
  };

  const proceedingOf = (req: Request, caseId: number) => getProceeding(ds, caseId, paramId(req, 'id', 'proceeding'));
  const stageOf = (req: Request, caseId: number) => getStage(ds, caseId, paramId(req, 'id', 'proceeding'), paramId(req, 'sid', 'stage'));

  router.get('/cases/:caseId/proceedings/new', async (req, res) => {
    const { user, caseRecord } = await caseForWriting(ds, req);
    // Back from "New person…" or "New institution…" without script: the form as it was left.
    const draft = draftBodyFor(req);
    await renderProceeding(res, user, caseRecord, null, 200, draft ? refill(proceedingFormValues(), draft) : proceedingFormValues(), {});
  });

  router.post('/cases/:caseId/proceedings', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const values = refill(proceedingFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderProceeding(res, user, caseRecord, null, status, values, errors);
    const form = checkForm(proceedingSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const proceeding = await createProceeding(ds, actorOf(req), user, caseId, form.data);
      await flash(ds, req, t('proceedings.flash.added'));
      res.redirect(303, `/cases/${caseId}#proceeding-${proceeding.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:caseId/proceedings/:id/edit', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const proceeding = await proceedingOf(req, caseId);
    const draft = draftBodyFor(req);
    await renderProceeding(res, user, caseRecord, proceeding, 200, draft ? refill(proceedingFormValues(proceeding), draft) : proceedingFormValues(proceeding), {});
  });

  router.post('/cases/:caseId/proceedings/:id', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const proceeding = await proceedingOf(req, caseId);
    const values = refill(proceedingFormValues(proceeding), req.body);
    const render = (status: number, errors: Record<string, string>) => renderProceeding(res, user, caseRecord, proceeding, status, values, errors);
    const form = checkForm(proceedingSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateProceeding(ds, actorOf(req), user, caseId, proceeding.id, form.data);
      await flash(ds, req, t('proceedings.flash.saved'));
      res.redirect(303, `/cases/${caseId}#proceeding-${proceeding.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/proceedings/:id/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteProceeding(ds, actorOf(req), user, caseId, paramId(req, 'id', 'proceeding'));
    await flash(ds, req, t('proceedings.flash.trashed'));
    res.redirect(303, `/cases/${caseId}#proceedings`);
  });

  // --- stages --------------------------------------------------------------------------------

  router.get('/cases/:caseId/proceedings/:id/stages/new', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const proceeding = await proceedingOf(req, caseId);
    await renderStage(res, user, caseRecord, proceeding, null, 200, stageFormValues(undefined, proceeding.defendantIds), {});
  });

  router.post('/cases/:caseId/proceedings/:id/stages', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const proceeding = await proceedingOf(req, caseId);
    const values = refill(stageFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderStage(res, user, caseRecord, proceeding, null, status, values, errors);
    const form = checkForm(stageSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const stage = await addStage(ds, actorOf(req), user, caseId, proceeding.id, form.data);
      await flash(ds, req, t('proceedings.flash.stageAdded'));
      res.redirect(303, `/cases/${caseId}#stage-${stage.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:caseId/proceedings/:id/stages/:sid/edit', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const { proceeding, stage } = await stageOf(req, caseId);
    await renderStage(res, user, caseRecord, proceeding, stage, 200, stageFormValues(stage, proceeding.defendantIds), {});
  });

  router.post('/cases/:caseId/proceedings/:id/stages/:sid', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const { proceeding, stage } = await stageOf(req, caseId);
    const values = refill(stageFormValues(stage, proceeding.defendantIds), req.body);
    const render = (status: number, errors: Record<string, string>) => renderStage(res, user, caseRecord, proceeding, stage, status, values, errors);
    const form = checkForm(stageSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateStage(ds, actorOf(req), user, caseId, proceeding.id, stage.id, form.data);
      await flash(ds, req, t('proceedings.flash.stageSaved'));
      res.redirect(303, `/cases/${caseId}#stage-${stage.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/proceedings/:id/stages/:sid/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const proceedingId = paramId(req, 'id', 'proceeding');
    await deleteStage(ds, actorOf(req), user, caseId, proceedingId, paramId(req, 'sid', 'stage'));
    await flash(ds, req, t('proceedings.flash.stageTrashed'));
    res.redirect(303, `/cases/${caseId}#proceeding-${proceedingId}`);
  });

  return router;
}
