import { Request, Response, Router } from 'express';
import { z } from 'zod';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { notFound } from '../http/errors';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { log } from '../logger';
import { caseSelection, selectionQuery, selectionQueryString } from '../reports/case-selection';
import { EXPORT_KINDS, ExportFormat, ExportKind, streamExport } from './export.service';
import { vocabOptions } from '../vocab/vocab.service';
import { addPaths, errorResponses } from '../api/openapi';

const kindParam = z.enum(EXPORT_KINDS);
const formatParam = z.enum(['csv', 'json']);

/**
 * Streams an export of the user's selection. The audit trail records who exported what kind,
 * which filters were used (codes only, never typed text that might be a name), and how many rows left.
 */
async function sendExport(ctx: AppContext, req: Request, res: Response, kind: ExportKind, format: ExportFormat): Promise<void> {
  const user = req.currentUser!;
  const filter = selectionQuery.parse(req.query);
  const selection = caseSelection(user, filter);
  const detail = { kind, format, filteredByText: Boolean(filter.q), status: filter.status ?? null, region: filter.region ?? null, tag: Boolean(filter.tag) };
  await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: 'export.start', recordType: 'export', detail }));
  const stamp = new Date().toISOString().slice(0, 10);
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="casebook-${kind}-${stamp}.${format}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  let rows = 0;
  let outcome = 'export.complete';
  try {
    rows = await streamExport(ctx.ds, user, selection, kind, format, res);
    if (res.destroyed) outcome = 'export.aborted';
    else res.end();
  } catch (err) {
    outcome = 'export.failed';
    log.error('export failed', { id: req.correlationId, error: err instanceof Error ? err.message : String(err) });
    // The headers are sent: the only honest signal left is a cut-off response.
    res.destroy();
  }
  await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: outcome, recordType: 'export', detail: { ...detail, rows } }));
}

export function exportPageRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/exports', async (req, res) => {
    authorize(req.currentUser, 'export.run');
    const filter = selectionQuery.parse(req.query);
    res.render('exports/index', {
      title: 'Export',
      filter,
      query: selectionQueryString(filter),
      kinds: EXPORT_KINDS,
      statuses: await vocabOptions(ctx.ds, 'case_status'),
      regions: await vocabOptions(ctx.ds, 'region'),
    });
  });
  router.get('/exports/:file', async (req, res) => {
    authorize(req.currentUser, 'export.run');
    const m = /^([a-z]+)\.(csv|json)$/.exec(String(req.params.file));
    const kind = kindParam.safeParse(m?.[1]);
    const format = formatParam.safeParse(m?.[2]);
    if (!kind.success || !format.success) throw notFound('No such export.');
    await sendExport(ctx, req, res, kind.data, format.data);
  });
  return router;
}

export function exportApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/exports/:kind', async (req, res) => {
    authorize(req.currentUser, 'export.run');
    const kind = kindParam.safeParse(req.params.kind);
    if (!kind.success) throw notFound('No such export.');
    const format = formatParam.catch('json').parse(req.query.format);
    await sendExport(ctx, req, res, kind.data, format);
  });
  return router;
}

addPaths({
  '/exports/{kind}': {
    parameters: [
      { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...EXPORT_KINDS] } },
      { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
      ...['q', 'status', 'region', 'tag'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
    ],
    get: { summary: 'Stream every selected row (cases you may see; no row cap). Recorded in the audit trail.', responses: { '200': { description: 'CSV (UTF-8 with BOM) or a JSON array' }, ...errorResponses(401, 403, 404) } },
  },
});
