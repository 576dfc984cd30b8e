import { SOURCE_KINDS, SOURCE_KIND_LABELS } from './source.entity';
import { Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, formValues } from '../http/validate';
import { flash } from '../http/flash';
import { AppError } from '../http/errors';
import { caseIdOf, onFormError } from '../cases/case.routes';
import { requireCase } from '../cases/case-access';
import { vocabLabeler, vocabLookup, vocabOptions } from '../vocab/vocab.service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { SOURCE_LIST_FILTERS, sourceListQuery, sourceSchema } from './source.schema';
import { stillCited, createSource, deleteSource, getSource, listSources, updateSource } from './source.service';
import { presentSource, sourceFormValues, SourceFormValues } from './source.presenter';
import { sourceUsage } from './source-usage';
import { citationSchema } from './citation.schema';
import { citeSource, removeCitation } from './citation.service';
import { refill } from '../records/form-values';
import { loadCitationForm } from './citation-form';
import { paramId } from '../records/route-params';
import { t } from '../i18n/i18n';

export { sourcesApiRoutes } from './sources.api';

const PAGE_SIZE = 25;
/** The kinds of source, worded in the current language. */
const kinds = () => SOURCE_KINDS.map((code) => ({ code, label: SOURCE_KIND_LABELS[code] }));

async function formOptions(ds: DataSource, values: SourceFormValues) {
  return {
    kinds: kinds(),
    reliabilities: await vocabOptions(ds, 'reliability', [values.reliability]),
    relations: await vocabOptions(ds, 'source_relation', [values.relation]),
  };
}

/** Pages for sources (/sources) and for citing them from the case page. */
export function sourcesPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/sources', async (req, res) => {
    authorize(req.currentUser, 'source.list');
    const parsed = checkForm(sourceListQuery(await vocabLookup(ds)), req.query);
    // A filter that cannot be read lists nothing (never everything), with the message beside it.
    const errors = parsed.ok ? {} : parsed.errors;
    const f = parsed.ok ? parsed.data : { ...formValues(req.query, [...SOURCE_LIST_FILTERS]), page: 1 };
    const { rows, total } = parsed.ok ? await listSources(ds, req.currentUser!, { ...f, pageSize: PAGE_SIZE }) : { rows: [], total: 0 };
    const label = await vocabLabeler(ds);
    const query = new URLSearchParams();
    for (const k of SOURCE_LIST_FILTERS) if (f[k]) query.set(k, f[k] as string);
    res.status(parsed.ok ? 200 : 422).render('sources/list', {
      title: t('sources.list.title'),
      errors,
      sources: rows.map((s) => presentSource(s, label)),
      filters: f,
      total,
      page: f.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      baseQuery: query.toString(),
      kinds: kinds(),
      reliabilities: await vocabOptions(ds, 'reliability', [f.reliability]),
      relations: await vocabOptions(ds, 'source_relation', [f.relation]),
    });
  });

  const renderForm = async (res: Response, status: number, values: SourceFormValues, errors: Record<string, string>, source: { id: number; name: string } | null, history: unknown[] = []) =>
    void res.status(status).render('sources/form', { title: source ? t('sources.form.titleEdit', { name: source.name }) : t('sources.form.titleNew'), values, errors, source, history, ...(await formOptions(ds, values)) });

  router.get('/sources/new', async (req, res) => {
    authorize(req.currentUser, 'source.create');
    await renderForm(res, 200, sourceFormValues(), {}, null);
  });

  router.post('/sources', async (req, res) => {
    authorize(req.currentUser, 'source.create');
    const values = refill(sourceFormValues(), req.body);
    const render = (status: number, errors: Record<string, string>) => renderForm(res, status, values, errors, null);
    const form = checkForm(sourceSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const source = await createSource(ds, actorOf(req), req.currentUser, form.data);
      await flash(ds, req, t('sources.flash.added'));
      res.redirect(303, `/sources/${source.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/sources/:id', async (req, res) => {
    authorize(req.currentUser, 'source.list');
    const source = await getSource(ds, paramId(req, 'id', 'source'));
    const label = await vocabLabeler(ds);
    res.render('sources/show', {
      title: source.name,
      source: presentSource(source, label),
      usage: await sourceUsage(ds, req.currentUser, source.id),
      history: (await historyOf(ds, 'source', source.id)).map(presentAuditEntry),
    });
  });

  router.get('/sources/:id/edit', async (req, res) => {
    authorize(req.currentUser, 'source.update');
    const source = await getSource(ds, paramId(req, 'id', 'source'));
    const history = (await historyOf(ds, 'source', source.id)).map(presentAuditEntry);
    await renderForm(res, 200, sourceFormValues(source), {}, { id: source.id, name: source.name }, history);
  });

  router.post('/sources/:id', async (req, res) => {
    authorize(req.currentUser, 'source.update');
    const source = await getSource(ds, paramId(req, 'id', 'source'));
    const values = refill(sourceFormValues(source), req.body);
    const history = (await historyOf(ds, 'source', source.id)).map(presentAuditEntry);
    const render = (status: number, errors: Record<string, string>) => renderForm(res, status, values, errors, { id: source.id, name: source.name }, history);
    const form = checkForm(sourceSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateSource(ds, actorOf(req), req.currentUser, source.id, form.data);
      await flash(ds, req, t('sources.flash.saved'));
      res.redirect(303, `/sources/${source.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/sources/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'source.update');
    const id = paramId(req, 'id', 'source');
    try {
      await deleteSource(ds, actorOf(req), id);
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
      // Back to the source page, whose "Where it is cited" lists only what this user may see.
      await flash(ds, req, t('sources.flash.stillCitedHere', { reason: stillCited() }));
      return res.redirect(303, `/sources/${id}`);
    }
    await flash(ds, req, t('sources.flash.trashed'));
    res.redirect(303, '/sources');
  });

  // --- citations, from the case page ------------------------------------------------------

  const renderCitationForm = async (req: Request, res: Response, caseId: number, status: number, values: Record<string, unknown>, errors: Record<string, string>) => {
    const page = await loadCitationForm(ds, req.currentUser!, caseId);
    res.status(status).render('sources/citation-form', { title: t('sources.citation.title', { code: page.caseRecord.code }), ...page, values, errors });
  };
  const citationDefaults = (req: Request) => ({ sourceId: '', record: typeof req.query.record === 'string' ? req.query.record : '', note: '' });

  router.get('/cases/:caseId/citations/new', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    await renderCitationForm(req, res, caseId, 200, citationDefaults(req), {});
  });

  router.post('/cases/:caseId/citations', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const values = refill(citationDefaults(req), req.body);
    const render = (status: number, errors: Record<string, string>) => renderCitationForm(req, res, caseId, status, values, errors);
    const form = checkForm(citationSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const citation = await citeSource(ds, actorOf(req), req.currentUser, caseId, form.data);
      await flash(ds, req, t('sources.flash.cited'));
      res.redirect(303, `/cases/${caseId}#citation-${citation.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.post('/cases/:caseId/citations/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await removeCitation(ds, actorOf(req), req.currentUser, caseId, paramId(req, 'id', 'citation'));
    await flash(ds, req, t('sources.flash.citationTrashed'));
    res.redirect(303, `/cases/${caseId}#sources`);
  });

  return router;
}
