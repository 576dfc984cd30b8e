import { ErrorRequestHandler, Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize, can } from '../auth/policy';
import { actorOf } from '../http/actor';
import { AppError, notFound } from '../http/errors';
import { flash } from '../http/flash';
import { checkForm, formValues, idParam as idOfPath, parseInput } from '../http/validate';
import { addPaths, errorResponses, jsonBody } from '../api/openapi';
import { evidenceRuntime } from '../evidence/evidence-runtime';
import { getTrashItem, listTrash, purgeFromTrash, restoreFromTrash, trashItemHolding } from './trash.service';
import { presentTrashItem } from './trash.presenter';
import { purgeSchema, restoreSchema, TRASH_LIST_FILTERS, trashListQuery } from './trash.schema';
import { TRASH_ADDRESSES, kindLabel } from './trash-kinds';
import { TrashItem } from './trash-item.entity';
import './trash.policy';
import { t } from '../i18n/i18n';

const PAGE_SIZE = 50;

/** A trash item's id from the address; anything else is "No such item in the trash." */
function itemIdOf(req: Request): number {
  const parsed = idOfPath.safeParse(req.params.id);
  if (!parsed.success) throw notFound(t('trash.errors.noSuchItem'));
  return parsed.data;
}

/** A trash item as the pages show it: its kind worded in the reader's language. */
const presentPageItem = (item: TrashItem) => ({ ...presentTrashItem(item), kindLabel: kindLabel(item.kind) });

/** /admin/trash: what users deleted, for admins to restore or purge. */
export function trashPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;
  const itemOf = (req: Request) => getTrashItem(ds, itemIdOf(req));

  router.get('/admin/trash', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    const parsed = checkForm(trashListQuery, req.query);
    const errors = parsed.ok ? {} : parsed.errors;
    const filters = parsed.ok ? { kind: parsed.data.kind ?? '', case: parsed.data.case ? String(parsed.data.case) : '' } : formValues(req.query, [...TRASH_LIST_FILTERS]);
    const page = parsed.ok ? parsed.data.page : 1;
    const { rows, total, kinds } = parsed.ok
      ? await listTrash(ds, { kind: parsed.data.kind, caseId: parsed.data.case, page, pageSize: PAGE_SIZE })
      : { rows: [], total: 0, kinds: (await listTrash(ds, { page: 1, pageSize: 1 })).kinds };
    const query = new URLSearchParams();
    for (const k of TRASH_LIST_FILTERS) if (filters[k]) query.set(k, filters[k]);
    res.status(parsed.ok ? 200 : 422).render('trash/list', {
      title: t('trash.list.title'),
      errors,
      items: rows.map(presentPageItem),
      kinds: kinds.map((k) => ({ code: k, label: kindLabel(k) })),
      filters,
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      baseQuery: query.toString(),
    });
  });

  router.post('/admin/trash/:id/restore', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    const item = await itemOf(req);
    try {
      const result = await restoreFromTrash(ds, actorOf(req), item.id);
      await flash(ds, req, result.skipped ? t('trash.flash.restoredSkipped', { kind: kindLabel(item.kind), label: item.label, count: result.skipped }) : t('trash.flash.restored', { kind: kindLabel(item.kind), label: item.label }));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      await flash(ds, req, t('trash.flash.notRestored', { reason: err.message }));
    }
    res.redirect(303, '/admin/trash');
  });

  const renderPurge = (res: Response, status: number, item: TrashItem, values: { reason: string }, errors: Record<string, string>) =>
    res.status(status).render('trash/purge', { title: t('trash.purge.title', { kind: kindLabel(item.kind), label: item.label }), item: presentPageItem(item), values, errors });

  router.get('/admin/trash/:id/purge', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    await renderPurge(res, 200, await itemOf(req), { reason: '' }, {});
  });

  router.post('/admin/trash/:id/purge', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    const item = await itemOf(req);
    const { _csrf: _token, ...body } = (req.body ?? {}) as Record<string, unknown>;
    const form = checkForm(purgeSchema, body);
    if (!form.ok) return renderPurge(res, 422, item, { reason: typeof body.reason === 'string' ? body.reason : '' }, form.errors);
    await purgeFromTrash(ds, actorOf(req), evidenceRuntime(ds, ctx.config).storage, item.id, form.data.reason);
    await flash(ds, req, t('trash.flash.purged', { kind: kindLabel(item.kind), label: item.label }));
    res.redirect(303, '/admin/trash');
  });

  return router;
}

