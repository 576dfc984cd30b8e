import { Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, formValues } from '../http/validate';
import { notFound } from '../http/errors';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { vocabLabeler, vocabLookup, vocabOptions } from '../vocab/vocab.service';
import { INSTITUTION_LIST_FILTERS, institutionListQuery, institutionSchema } from './institution.schema';
import { aliasesOf, createInstitution, institutionNames, loadInstitution, updateInstitution } from './institution.service';
import { listInstitutions } from './institution-list';
import { loadInstitutionPage } from './institution-page';
import { PossibleDuplicateInstitution } from './institution-duplicates';
import { institutionIdOf } from './institution-id';
import { InstitutionFormValues, institutionFormValues, institutionFormValuesFromBody, presentInstitutionSummary } from './institution.presenter';
import { t } from '../i18n/i18n';

export { institutionsApiRoutes } from './institutions.api';

const PAGE_SIZE = 25;

/** Pages for institutions: list, record (with everything that involves it or its sub-units), forms. */
export function institutionsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const formOptions = async (values: InstitutionFormValues) => {
    const parentId = Number(values.parentId);
    const parent = Number.isSafeInteger(parentId) && parentId > 0 ? (await institutionNames(ds, [parentId])).get(parentId) : undefined;
    return {
      types: await vocabOptions(ds, 'institution_type', [values.type]),
      regions: await vocabOptions(ds, 'region', [values.region]),
      parentLabel: parent?.name ?? '',
    };
  };

  type FormLocals = { title: string; values: InstitutionFormValues; errors: Record<string, string>; institution: { id: number; name: string } | null; duplicates?: PossibleDuplicateInstitution[] };
  const renderForm = async (res: Response, status: number, locals: FormLocals) =>
    void res.status(status).render('institutions/form', { duplicates: [], ...locals, ...(await formOptions(locals.values)) });

  router.get('/institutions', async (req, res) => {
    authorize(req.currentUser, 'institution.list');
    const parsed = checkForm(institutionListQuery(await vocabLookup(ds)), req.query);
    // A filter that cannot be read lists nothing (never everything), with the message beside it.
    const errors = parsed.ok ? {} : parsed.errors;
    const f = parsed.ok ? parsed.data : { ...formValues(req.query, [...INSTITUTION_LIST_FILTERS]), page: 1 };
    const { rows, total } = parsed.ok ? await listInstitutions(ds, { ...f, pageSize: PAGE_SIZE }) : { rows: [], total: 0 };
    const ids = rows.map((r) => r.id);
    const [aliases, parents, label] = await Promise.all([aliasesOf(ds, ids), institutionNames(ds, rows.map((r) => r.parentId).filter((x): x is number => x !== null)), vocabLabeler(ds)]);
    const query = new URLSearchParams();
    for (const k of INSTITUTION_LIST_FILTERS) if (f[k]) query.set(k, f[k] as string);
    res.status(parsed.ok ? 200 : 422).render('institutions/list', {
      title: t('institutions.list.title'),
      errors,
      institutions: rows.map((i) => presentInstitutionSummary(i, aliases.get(i.id) ?? [], label, i.parentId ? (parents.get(i.parentId) ?? null) : null)),
      filters: f,
      total,
      page: f.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      baseQuery: query.toString(),
      types: await vocabOptions(ds, 'institution_type', [f.type]),
      regions: await vocabOptions(ds, 'region', [f.region]),
    });
  });

  router.get('/institutions/new', async (req, res) => {
    authorize(req.currentUser, 'institution.create');
    const values = institutionFormValues();
    if (typeof req.query.parentId === 'string' && /^[1-9][0-9]{0,14}$/.test(req.query.parentId)) values.parentId = req.query.parentId;
    await renderForm(res, 200, { title: t('institutions.form.titleNew'), values, errors: {}, institution: null });
  });

  router.post('/institutions', async (req, res) => {
    authorize(req.currentUser, 'institution.create');
    const values = institutionFormValuesFromBody(req.body);
    const render = (status: number, errors: Record<string, string>, duplicates: PossibleDuplicateInstitution[] = []) => renderForm(res, status, { title: t('institutions.form.titleNew'), values, errors, institution: null, duplicates });
    const form = checkForm(institutionSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const result = await createInstitution(ds, actorOf(req), req.currentUser, form.data);
      if ('duplicates' in result) return render(409, {}, result.duplicates);
      await flash(ds, req, t('institutions.flash.added'));
      res.redirect(303, `/institutions/${result.created.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/institutions/:id', async (req, res) => {
    authorize(req.currentUser, 'institution.list');
    const page = await loadInstitutionPage(ds, req.currentUser, institutionIdOf(req));
    res.render('institutions/show', { title: page.institution.name, ...page });
  });

  router.get('/institutions/:id/edit', async (req, res) => {
    authorize(req.currentUser, 'institution.update');
    const record = await loadInstitution(ds, institutionIdOf(req));
    if (!record) throw notFound(t('institutions.errors.noSuchInstitution'));
    const { institution } = record;
    await renderForm(res, 200, { title: t('institutions.form.titleEdit', { name: institution.name }), values: institutionFormValues(institution, record.aliases), errors: {}, institution: { id: institution.id, name: institution.name } });
  });

  router.post('/institutions/:id', async (req, res) => {
    authorize(req.currentUser, 'institution.update');
    const id = institutionIdOf(req);
    const record = await loadInstitution(ds, id);
    if (!record) throw notFound(t('institutions.errors.noSuchInstitution'));
    const { institution } = record;
    const values = institutionFormValuesFromBody(req.body);
    const render = (status: number, errors: Record<string, string>) => renderForm(res, status, { title: t('institutions.form.titleEdit', { name: institution.name }), values, errors, institution: { id, name: institution.name } });
    const form = checkForm(institutionSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateInstitution(ds, actorOf(req), req.currentUser, id, form.data);
      await flash(ds, req, t('institutions.flash.saved'));
      res.redirect(303, `/institutions/${id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  return router;
}
