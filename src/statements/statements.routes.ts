import { Response, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { retractionSchema, statementSchema } from './statement.schema';
import { createStatement, deleteStatement, getStatement, StatementRecord, updateStatement } from './statement.service';
import { presentRetraction, retractionFormValues, RetractionFormValues, statementFormValues, StatementFormValues, statementFormValuesLike } from './statement.presenter';
import { retractionFormOptions, statementFormOptions } from './statement-form';
import { addRetraction, deleteRetraction, getRetraction, updateRetraction } from './statement-retraction.service';
import { StatementRetraction } from './statement-retraction.entity';
import { vocabLabeler } from '../vocab/vocab.service';
import { draftBodyFor } from '../drafts/form-draft';
import { refill } from '../records/form-values';
import { paramId } from '../records/route-params';
import { addAnother, likeParam } from '../records/add-another';
import { caseForWriting, recordHistory } from '../records/case-form-page';
import { t } from '../i18n/i18n';

export { statementsApiRoutes } from './statements.api';


interface FormPage {
  res: Response;
  user: CurrentUser;
  caseRecord: { id: number; code: string; title: string };
  statement: StatementRecord | null;
}

/** Pages for statements: add, edit and delete, reached from the case page. */
export function statementsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const render = async (page: FormPage, status: number, values: StatementFormValues, errors: Record<string, string>, filledFromPrevious = false) => {
    const { res, user, caseRecord, statement } = page;
    const label = await vocabLabeler(ds);
    res.status(status).render('statements/form', {
      title: t(statement ? 'statements.form.editTitle' : 'statements.form.newTitle', { code: caseRecord.code }),
      caseRecord,
      statement: statement ? { id: statement.id } : null,
      values,
      errors,
      options: await statementFormOptions(ds, user, caseRecord.id, values, statement ?? undefined),
      retractions: statement ? statement.retractions.map((r) => presentRetraction(r, label)) : [],
      history: statement ? await recordHistory(ds, 'statement', statement.id) : [],
      filledFromPrevious,
      /** The page this form comes back to after "New person…" or "New institution…" without script (drafts/form-draft.ts). */
      draftReturn: statement ? `/cases/${caseRecord.id}/statements/${statement.id}/edit` : `/cases/${caseRecord.id}/statements/new`,
    });
  };

  router.get('/cases/:caseId/statements/new', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    // ?like=N: after "Save and add another like it", the statement just saved (of this case only).
    const likeId = likeParam(req.query.like);
    const like = likeId ? await getStatement(ds, caseId, likeId) : undefined;
    // Back from "New person…" or "New institution…" without script: the form as it was left.
    const draft = draftBodyFor(req);
    const values = draft ? refill(statementFormValues(), draft) : like ? statementFormValuesLike(like) : statementFormValues();
    await render({ res, user, caseRecord, statement: null }, 200, values, {}, !!like && !draft);
  });

  router.post('/cases/:caseId/statements', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const page = { res, user, caseRecord, statement: null };
    const values = refill(statementFormValues(), req.body);
    const form = checkForm(statementSchema, req.body);
    if (!form.ok) return render(page, 422, values, form.errors);
    try {
      const statement = await createStatement(ds, actorOf(req), user, caseId, form.data);
      await flash(ds, req, t('statements.flash.added'));
      res.redirect(303, addAnother(req) ? `/cases/${caseId}/statements/new?like=${statement.id}` : `/cases/${caseId}#statement-${statement.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => render(page, status, values, errors));
    }
  });

  router.get('/cases/:caseId/statements/:id/edit', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const draft = draftBodyFor(req);
    await render({ res, user, caseRecord, statement }, 200, draft ? refill(statementFormValues(statement), draft) : statementFormValues(statement), {});
  });

  router.post('/cases/:caseId/statements/:id', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const page = { res, user, caseRecord, statement };
    const values = refill(statementFormValues(statement), req.body);
    const form = checkForm(statementSchema, req.body);
    if (!form.ok) return render(page, 422, values, form.errors);
    try {
      await updateStatement(ds, actorOf(req), user, caseId, statement.id, form.data);
      await flash(ds, req, t('statements.flash.saved'));
      res.redirect(303, `/cases/${caseId}#statement-${statement.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => render(page, status, values, errors));
    }
  });

  router.post('/cases/:caseId/statements/:id/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteStatement(ds, actorOf(req), user, caseId, paramId(req, 'id', 'statement'));
    await flash(ds, req, t('statements.flash.trashed'));
    res.redirect(303, `/cases/${caseId}#statements`);
  });

  // --- retraction history --------------------------------------------------------------------

  const renderRetraction = async (res: Response, caseRecord: FormPage['caseRecord'], statement: StatementRecord, retraction: StatementRetraction | null, status: number, values: RetractionFormValues, errors: Record<string, string>) => {
    const label = await vocabLabeler(ds);
    res.status(status).render('statements/retraction-form', {
      title: t(`statements.retraction.${retraction ? 'editTitle' : 'newTitle'}.${values.kind === 'reaffirmation' ? 'reaffirmation' : 'retraction'}`, { code: caseRecord.code }),
      caseRecord,
      statement: { id: statement.id, label: `${label('statement_kind', statement.kind)}${statement.makerDescription ? ` — ${statement.makerDescription}` : ''}` },
      retraction: retraction ? { id: retraction.id } : null,
      values,
      errors,
      options: await retractionFormOptions(ds, values),
      history: retraction ? await recordHistory(ds, 'statement_retraction', retraction.id) : [],
    });
  };

  router.get('/cases/:caseId/statements/:id/retractions/new', async (req, res) => {
    const { caseId, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const kind = req.query.kind === 'reaffirmation' ? 'reaffirmation' : 'retraction';
    await renderRetraction(res, caseRecord, statement, null, 200, retractionFormValues(undefined, kind), {});
  });

  router.post('/cases/:caseId/statements/:id/retractions', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const values = refill(retractionFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderRetraction(res, caseRecord, statement, null, status, values, errors);
    const form = checkForm(retractionSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const row = await addRetraction(ds, actorOf(req), user, caseId, statement.id, form.data);
      await flash(ds, req, row.kind === 'retraction' ? t('statements.flash.retractionAdded') : t('statements.flash.reaffirmationAdded'));
      res.redirect(303, `/cases/${caseId}#retraction-${row.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:caseId/statements/:id/retractions/:rid/edit', async (req, res) => {
    const { caseId, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const retraction = await getRetraction(ds, caseId, statement.id, paramId(req, 'rid', 'retraction'));
    await renderRetraction(res, caseRecord, statement, retraction, 200, retractionFormValues(retraction), {});
  });

  router.post('/cases/:caseId/statements/:id/retractions/:rid', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const retraction = await getRetraction(ds, caseId, statement.id, paramId(req, 'rid', 'retraction'));
    const values = refill(retractionFormValues(retraction), req.body);
    const render = (status: number, errors: Record<string, string>) => renderRetraction(res, caseRecord, statement, retraction, status, values, errors);
    const form = checkForm(retractionSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateRetraction(ds, actorOf(req), user, caseId, statement.id, retraction.id, form.data);
      await flash(ds, req, t('statements.flash.retractionSaved'));
      res.redirect(303, `/cases/${caseId}#retraction-${retraction.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/statements/:id/retractions/:rid/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const statementId = paramId(req, 'id', 'statement');
    await deleteRetraction(ds, actorOf(req), user, caseId, statementId, paramId(req, 'rid', 'retraction'));
    await flash(ds, req, t('statements.flash.retractionTrashed'));
    res.redirect(303, `/cases/${caseId}#statement-${statementId}`);
  });

  return router;
}