/** /api/v1/trash (admins). */
export function trashApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;
  const idOf = itemIdOf;

  router.get('/trash', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    const q = parseInput(trashListQuery, req.query);
    const { rows, total } = await listTrash(ds, { kind: q.kind, caseId: q.case, page: q.page, pageSize: PAGE_SIZE });
    res.json({ data: rows.map(presentTrashItem), page: q.page, pageSize: PAGE_SIZE, total });
  });

  router.get('/trash/:id', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    const item = await getTrashItem(ds, idOf(req));
    const counts: Record<string, number> = {};
    for (const row of item.snapshot.rows) counts[row.table] = (counts[row.table] ?? 0) + 1;
    res.json({ data: { ...presentTrashItem(item), contents: counts } });
  });

  router.post('/trash/:id/restore', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    parseInput(restoreSchema, req.body ?? {});
    const result = await restoreFromTrash(ds, actorOf(req), idOf(req));
    res.json({ data: { ...presentTrashItem(result.item), restored: result.restored, skipped: result.skipped } });
  });

  router.post('/trash/:id/purge', async (req, res) => {
    authorize(req.currentUser, 'trash.manage');
    const id = idOf(req);
    const input = parseInput(purgeSchema, req.body);
    await getTrashItem(ds, id);
    await purgeFromTrash(ds, actorOf(req), evidenceRuntime(ds, ctx.config).storage, id, input.reason);
    res.status(204).end();
  });

  return router;
}

/**
 * An admin following the old address of a record in the trash is told so (still a 404); everyone
 * else gets the plain 404 they got before, which reveals nothing.
 */
export function trashedRecordNotice(ctx: AppContext): ErrorRequestHandler {
  return async (err, req, res, next) => {
    if (!(err instanceof AppError) || err.status !== 404 || req.method !== 'GET' || !can(req.currentUser, 'trash.manage') || res.headersSent) return next(err);
    try {
      const full = new URL(req.originalUrl, 'http://casebook.invalid').pathname;
      const api = full.startsWith('/api/v1/');
      const path = api ? full.slice('/api/v1'.length) : full;
      for (const { pattern, table } of TRASH_ADDRESSES) {
        const m = pattern.exec(path);
        if (!m) continue;
        const item = await trashItemHolding(ctx.ds.manager, table, Number(m[1]));
        if (!item) continue;
        if (api) {
          res.status(404).json({ error: { code: 'in_trash', message: t('trash.errors.inTrashApi', { kind: kindLabel(item.kind), id: item.id }), id: req.correlationId, trashItemId: item.id } });
        } else {
          res.status(404).render('trash/in-trash', { title: t('trash.inTrash.title'), item: presentPageItem(item), inside: item.recordType !== table || item.recordId !== Number(m[1]) });
        }
        return;
      }
    } catch {
      // fall through to the plain 404
    }
    next(err);
  };
}

const itemSpec = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string' },
    label: { type: 'string' },
    recordType: { type: 'string', description: 'the table of the deleted record' },
    recordId: { type: 'integer' },
    caseId: { type: ['integer', 'null'] },
    caseCode: { type: ['string', 'null'] },
    restricted: { type: 'boolean' },
    deletedBy: { type: 'string' },
    deletedById: { type: ['integer', 'null'] },
    deletedAt: { type: 'string', format: 'date-time' },
    rows: { type: 'integer', description: 'rows kept: the record and everything deleted with it' },
    address: { type: ['string', 'null'] },
  },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
addPaths(
  {
    '/trash': {
      get: {
        summary: 'Records moved to the trash, newest first (admins)',
        parameters: [
          { name: 'kind', in: 'query', schema: { type: 'string' } },
          { name: 'case', in: 'query', schema: { type: 'integer' } },
          { name: 'page', in: 'query', schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'A page of trash items', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/TrashItem' } }, page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' } } } } } }, ...errorResponses(401, 403, 422) },
      },
    },
    '/trash/{id}': {
      parameters: [idParam],
      get: { summary: 'One trash item, with how many rows of each table it holds (admins)', responses: { '200': { description: 'The item' }, ...errorResponses(401, 403, 404) } },
    },
    '/trash/{id}/restore': {
      parameters: [idParam],
      post: {
        summary: 'Put the record back with its ids and links (admins); 409 when what it belongs to is gone or in the trash',
        requestBody: { ...jsonBody(restoreSchema), required: false },
        responses: { '200': { description: 'Restored' }, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    '/trash/{id}/purge': {
      parameters: [idParam],
      post: { summary: 'Delete the item for good (admins), with the reason kept in the audit trail', requestBody: jsonBody(purgeSchema), responses: { '204': { description: 'Purged' }, ...errorResponses(401, 403, 404, 422) } },
    },
  },
  { TrashItem: itemSpec },
);
