import { Request, Response, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { requireCase } from '../cases/case-access';
import { vocabLabeler } from '../vocab/vocab.service';
import { draftBodyFor } from '../drafts/form-draft';
import { refill } from '../records/form-values';
import { paramId } from '../records/route-params';
import { caseForWriting, recordHistory } from '../records/case-form-page';
import { decisionSchema, investigationSchema } from './investigation.schema';
import { InvestigationDecision } from './investigation-decision.entity';
import { addDecision, createInvestigation, deleteDecision, deleteInvestigation, getDecision, getInvestigation, InvestigationRecord, updateDecision, updateInvestigation } from './investigation.service';
import { DecisionFormValues, decisionFormValues, InvestigationFormValues, investigationFormValues, loadInvestigationRefs, nextDecisionKind, presentInvestigation } from './investigation.presenter';
import { decisionFormOptions, investigationFormOptions } from './investigation-form';
import { decisionValuesFromEvent } from './legacy-events';
import { NEXT_DECISION } from './process-counts';
import { t } from '../i18n/i18n';

export { investigationsApiRoutes } from './investigations.api';

type CaseRef = { id: number; code: string; title: string };

const queryId = (req: Request, name: string): number | null => {
  const v = req.query[name];
  return typeof v === 'string' && /^[1-9][0-9]{0,14}$/.test(v) ? Number(v) : null;
};
const queryCode = (req: Request, name: string): string | null => {
  const v = req.query[name];
  return typeof v === 'string' && /^[a-z][a-z0-9_]{0,59}$/.test(v) ? v : null;
};

/** Pages for a case's investigations and their decisions, reached from the case page. */
export function investigationsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const renderInvestigation = async (res: Response, caseRecord: CaseRef, inv: InvestigationRecord | null, status: number, values: InvestigationFormValues, errors: Record<string, string>, fromEvent: number | null = null) => {
    res.status(status).render('investigations/form', {
      title: `${t(inv ? 'investigations.form.editTitle' : 'investigations.form.newTitle')} · ${caseRecord.code}`,
      caseRecord,
      investigation: inv ? { id: inv.id } : null,
      values,
      errors,
      fromEvent,
      options: await investigationFormOptions(ds, caseRecord.id, values, inv?.trigger),
      history: inv ? await recordHistory(ds, 'investigation', inv.id) : [],
      /** The page this form comes back to after "New institution…" without script (drafts/form-draft.ts). */
      draftReturn: inv ? `/cases/${caseRecord.id}/investigations/${inv.id}/edit` : `/cases/${caseRecord.id}/investigations/new`,
    });
  };

  const renderDecision = async (res: Response, user: CurrentUser, caseRecord: CaseRef, inv: InvestigationRecord, decision: InvestigationDecision | null, status: number, values: DecisionFormValues, errors: Record<string, string>) => {
    const { access } = await requireCase(ds, user, caseRecord.id);
    const view = presentInvestigation(inv, await loadInvestigationRefs(ds, user, access, await vocabLabeler(ds), caseRecord.id, [inv]));
    res.status(status).render('investigations/decision-form', {
      title: `${t(decision ? 'investigations.decisionForm.editTitle' : 'investigations.decisionForm.newTitle')} · ${caseRecord.code}`,
      caseRecord,
      investigation: view,
      decision: decision ? view.decisions.find((d) => d.id === decision.id) ?? { id: decision.id } : null,
      values,
      errors,
      options: await decisionFormOptions(ds, user, access, caseRecord.id, values, decision?.kind),
      history: decision ? await recordHistory(ds, 'investigation_decision', decision.id) : [],
    });
  };

  const investigationOf = (req: Request, caseId: number) => getInvestigation(ds, caseId, paramId(req, 'id', 'investigation'));

  router.get('/cases/:caseId/investigations/new', async (req, res) => {
    const { caseRecord } = await caseForWriting(ds, req);
    // Back from "New institution…" without script: the form as it was left.
    const draft = draftBodyFor(req);
    const draftEvent = draft && typeof draft.fromEvent === 'string' && /^[1-9][0-9]{0,14}$/.test(draft.fromEvent) ? Number(draft.fromEvent) : null;
    await renderInvestigation(res, caseRecord, null, 200, draft ? refill(investigationFormValues(), draft) : investigationFormValues(), {}, draft ? draftEvent : queryId(req, 'event'));
  });

  router.post('/cases/:caseId/investigations', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const values = refill(investigationFormValues(), req.body);
    const fromEvent = typeof req.body?.fromEvent === 'string' && /^[1-9][0-9]{0,14}$/.test(req.body.fromEvent) ? Number(req.body.fromEvent) : null;
    const render = (status: number, errors: Record<string, string>) => renderInvestigation(res, caseRecord, null, status, values, errors, fromEvent);
    const form = checkForm(investigationSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const inv = await createInvestigation(ds, actorOf(req), user, caseId, form.data);
      await flash(ds, req, t('investigations.flash.added'));
      res.redirect(303, `/cases/${caseId}/investigations/${inv.id}/decisions/new${fromEvent ? `?event=${fromEvent}` : ''}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:caseId/investigations/:id/edit', async (req, res) => {
    const { caseId, caseRecord } = await caseForWriting(ds, req);
    const inv = await investigationOf(req, caseId);
    const draft = draftBodyFor(req);
    await renderInvestigation(res, caseRecord, inv, 200, draft ? refill(investigationFormValues(inv), draft) : investigationFormValues(inv), {});
  });

  router.post('/cases/:caseId/investigations/:id', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const inv = await investigationOf(req, caseId);
    const values = refill(investigationFormValues(inv), req.body);
    const render = (status: number, errors: Record<string, string>) => renderInvestigation(res, caseRecord, inv, status, values, errors);
    const form = checkForm(investigationSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateInvestigation(ds, actorOf(req), user, caseId, inv.id, form.data);
      await flash(ds, req, t('investigations.flash.saved'));
      res.redirect(303, `/cases/${caseId}#investigation-${inv.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/investigations/:id/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteInvestigation(ds, actorOf(req), user, caseId, paramId(req, 'id', 'investigation'));
    await flash(ds, req, t('investigations.flash.trashed'));
    res.redirect(303, `/cases/${caseId}#investigations`);
  });

  // --- decisions -----------------------------------------------------------------------------

  /** ?kind= preselects a kind (the "add the next decision" links); ?event= fills the form from an old event. */
  router.get('/cases/:caseId/investigations/:id/decisions/new', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const inv = await investigationOf(req, caseId);
    const kind = queryCode(req, 'kind') ?? nextDecisionKind(inv.decisionList);
    let values = decisionFormValues(undefined, kind);
    const eventId = queryId(req, 'event');
    if (eventId) values = (await decisionValuesFromEvent(ds, caseId, eventId, values)) ?? values;
    await renderDecision(res, user, caseRecord, inv, null, 200, values, {});
  });

  router.post('/cases/:caseId/investigations/:id/decisions', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const inv = await investigationOf(req, caseId);
    const values = refill(decisionFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderDecision(res, user, caseRecord, inv, null, status, values, errors);
    const form = checkForm(decisionSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const d = await addDecision(ds, actorOf(req), user, caseId, inv.id, form.data);
      await afterSave(req, res, caseId, inv.id, d, 'investigations.flash.decisionAdded');
    } catch (err) {
      await onFormError(err, render);
    }
  });

  /** "Save and add the next decision" goes straight to the next form, the usual next kind chosen. */
  async function afterSave(req: Request, res: Response, caseId: number, investigationId: number, d: InvestigationDecision, messageKey: string) {
    await flash(ds, req, t(messageKey));
    if (req.body?.then === 'next') return res.redirect(303, `/cases/${caseId}/investigations/${investigationId}/decisions/new?kind=${NEXT_DECISION[d.kind] ?? 'check_started'}`);
    res.redirect(303, `/cases/${caseId}#decision-${d.id}`);
  }

  router.get('/cases/:caseId/investigations/:id/decisions/:did/edit', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const { investigation, decision } = await getDecision(ds, caseId, paramId(req, 'id', 'investigation'), paramId(req, 'did', 'decision'));
    await renderDecision(res, user, caseRecord, investigation, decision, 200, decisionFormValues(decision), {});
  });

  router.post('/cases/:caseId/investigations/:id/decisions/:did', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const { investigation, decision } = await getDecision(ds, caseId, paramId(req, 'id', 'investigation'), paramId(req, 'did', 'decision'));
    const values = refill(decisionFormValues(decision), req.body);
    const render = (status: number, errors: Record<string, string>) => renderDecision(res, user, caseRecord, investigation, decision, status, values, errors);
    const form = checkForm(decisionSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const d = await updateDecision(ds, actorOf(req), user, caseId, investigation.id, decision.id, form.data);
      await afterSave(req, res, caseId, investigation.id, d, 'investigations.flash.decisionSaved');
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/investigations/:id/decisions/:did/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const investigationId = paramId(req, 'id', 'investigation');
    await deleteDecision(ds, actorOf(req), user, caseId, investigationId, paramId(req, 'did', 'decision'));
    await flash(ds, req, t('investigations.flash.decisionTrashed'));
    res.redirect(303, `/cases/${caseId}#investigation-${investigationId}`);
  });

  return router;
}
