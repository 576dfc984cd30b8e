import { apiDateSpec, apiDateViewSpec } from '../records/api-specs';
import { SOURCE_KINDS } from './source.entity';
import { Request, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { DataSource } from 'typeorm';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { requireCase } from '../cases/case-access';
import { caseIdOf } from '../cases/case.routes';
import { vocabLabeler, vocabLookup } from '../vocab/vocab.service';
import { personLabels } from '../people/identity';
import { addPaths, errorResponses } from '../api/openapi';
import { sourceListQuery, sourceSchema } from './source.schema';
import { createSource, deleteSource, getSource, listSources, updateSource } from './source.service';
import { presentSource, sourceFormValues } from './source.presenter';
import { sourceUsage } from './source-usage';
import { citationNoteSchema, citationSchema } from './citation.schema';
import { citationsOfCase, citeSource, getCitation, removeCitation, updateCitationNote } from './citation.service';
import { caseRecordIndex } from './case-record-index';
import { presentCitation } from './citation.presenter';
import { Citation } from './citation.entity';
import { paramId } from '../records/route-params';

const PAGE_SIZE = 50;

/** Citations presented with their source and the label of the record they support. */
async function presentCitations(ds: DataSource, user: CurrentUser, caseId: number, citations: Citation[]) {
  const label = await vocabLabeler(ds);
  const index = new Map((await caseRecordIndex({ ds, label, people: (ids) => personLabels(ds, user, ids) }, caseId)).map((r) => [r.key, r]));
  const sources = new Map((await Promise.all([...new Set(citations.map((c) => c.sourceId))].map((id) => getSource(ds, id)))).map((s) => [s.id, presentSource(s, label)]));
  return citations.map((c) => {
    const view = presentCitation(c, sources.get(c.sourceId)!, index.get(`${c.recordType}:${c.recordId}`), label);
    return { id: view.id, sourceId: view.sourceId, source: view.source, recordType: view.recordType, recordId: view.recordId, recordLabel: view.record.label, attribution: view.attribution, attributionLabel: view.attributionLabel, note: view.note };
  });
}

/** /api/v1/sources and /api/v1/cases/:caseId/citations. */
export function sourcesApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;
  const sourceOf = async (req: Request) => getSource(ds, paramId(req, 'id', 'source'));

  router.get('/sources', async (req, res) => {
    authorize(req.currentUser, 'source.list');
    const f = parseInput(sourceListQuery(await vocabLookup(ds)), req.query);
    const { rows, total } = await listSources(ds, req.currentUser!, { ...f, pageSize: PAGE_SIZE });
    const label = await vocabLabeler(ds);
    res.json({ data: rows.map((s) => presentSource(s, label)), page: f.page, pageSize: PAGE_SIZE, total });
  });

  router.post('/sources', async (req, res) => {
    authorize(req.currentUser, 'source.create');
    const source = await createSource(ds, actorOf(req), req.currentUser, parseInput(sourceSchema, req.body));
    res.status(201).json({ data: presentSource(source, await vocabLabeler(ds)) });
  });

  router.get('/sources/:id', async (req, res) => {
    authorize(req.currentUser, 'source.list');
    const source = await sourceOf(req);
    res.json({ data: { ...presentSource(source, await vocabLabeler(ds)), citedIn: await sourceUsage(ds, req.currentUser, source.id) } });
  });

  router.patch('/sources/:id', async (req, res) => {
    authorize(req.currentUser, 'source.update');
    const source = await sourceOf(req);
    const input = parseInput(sourceSchema, { ...sourceFormValues(source), ...(req.body ?? {}) });
    const saved = await updateSource(ds, actorOf(req), req.currentUser, source.id, input);
    res.json({ data: presentSource(saved, await vocabLabeler(ds)) });
  });

  router.delete('/sources/:id', async (req, res) => {
    authorize(req.currentUser, 'source.update');
    await deleteSource(ds, actorOf(req), paramId(req, 'id', 'source'));
    res.status(204).end();
  });

  router.get('/cases/:caseId/citations', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId);
    res.json({ data: await presentCitations(ds, req.currentUser, caseId, await citationsOfCase(ds, caseId)) });
  });

  router.post('/cases/:caseId/citations', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const citation = await citeSource(ds, actorOf(req), req.currentUser, caseId, parseInput(citationSchema, req.body));
    res.status(201).json({ data: (await presentCitations(ds, req.currentUser, caseId, [citation]))[0] });
  });

  router.get('/cases/:caseId/citations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId);
    const citation = await getCitation(ds, caseId, paramId(req, 'id', 'citation'));
    res.json({ data: (await presentCitations(ds, req.currentUser, caseId, [citation]))[0] });
  });

  router.patch('/cases/:caseId/citations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const id = paramId(req, 'id', 'citation');
    const current = await getCitation(ds, caseId, id);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const change = parseInput(citationNoteSchema, { note: current.note, attribution: current.attribution, ...body });
    const citation = await updateCitationNote(ds, actorOf(req), req.currentUser, caseId, id, change);
    res.json({ data: (await presentCitations(ds, req.currentUser, caseId, [citation]))[0] });
  });

  router.delete('/cases/:caseId/citations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await removeCitation(ds, actorOf(req), req.currentUser, caseId, paramId(req, 'id', 'citation'));
    res.status(204).end();
  });

  return router;
}

