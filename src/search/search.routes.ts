import { Request, Router } from 'express';
import { verbatim, verbatimKeys } from '../people/redaction';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, idParam } from '../http/validate';
import { flash } from '../http/flash';
import { notFound } from '../http/errors';
import { onFormError } from '../cases/case.routes';
import { parseSearchQuery } from './search.schema';
import { currentQueryOf, loadSearch, searchFormOptions } from './search-page';
import { createSavedQuery, deleteSavedQuery, findSavedQuery, listSavedQueries, savedQuerySchema, setSavedQueryShared } from './saved-query.service';
import { SAVED_QUERY_LIMITS } from './saved-query.entity';
import './search.policy';
import { t } from '../i18n/i18n';

const savedIdOf = (req: Request): number => {
  const parsed = idParam.safeParse(req.params.id);
  if (!parsed.success) throw notFound(t('search.errors.noSuchSaved'));
  return parsed.data;
};

/** /search (results, filters with counts, a bookmarkable URL) and the saved-search pages. */
export function searchPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/search', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const parsed = parseSearchQuery(req.query);
    const model = await loadSearch(ds, req.currentUser, parsed, { facets: true });
    const errors = parsed.errors;
    // The words typed are shown back as typed (people/redaction.ts): the form and the links of this search keep them.
    res.status(Object.keys(errors).length ? 422 : 200).render('search/index', verbatimKeys({
      title: parsed.values.q ? t('search.page.titleWords', { q: parsed.values.q.slice(0, 60) }) : t('search.page.title'),
      values: parsed.values,
      errors,
      ...model,
      options: await searchFormOptions(ds, parsed),
      currentQuery: currentQueryOf(parsed),
      savedQueries: await listSavedQueries(ds, req.currentUser),
      saveLimits: SAVED_QUERY_LIMITS,
    }, ['title', 'values', 'currentQuery']));
  });

  router.get('/search/saved', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    res.render('search/saved', { title: t('search.saved.title'), savedQueries: await listSavedQueries(ds, req.currentUser), errors: {}, values: { name: '', query: '' } });
  });

  router.post('/search/saved', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const values = verbatim({ name: typeof req.body?.name === 'string' ? req.body.name : '', query: typeof req.body?.query === 'string' ? req.body.query : '' });
    const render = async (status: number, errors: Record<string, string>) =>
      void res.status(status).render('search/saved', { title: t('search.saved.title'), savedQueries: await listSavedQueries(ds, req.currentUser!), errors, values });
    const form = checkForm(savedQuerySchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const saved = await createSavedQuery(ds, actorOf(req), req.currentUser, form.data);
      await flash(ds, req, t(saved.shared ? 'search.flash.savedShared' : 'search.flash.saved', { name: saved.name }));
      res.redirect(303, '/search/saved');
    } catch (err) {
      await onFormError(err, render);
    }
  });

  /** Runs a saved search: its URL is the search's own bookmarkable URL. */
  router.get('/search/saved/:id', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const saved = await findSavedQuery(ds, req.currentUser, savedIdOf(req));
    res.redirect(303, `/search?${saved.query}`);
  });

  for (const [action, shared] of [['share', true], ['unshare', false]] as const) {
    router.post(`/search/saved/:id/${action}`, async (req, res) => {
      authorize(req.currentUser, 'search.use');
      const id = savedIdOf(req);
      try {
        const saved = await setSavedQueryShared(ds, actorOf(req), req.currentUser, id, shared);
        await flash(ds, req, t(shared ? 'search.flash.shared' : 'search.flash.private', { name: saved.name }));
        res.redirect(303, '/search/saved');
      } catch (err) {
        // Refused: the list again, the message next to this search's "Share with the team".
        await onFormError(err, async (status, errors) =>
          void res.status(status).render('search/saved', { title: t('search.saved.title'), savedQueries: await listSavedQueries(ds, req.currentUser!), errors: {}, shareErrors: { [id]: errors.shared ?? Object.values(errors)[0] }, values: { name: '', query: '' } }),
        );
      }
    });
  }

  router.post('/search/saved/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    await deleteSavedQuery(ds, actorOf(req), req.currentUser, savedIdOf(req));
    await flash(ds, req, t('search.flash.deleted'));
    res.redirect(303, '/search/saved');
  });

  return router;
}
