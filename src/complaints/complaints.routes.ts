import { Request, Response, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { vocabLabeler } from '../vocab/vocab.service';
import { complaintPartOf, complaintSchema, firstResponseOf, newComplaintSchema, responseSchema } from './complaint.schema';
import { addResponse, ComplaintRecord, createComplaint, deleteComplaint, deleteResponse, getComplaint, getResponse, updateComplaint, updateResponse } from './complaint.service';
import { complaintFormValues, ComplaintFormValues, newComplaintFormValues, presentComplaint, responseFormValues, ResponseFormValues } from './complaint.presenter';
import { complaintFormOptions, responseFormOptions } from './complaint-form';
import { loadComplaintRefs } from './complaint-refs';
import { ComplaintResponse } from './complaint-response.entity';
import { draftBodyFor } from '../drafts/form-draft';
import { refill } from '../records/form-values';
import { paramId } from '../records/route-params';
import { addAnother, likeParam } from '../records/add-another';
import { caseForWriting, recordHistory } from '../records/case-form-page';
import { t } from '../i18n/i18n';

export { complaintsApiRoutes } from './complaints.api';

type CaseRef = { id: number; code: string; title: string };

/** Pages for complaints and the responses to them, reached from the case page. */
export function complaintsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const renderComplaint = async (res: Response, user: CurrentUser, caseRecord: CaseRef, complaint: ComplaintRecord | null, status: number, values: ComplaintFormValues, errors: Record<string, string>, filledFromPrevious = false) => {
    const view = complaint ? presentComplaint(complaint, await loadComplaintRefs(ds, user, await vocabLabeler(ds), caseRecord.id, [complaint])) : null;
    res.status(status).render('complaints/form', {
      title: `${t(complaint ? 'complaints.form.editTitle' : 'complaints.form.newTitle')} · ${caseRecord.code}`,
      caseRecord,
      complaint: view,
      values,
      errors,
      options: await complaintFormOptions(ds, user, values, complaint ?? undefined),
      history: complaint ? await recordHistory(ds, 'complaint', complaint.id) : [],
      filledFromPrevious,
      /** The page this form comes back to after "New person…" or "New institution…" without script (drafts/form-draft.ts). */
      draftReturn: complaint ? `/cases/${caseRecord.id}/complaints/${complaint.id}/edit` : `/cases/${caseRecord.id}/complaints/new`,
    });
  };

  const renderResponse = async (res: Response, caseRecord: CaseRef, complaint: ComplaintRecord, response: ComplaintResponse | null, status: number, values: ResponseFormValues, errors: Record<string, string>) => {
    res.status(status).render('complaints/response-form', {
      title: `${t(response ? 'complaints.responseForm.editTitle' : 'complaints.responseForm.newTitle')} · ${caseRecord.code}`,
      caseRecord,
      complaint: { id: complaint.id },
      response: response ? { id: response.id } : null,
      values,
      errors,
      options: await responseFormOptions(ds, caseRecord.id, values, response ?? undefined),
      history: response ? await recordHistory(ds, 'complaint_response', response.id) : [],
    });
  };

  const complaintOf = (req: Request, caseId: number) => getComplaint(ds, caseId, paramId(req, 'id', 'complaint'));

  router.get('/cases/:caseId/complaints/new', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    // ?like=N: after "Save and add another like it", the complaint just saved (of this case only).
    const likeId = likeParam(req.query.like);
    const like = likeId ? await getComplaint(ds, caseId, likeId) : undefined;
    // Back from "New person…" or "New institution…" without script: the form as it was left.
    const draft = draftBodyFor(req);
    await renderComplaint(res, user, caseRecord, null, 200, draft ? refill(newComplaintFormValues(), draft) : newComplaintFormValues(like), {}, !!like && !draft);
  });

  router.post('/cases/:caseId/complaints', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const values = refill(newComplaintFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderComplaint(res, user, caseRecord, null, status, values, errors);
    const form = checkForm(newComplaintSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const first = firstResponseOf(form.data);
      const complaint = await createComplaint(ds, actorOf(req), user, caseId, complaintPartOf(form.data), first);
      await flash(ds, req, t(first ? 'complaints.flash.addedWithResponse' : 'complaints.flash.added'));
      res.redirect(303, addAnother(req) ? `/cases/${caseId}/complaints/new?like=${complaint.id}` : `/cases/${caseId}#complaint-${complaint.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:caseId/complaints/:id/edit', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const complaint = await complaintOf(req, caseId);
    const draft = draftBodyFor(req);
    await renderComplaint(res, user, caseRecord, complaint, 200, draft ? refill(complaintFormValues(complaint), draft) : complaintFormValues(complaint), {});
  });

  router.post('/cases/:caseId/complaints/:id', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const complaint = await complaintOf(req, caseId);
    const values = refill(complaintFormValues(complaint), req.body);
    const render = (status: number, errors: Record<string, string>) => renderComplaint(res, user, caseRecord, complaint, status, values, errors);
    const form = checkForm(complaintSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateComplaint(ds, actorOf(req), user, caseId, complaint.id, form.data);
      await flash(ds, req, t('complaints.flash.saved'));
      res.redirect(303, `/cases/${caseId}#complaint-${complaint.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/complaints/:id/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteComplaint(ds, actorOf(req), user, caseId, paramId(req, 'id', 'complaint'));
    await flash(ds, req, t('complaints.flash.trashed'));
    res.redirect(303, `/cases/${caseId}#complaints`);
  });

  // --- responses -----------------------------------------------------------------------------

  router.get('/cases/:caseId/complaints/:id/responses/new', async (req, res) => {
    const { caseId, caseRecord } = await caseForWriting(ds, req);
    const complaint = await complaintOf(req, caseId);
    // Most answers come from the institution the complaint went to.
    const values = { ...responseFormValues(), respondingInstitutionId: complaint.toInstitutionId ? String(complaint.toInstitutionId) : '' };
    await renderResponse(res, caseRecord, complaint, null, 200, values, {});
  });

  router.post('/cases/:caseId/complaints/:id/responses', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const complaint = await complaintOf(req, caseId);
    const values = refill(responseFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderResponse(res, caseRecord, complaint, null, status, values, errors);
    const form = checkForm(responseSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const response = await addResponse(ds, actorOf(req), user, caseId, complaint.id, form.data);
      await flash(ds, req, t('complaints.flash.responseAdded'));
      res.redirect(303, `/cases/${caseId}#response-${response.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:caseId/complaints/:id/responses/:rid/edit', async (req, res) => {
    const { caseId, caseRecord } = await caseForWriting(ds, req);
    const { complaint, response } = await getResponse(ds, caseId, paramId(req, 'id', 'complaint'), paramId(req, 'rid', 'response'));
    await renderResponse(res, caseRecord, complaint, response, 200, responseFormValues(response), {});
  });

  router.post('/cases/:caseId/complaints/:id/responses/:rid', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const { complaint, response } = await getResponse(ds, caseId, paramId(req, 'id', 'complaint'), paramId(req, 'rid', 'response'));
    const values = refill(responseFormValues(response), req.body);
    const render = (status: number, errors: Record<string, string>) => renderResponse(res, caseRecord, complaint, response, status, values, errors);
    const form = checkForm(responseSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateResponse(ds, actorOf(req), user, caseId, complaint.id, response.id, form.data);
      await flash(ds, req, t('complaints.flash.responseSaved'));
      res.redirect(303, `/cases/${caseId}#response-${response.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/complaints/:id/responses/:rid/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const complaintId = paramId(req, 'id', 'complaint');
    await deleteResponse(ds, actorOf(req), user, caseId, complaintId, paramId(req, 'rid', 'response'));
    await flash(ds, req, t('complaints.flash.responseTrashed'));
    res.redirect(303, `/cases/${caseId}#complaint-${complaintId}`);
  });

  return router;
}