const dateSpec = apiDateSpec; // records/api-specs.ts: the one date shape
const sourceInput = {
  type: 'object',
  required: ['kind', 'name', 'reliability', 'relation'],
  properties: {
    kind: { type: 'string', enum: [...SOURCE_KINDS], description: 'official_finding: a finding by an official body (a national human-rights council, an ombudsman, the CPT, a UN body, an official inquiry)' },
    name: { type: 'string', maxLength: 300 },
    title: { type: ['string', 'null'], maxLength: 500 },
    url: { type: ['string', 'null'], maxLength: 2000, description: 'http or https only' },
    date: dateSpec,
    reliability: { type: 'string', description: 'reliability term (A–F grade)' },
    relation: { type: 'string', description: 'source_relation term; state_media sources are flagged as possibly deliberately false' },
    note: { type: ['string', 'null'], maxLength: 20000 },
  },
};
const sourceSchemaSpec = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ...sourceInput.properties,
    date: apiDateViewSpec,
    reliabilityLabel: { type: 'string' },
    relationLabel: { type: 'string' },
    stateMedia: { type: 'boolean' },
    warning: { type: ['string', 'null'] },
  },
};
const citationInput = {
  type: 'object',
  required: ['sourceId', 'recordType', 'recordId'],
  properties: {
    sourceId: { type: 'integer' },
    recordType: { type: 'string', enum: ['case_record', 'case_event', 'allegation', 'statement', 'complaint', 'complaint_response', 'proceeding', 'proceeding_stage'], description: 'the record must belong to this case (case_record: the case id itself)' },
    recordId: { type: 'integer' },
    note: { type: ['string', 'null'], maxLength: 2000 },
    attribution: { type: ['string', 'null'], description: 'citation_attribution term: what the source does with the fact (reported, alleged, witnessed, found_by_official_inquiry, found_by_official_body, found_by_court, denied_by_authorities)' },
  },
};
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer' } });
addPaths(
  {
    '/sources': {
      get: {
        summary: 'Sources, by name',
        parameters: ['q', 'kind', 'relation', 'reliability', 'page'].map((name) => ({ name, in: 'query', schema: { type: name === 'page' ? 'integer' : 'string' } })),
        responses: { '200': { description: 'A page of sources' }, ...errorResponses(401, 403) },
      },
      post: { summary: 'Add a source (researcher, admin)', requestBody: { content: { 'application/json': { schema: sourceInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Source' } } } } } }, ...errorResponses(400, 401, 403, 422) } },
    },
    '/sources/{id}': {
      parameters: [idParam('id')],
      get: { summary: 'A source and where it is cited (only in cases you may see)', responses: { '200': { description: 'The source' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a source (researcher, admin); fields not sent keep their values', requestBody: { content: { 'application/json': { schema: sourceInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a source that is no longer cited to the trash; an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404, 409) } },
    },
    '/cases/{caseId}/citations': {
      parameters: [idParam('caseId')],
      get: { summary: 'Sources cited in a case, with the record each supports', responses: { '200': { description: 'Citations' }, ...errorResponses(401, 404) } },
      post: { summary: 'Cite a source for the case or one of its records', requestBody: { content: { 'application/json': { schema: citationInput } } }, responses: { '201': { description: 'Cited' }, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    },
    '/cases/{caseId}/citations/{id}': {
      parameters: [idParam('caseId'), idParam('id')],
      get: { summary: 'One citation', responses: { '200': { description: 'The citation' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change the note of a citation', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { note: { type: ['string', 'null'] } } } } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a citation to the trash; an admin can restore it', responses: { '204': { description: 'Removed' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Source: sourceSchemaSpec },
);
