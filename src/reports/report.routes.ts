import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { validationFailed } from '../http/errors';
import { addPaths, errorResponses } from '../api/openapi';
import { SELECTION_PARAMETERS, hasErrors, readSelectionQuery } from './selection-query';
import { buildReport, readMinRefusals, readTablePages, selectionPage, tablePaging, withDrillDown } from './report-page';
import { t } from '../i18n/i18n';

/**
 * Cross-case reports for report writers: each chart drawn on the server as SVG, with its table,
 * over the cases chosen with the search's words and filters. Invalid parameters: the page shows
 * the form with a message next to each field (422, like /search); the API answers 422.
 */
export function reportPageRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    authorize(req.currentUser, 'report.view');
    const query = req.query as Record<string, unknown>;
    const sq = await readSelectionQuery(ctx.ds, query);
    const { min, typed } = readMinRefusals(query, sq);
    const pages = readTablePages(query);
    const report = hasErrors(sq) ? null : withDrillDown(await buildReport(ctx.ds, req.currentUser, sq, min, pages), sq);
    const paging = report ? tablePaging(sq, typed, pages, { refused: report.refusedTotal, convictions: report.convictionsTotal, opened: report.opened.casesTotal }) : null;
    res.status(report ? 200 : 422).render('reports/index', { title: t('reports.title'), ...(await selectionPage(ctx.ds, sq)), minRefusals: typed, report, paging });
  });
  return router;
}

export function reportApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    authorize(req.currentUser, 'report.view');
    const query = req.query as Record<string, unknown>;
    const sq = await readSelectionQuery(ctx.ds, query);
    const { min } = readMinRefusals(query, sq);
    if (hasErrors(sq)) throw validationFailed(sq.errors, Object.values(sq.errors)[0]);
    res.json({ data: await buildReport(ctx.ds, req.currentUser, sq, min) });
  });
  return router;
}

addPaths({
  '/reports': {
    get: {
      summary: 'Counts by year, region, method, institution and complaint outcome; cases refused N+ times (refusal decisions and unlinked refusal responses, each once); cases where an investigation was opened, by year and by body, beside the refusals (`opened`); convictions relying on retracted statements — over the cases you may see, chosen like /search. Each table of cases gives up to 500 rows and its total (`refusedTotal`, `convictionsTotal`, `opened.casesTotal`)',
      parameters: [...SELECTION_PARAMETERS, { name: 'minRefusals', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 }, description: 'threshold of the "refused N or more times" table; defaults to refusals, else 2' }],
      responses: { '200': { description: 'The report; cases is the number of selected cases' }, ...errorResponses(401, 403, 422) },
    },
  },
});
