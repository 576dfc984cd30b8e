import { Router } from 'express';
import { z } from 'zod';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { caseSelection, selectionQuery, selectionQueryString } from './case-selection';
import { casesByInstitution, casesByMethod, casesByRegion, casesByYear, convictionsOnRetractedStatements, refusedAtLeast, responsesByOutcome } from './report.service';
import { vocabOptions } from '../vocab/vocab.service';
import { addPaths, errorResponses } from '../api/openapi';

const minRefusals = z.coerce.number().int().min(1).max(1000).catch(2);

async function buildReport(ctx: AppContext, user: NonNullable<Express.Request['currentUser']>, query: Record<string, unknown>) {
  const filter = selectionQuery.parse(query);
  const s = caseSelection(user, filter);
  const min = minRefusals.parse(query.minRefusals);
  const [byYear, byRegion, byMethod, byOutcome, byInstitution, refused, convictions] = await Promise.all([
    casesByYear(ctx.ds, s),
    casesByRegion(ctx.ds, s),
    casesByMethod(ctx.ds, s),
    responsesByOutcome(ctx.ds, s),
    casesByInstitution(ctx.ds, s),
    refusedAtLeast(ctx.ds, s, min),
    convictionsOnRetractedStatements(ctx.ds, s),
  ]);
  return { filter, minRefusals: min, byYear, byRegion, byMethod, byOutcome, byInstitution, refused, convictions };
}

/** Cross-case reports for report writers: each chart drawn on the server as SVG, with its table. */
export function reportPageRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    authorize(req.currentUser, 'report.view');
    const report = await buildReport(ctx, req.currentUser, req.query as Record<string, unknown>);
    res.render('reports/index', {
      title: 'Reports',
      ...report,
      query: selectionQueryString(report.filter),
      statuses: await vocabOptions(ctx.ds, 'case_status'),
      regions: await vocabOptions(ctx.ds, 'region'),
    });
  });
  return router;
}

export function reportApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    authorize(req.currentUser, 'report.view');
    res.json({ data: await buildReport(ctx, req.currentUser, req.query as Record<string, unknown>) });
  });
  return router;
}

addPaths({
  '/reports': {
    get: {
      summary: 'Counts by year, region, method, institution and complaint outcome; cases refused N+ times; convictions relying on retracted statements — over the cases you may see',
      parameters: [...['q', 'status', 'region', 'tag'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), { name: 'minRefusals', in: 'query', schema: { type: 'integer', default: 2 } }],
      responses: { '200': { description: 'The report' }, ...errorResponses(401, 403) },
    },
  },
});
