import { Request, Response, Router } from 'express';
import { can } from '../auth/policy';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { flash } from '../http/flash';
import { checkForm } from '../http/validate';
import { onFormError } from '../cases/case.routes';
import { vocabOptions } from '../vocab/vocab.service';
import { requireEvidenceCase } from './evidence-access';
import { IP_GRADES, IP_GRADE_LABELS, TRI_STATE } from './evidence-constants';
import { linkOptions } from './evidence-links';
import { idOf } from './evidence-params';
import { findingInput } from './evidence.schema';
import { addFinding, createEvaluation, loadEvaluation, parseEvaluation } from './medical.service';
import { listEvidence } from './evidence.service';
import { t } from '../i18n/i18n';

/** The choices of the forms, labelled in the language of the request. */
const gradeChoices = () => IP_GRADES.map((code) => ({ code, label: IP_GRADE_LABELS[code] }));
const triStateChoices = () => TRI_STATE.map((code) => ({ code, label: t(`evidence.medical.tri.${code}`) }));

/** Istanbul Protocol medical evaluations of a case: a form, a page, findings. */
export function medicalPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;
  const caseIdOf = (req: Request) => idOf(req, 'id', 'case');

  const options = async (req: Request, caseId: number) => {
    const { access } = await requireEvidenceCase(ds, req.currentUser, caseId);
    const items = await listEvidence(ds, req.currentUser!, caseId, access);
    return {
      grades: gradeChoices(),
      triStates: triStateChoices(),
      kinds: await vocabOptions(ds, 'examination_kind'),
      methods: await vocabOptions(ds, 'torture_method'),
      allegations: (await linkOptions(ds, req.currentUser!, caseId)).filter((o) => o.kind === 'allegation').map((o) => ({ code: o.id, label: o.label })),
      evidenceItems: items.map((i) => ({ code: i.id, label: i.title })),
    };
  };

  const form = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}, values: Record<string, unknown> = {}) => {
    const caseId = caseIdOf(req);
    const { record } = await requireEvidenceCase(ds, req.currentUser, caseId, 'medical.create');
    res.status(status).render('evidence/medical-form', {
      title: t('evidence.medical.formTitle', { code: record.code }),
      caseRecord: { id: record.id, code: record.code, title: record.title },
      values: { policePresent: 'unknown', restrained: 'unknown', interpreter: 'unknown', consent: 'unknown', finding: {}, ...values },
      errors,
      ...(await options(req, caseId)),
    });
  };

  router.get('/cases/:id/medical-evaluations/new', async (req, res) => form(req, res));

  router.post('/cases/:id/medical-evaluations', async (req, res) => {
    const caseId = caseIdOf(req);
    await requireEvidenceCase(ds, req.currentUser, caseId, 'medical.create');
    const body = { ...(req.body ?? {}) } as Record<string, unknown>;
    const finding = (body.finding ?? {}) as Record<string, unknown>;
    const hasFinding = ['bodyLocation', 'allegationId', 'method', 'description'].some((k) => typeof finding[k] === 'string' && finding[k] !== '');
    const parsed = parseEvaluation({ ...body, finding: undefined, findings: hasFinding ? [finding] : [] });
    const errors = parsed.ok ? {} : Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k.replace(/^findings\.0\./, 'finding.'), v]));
    if (!parsed.ok) return form(req, res, 422, errors, body);
    try {
      const evaluation = await createEvaluation(ds, actorOf(req), req.currentUser!, caseId, parsed.data);
      await flash(ds, req, t('evidence.flash.medicalRecorded'));
      res.redirect(303, `/cases/${caseId}/medical-evaluations/${evaluation.id}`);
    } catch (err) {
      await onFormError(err, (status, e) => form(req, res, status, Object.fromEntries(Object.entries(e).map(([k, v]) => [k.replace(/^findings\.0\./, 'finding.'), v])), body));
    }
  });

  const show = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}, values: Record<string, unknown> = {}) => {
    const caseId = caseIdOf(req);
    const { record, access } = await requireEvidenceCase(ds, req.currentUser, caseId);
    const evaluation = await loadEvaluation(ds, req.currentUser!, caseId, idOf(req, 'evalId', 'medical evaluation'));
    const canAdd = can(req.currentUser, 'medical.create', access);
    res.status(status).render('evidence/medical-show', {
      title: t('evidence.medical.showTitle', { code: record.code }),
      caseRecord: { id: record.id, code: record.code, title: record.title },
      evaluation,
      canAdd,
      errors,
      values,
      ...(canAdd ? await options(req, caseId) : { grades: gradeChoices(), triStates: triStateChoices(), kinds: [], methods: [], allegations: [], evidenceItems: [] }),
    });
  };

  router.get('/cases/:id/medical-evaluations/:evalId', async (req, res) => show(req, res));

  router.post('/cases/:id/medical-evaluations/:evalId/findings', async (req, res) => {
    const caseId = caseIdOf(req);
    await requireEvidenceCase(ds, req.currentUser, caseId, 'medical.create');
    const parsed = checkForm(findingInput, req.body);
    if (!parsed.ok) return show(req, res, 422, parsed.errors, req.body);
    const evalId = idOf(req, 'evalId', 'medical evaluation');
    try {
      await addFinding(ds, actorOf(req), req.currentUser!, caseId, evalId, parsed.data);
      await flash(ds, req, t('evidence.flash.findingAdded'));
      res.redirect(303, `/cases/${caseId}/medical-evaluations/${evalId}#findings`);
    } catch (err) {
      await onFormError(err, (status, e) => show(req, res, status, e, req.body));
    }
  });

  return router;
}
