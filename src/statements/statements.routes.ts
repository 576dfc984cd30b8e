import { Response, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { statementSchema } from './statement.schema';
import { createStatement, deleteStatement, getStatement, StatementRecord, updateStatement } from './statement.service';
import { statementFormValues, StatementFormValues } from './statement.presenter';
import { statementFormOptions } from './statement-form';
import { refill } from '../records/form-values';
import { paramId } from '../records/route-params';
import { caseForWriting, recordHistory } from '../records/case-form-page';

export { statementsApiRoutes } from './statements.api';

const CHECKBOXES = ['retracted', 'reliedOnByCourt'] as const;

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

  const render = async (page: FormPage, status: number, values: StatementFormValues, errors: Record<string, string>) => {
    const { res, user, caseRecord, statement } = page;
    res.status(status).render('statements/form', {
      title: `${statement ? 'Edit statement' : 'New statement'} · ${caseRecord.code}`,
      caseRecord,
      statement: statement ? { id: statement.id } : null,
      values,
      errors,
      options: await statementFormOptions(ds, user, caseRecord.id, values, statement ?? undefined),
      history: statement ? await recordHistory(ds, 'statement', statement.id) : [],
    });
  };

  router.get('/cases/:caseId/statements/new', async (req, res) => {
    const { user, caseRecord } = await caseForWriting(ds, req);
    await render({ res, user, caseRecord, statement: null }, 200, statementFormValues(), {});
  });

  router.post('/cases/:caseId/statements', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const page = { res, user, caseRecord, statement: null };
    const values = refill(statementFormValues(), req.body, [...CHECKBOXES]);
    const form = checkForm(statementSchema, req.body);
    if (!form.ok) return render(page, 422, values, form.errors);
    try {
      const statement = await createStatement(ds, actorOf(req), user, caseId, form.data);
      await flash(ds, req, 'Statement added.');
      res.redirect(303, `/cases/${caseId}#statement-${statement.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => render(page, status, values, errors));
    }
  });

  router.get('/cases/:caseId/statements/:id/edit', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    await render({ res, user, caseRecord, statement }, 200, statementFormValues(statement), {});
  });

  router.post('/cases/:caseId/statements/:id', async (req, res) => {
    const { caseId, user, caseRecord } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const page = { res, user, caseRecord, statement };
    const values = refill(statementFormValues(statement), req.body, [...CHECKBOXES]);
    const form = checkForm(statementSchema, req.body);
    if (!form.ok) return render(page, 422, values, form.errors);
    try {
      await updateStatement(ds, actorOf(req), user, caseId, statement.id, form.data);
      await flash(ds, req, 'Statement saved.');
      res.redirect(303, `/cases/${caseId}#statement-${statement.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => render(page, status, values, errors));
    }
  });

  router.post('/cases/:caseId/statements/:id/delete', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteStatement(ds, actorOf(req), user, caseId, paramId(req, 'id', 'statement'));
    await flash(ds, req, 'Statement moved to the trash. An admin can restore it.');
    res.redirect(303, `/cases/${caseId}#statements`);
  });

  return router;
}
