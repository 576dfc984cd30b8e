import { t } from '../i18n/i18n';
import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { idParam, parseInput } from '../http/validate';
import { notFound, validationFailed } from '../http/errors';
import { addPaths, errorResponses, jsonBody } from '../api/openapi';
import { FILTER_PARAMS, SEARCHABLE_KINDS, parseSearchQuery } from './search.schema';
import { loadSearch } from './search-page';
import { hitJson } from './search.presenter';
import { createSavedQuery, deleteSavedQuery, findSavedQuery, listSavedQueries, presentSavedQuery, savedQueryPatchSchema, savedQuerySchema, updateSavedQuery } from './saved-query.service';
import { EVIDENCE_TYPES } from '../evidence/evidence-constants';
import './search.policy';

const savedIdOf = (req: Request): number => {
  const parsed = idParam.safeParse(req.params.id);
  if (!parsed.success) throw notFound(t('search.errors.noSuchSavedSearch'));
  return parsed.data;
};

/** /api/v1/search and /api/v1/saved-searches: the same results, rules and messages as the page. */
export function searchApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/search', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const parsed = parseSearchQuery(req.query);
    const withFacets = String(req.query.include ?? '') === 'facets';
    const model = await loadSearch(ds, req.currentUser, parsed, { facets: withFacets });
    if (Object.keys(parsed.errors).length || !model.outcome) throw validationFailed(parsed.errors, Object.values(parsed.errors)[0]);
    const o = model.outcome;
    res.json({
      data: o.hits.map(hitJson),
      mode: o.mode,
      page: o.page,
      pageSize: o.pageSize,
      pages: o.pages,
      total: o.total,
      totalExact: o.totalExact,
      notices: model.notices,
      ...(withFacets
        ? {
            facets: {
              cases: model.facetCases,
              kinds: model.kinds?.map((k) => ({ value: k.value, label: k.label, count: k.count, active: k.active })) ?? null,
              filters: model.facets?.map((f) => ({ param: f.param, label: f.label, values: f.values.map((v) => ({ value: v.value, label: v.label, count: v.count, active: v.active })) })) ?? null,
            },
          }
        : {}),
    });
  });

  router.get('/saved-searches', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const rows = await listSavedQueries(ds, req.currentUser);
    res.json({ data: rows.map((r) => ({ id: r.id, name: r.name, query: r.query, url: r.href, shared: r.shared, mine: r.mine, owner: r.owner, updatedAt: r.updatedAt })) });
  });

  router.post('/saved-searches', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const input = parseInput(savedQuerySchema, req.body);
    const row = await createSavedQuery(ds, actorOf(req), req.currentUser, input);
    res.status(201).json({ data: presentSavedQuery(row, req.currentUser) });
  });

  router.get('/saved-searches/:id', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    res.json({ data: presentSavedQuery(await findSavedQuery(ds, req.currentUser, savedIdOf(req)), req.currentUser) });
  });

  router.patch('/saved-searches/:id', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    const patch = parseInput(savedQueryPatchSchema, req.body);
    const row = await updateSavedQuery(ds, actorOf(req), req.currentUser, savedIdOf(req), patch);
    res.json({ data: presentSavedQuery(row, req.currentUser) });
  });

  router.delete('/saved-searches/:id', async (req, res) => {
    authorize(req.currentUser, 'search.use');
    await deleteSavedQuery(ds, actorOf(req), req.currentUser, savedIdOf(req));
    res.status(204).end();
  });

  return router;
}

const segments = { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, hit: { type: 'boolean', description: 'a matched word: show it highlighted' } } } };
const hitSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: SEARCHABLE_KINDS },
    id: { type: 'integer' },
    url: { type: 'string', description: 'the record page, or its place on the case page' },
    title: { type: 'string' },
    titleSegments: segments,
    snippet: { type: 'string' },
    snippetSegments: segments,
    snippetLabel: { type: ['string', 'null'] },
    case: { type: ['object', 'null'], properties: { id: { type: 'integer' }, code: { type: 'string' }, title: { type: 'string' } } },
    facts: { type: 'array', items: { type: 'string' } },
    victims: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string' }, hidden: { type: 'boolean' } } } },
  },
};
const idParamSpec = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const FILTER_DESCRIPTIONS: Partial<Record<(typeof FILTER_PARAMS)[number], string>> = {
  from: 'YYYY, YYYY-MM or YYYY-MM-DD; events overlapping the period',
  to: 'YYYY, YYYY-MM or YYYY-MM-DD; events overlapping the period',
  refusals: 'refused to investigate at least this many times',
  evidence_type: 'cases holding an evidence item of this type (privileged items count only for lawyers and admins)',
};
addPaths(
  {
    '/search': {
      get: {
        summary: 'Full-text search over the records you may see, with filters; without q, the filtered case list',
        description:
          'Words are matched as plain text (quotes around a phrase are the only syntax), in every spelling and transliteration of names. Each word also finds the other forms of itself in titles and texts, Russian and English (пытки: пыток, пытками; tortured: torturing), ranked below the word as written; a word in quotes matches as written only. Results are ranked by relevance; when more than 10,000 records match, the best among the 10,000 most recent are returned and totalExact is false. include=facets adds counts for the filters.',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
          { name: 'kind', in: 'query', schema: { type: 'string', enum: SEARCHABLE_KINDS } },
          ...FILTER_PARAMS.map((name) => ({ name, in: 'query', schema: { type: 'string', ...(name === 'evidence_type' ? { enum: [...EVIDENCE_TYPES] } : {}) }, description: FILTER_DESCRIPTIONS[name] })),
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'include', in: 'query', schema: { type: 'string', enum: ['facets'] } },
        ],
        responses: { '200': { description: 'A page of results', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/SearchHit' } } } } } } }, ...errorResponses(401, 403, 422) },
      },
    },
    '/saved-searches': {
      get: { summary: 'Your saved searches and those shared with the team', responses: { '200': { description: 'Saved searches' }, ...errorResponses(401) } },
      post: { summary: 'Save a search under a name', requestBody: jsonBody(savedQuerySchema), responses: { '201': { description: 'Saved' }, ...errorResponses(401, 409, 422) } },
    },
    '/saved-searches/{id}': {
      parameters: idParamSpec,
      get: { summary: 'One saved search (yours, or shared; 403 when a shared search names a person whose identity is protected from you)', responses: { '200': { description: 'The saved search' }, ...errorResponses(401, 403, 404) } },
      patch: {
        summary: 'Change your saved search: only the fields given change (rename, new query, share or unshare)',
        description: 'A field not listed here is refused (422 naming it), as is an empty body. A shared search (or one being shared) may not name a person whose identity is protected (422 on shared).',
        // The refinement (at least one field) is not exported: minProperties states it.
        requestBody: jsonBody(savedQueryPatchSchema, { minProperties: 1 }),
        responses: { '200': { description: 'Updated' }, ...errorResponses(401, 403, 404, 409, 422) },
      },
      delete: { summary: 'Delete your saved search', responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { SearchHit: hitSchema },
);
