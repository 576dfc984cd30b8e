import { Request, Response, Router } from 'express';
import { z } from 'zod';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { notFound, validationFailed } from '../http/errors';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { log } from '../logger';
import { selectCases, selectedCaseCount } from '../reports/case-selection';
import { SELECTION_PARAMETERS, SelectionQuery, auditedSelection, hasErrors, readSelectionQuery, selectionInput } from '../reports/selection-query';
import { selectionPage } from '../reports/report-page';
import { CSV_HEADERS, CsvHeaders, EXPORT_FORMATS, EXPORT_KINDS, ExportFormat, ExportKind, FORMAT_FILES, streamExport } from './export.service';
import { t } from '../i18n/i18n';
import { addPaths, errorResponses } from '../api/openapi';

const kindParam = z.enum(EXPORT_KINDS);
const formatParam = z.enum(EXPORT_FORMATS);
const headersParam = z.enum(CSV_HEADERS);

/** "casebook-cases-2005-10-23.csv", "casebook-cases-excel-2005-10-23.csv", ".xlsx", ".json": the page's links name the same files. */
export function fileName(kind: ExportKind, format: ExportFormat, stamp: string): string {
  const suffix = FORMAT_FILES[format].suffix;
  const dot = suffix.lastIndexOf('.');
  return `casebook-${kind}${suffix.slice(0, dot)}-${stamp}${suffix.slice(dot)}`;
}

/**
 * Streams an export of the user's selection (the search's words and filters). The audit trail
 * records who exported what kind, which filters were used (codes, dates and the institution id;
 * never typed words, which may be a name), and how many rows left.
 */
async function sendExport(ctx: AppContext, req: Request, res: Response, sq: SelectionQuery, kind: ExportKind, format: ExportFormat, headers: CsvHeaders): Promise<void> {
  const user = req.currentUser!;
  const selection = selectCases(ctx.ds, user, selectionInput(sq));
  const detail = { kind, format, ...(format === 'csv' ? { headers } : {}), ...auditedSelection(sq) };
  await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: 'export.start', recordType: 'export', detail }));
  const stamp = new Date().toISOString().slice(0, 10);
  const file = FORMAT_FILES[format];
  res.setHeader('Content-Type', file.mime);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName(kind, format, stamp)}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  let rows = 0;
  let outcome = 'export.complete';
  try {
    rows = await streamExport(ctx.ds, user, selection, kind, format, res, headers);
    // A workbook ends the response itself: sent in full, it is complete even once the connection has closed.
    if (res.destroyed && !res.writableFinished) outcome = 'export.aborted';
    else if (!res.writableEnded) res.end();
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
  /** The export page; with invalid parameters (also on a download link), the form with a message next to each field. */
  const renderPage = async (req: Request, res: Response, sq: SelectionQuery) => {
    const cases = hasErrors(sq) ? null : selectedCaseCount(ctx.ds, selectCases(ctx.ds, req.currentUser!, selectionInput(sq)));
    res.status(cases === null ? 422 : 200).render('exports/index', { title: t('exports.title'), ...(await selectionPage(ctx.ds, sq)), cases, withWords: sq.parsed.terms.length > 0 });
  };
  router.get('/exports', async (req, res) => {
    authorize(req.currentUser, 'export.run');
    await renderPage(req, res, await readSelectionQuery(ctx.ds, req.query));
  });
  router.get('/exports/:file', async (req, res) => {
    authorize(req.currentUser, 'export.run');
    const m = /^([a-z]+)(-excel)?\.(csv|json|xlsx)$/.exec(String(req.params.file));
    const kind = kindParam.safeParse(m?.[1]);
    const format = formatParam.safeParse(m?.[2] ? (m[3] === 'csv' ? 'csv-excel' : null) : m?.[3]);
    if (!kind.success || !format.success) throw notFound(t('exports.errors.noSuchExport'));
    const sq = await readSelectionQuery(ctx.ds, req.query);
    if (hasErrors(sq)) return renderPage(req, res, sq);
    // People download from the page: readable headers unless the link asks for the codes.
    await sendExport(ctx, req, res, sq, kind.data, format.data, headersParam.catch('readable').parse(req.query.headers ?? 'readable'));
  });
  return router;
}

export function exportApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/exports/:kind', async (req, res) => {
    authorize(req.currentUser, 'export.run');
    const kind = kindParam.safeParse(req.params.kind);
    if (!kind.success) throw notFound(t('exports.errors.noSuchExport'));
    const format = formatParam.catch('json').parse(req.query.format);
    const sq = await readSelectionQuery(ctx.ds, req.query);
    if (hasErrors(sq)) throw validationFailed(sq.errors, Object.values(sq.errors)[0]);
    // Programs use the API: the codes unless `headers=readable`.
    await sendExport(ctx, req, res, sq, kind.data, format, headersParam.catch('codes').parse(req.query.headers ?? 'codes'));
  });
  return router;
}

addPaths({
  '/exports/{kind}': {
    parameters: [
      { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...EXPORT_KINDS] } },
      {
        name: 'format',
        in: 'query',
        description:
          'json: an array of objects keyed by the column codes. csv: for programs: the column codes as headers, comma-separated, UTF-8 with BOM, labels and dates in English (stable). csv-excel: for spreadsheets (Excel in a Russian locale): semicolon-separated, CRLF, UTF-8 with BOM, human-readable headers, labels and yes/no in the language of Accept-Language. xlsx: an Excel workbook with the same headers as csv-excel, the header row frozen, dates as text in their four columns. Every format holds the same rows, redacted the same way.',
        schema: { type: 'string', enum: [...EXPORT_FORMATS], default: 'json' },
      },
      {
        name: 'headers',
        in: 'query',
        description: 'csv only: codes (the default here, for programs) or readable (the columns named in the language of Accept-Language, as the download links on the export page give them by default). Only the header row changes; the import reads either.',
        schema: { type: 'string', enum: [...CSV_HEADERS], default: 'codes' },
      },
      ...SELECTION_PARAMETERS,
    ],
    get: {
      summary: 'Stream every selected row (cases you may see, chosen like /search; no row cap). Recorded in the audit trail.',
      description:
        'cases: one row per selected case. events, allegations, complaints, statements (with their court status and retraction history), proceedings: without q, every record of the selected cases; with q, only the records of the selected cases that themselves match the words (as the search would list them). investigations, decisions: every investigation (and its decisions, in order) of the selected cases; refusals counted by the one definition. proceedings: one row per defendant per stage (charges, outcome, sentence kind, years, months, suspended, regime, note; dates as entered with their precision, earliest and latest day). people: one row per person and role in each selected case, with birth and death (date as entered, precision, earliest, latest; in custody, place, institution, causes); a protected identity you are not cleared for shows only the pseudonym and role.',
      responses: {
        '200': {
          description: 'CSV (UTF-8 with BOM; csv or csv-excel), an XLSX workbook, or a JSON array',
          content: {
            'application/json': { schema: { type: 'array', items: { type: 'object' } } },
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
});
