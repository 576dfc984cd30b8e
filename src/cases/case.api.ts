import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { caseIdOf } from './case.routes';
import { caseListQuery, caseLinkSchema, createCaseSchema, participantSchema } from './case.schema';
import { addParticipant, caseTags, createCase, deleteCase, linkCases, listCases, updateCase, victimsOf } from './case.service';
import { caseFormValues, presentCaseSummary } from './case.presenter';
import { regionsOfCases } from './case-regions';
import { requireCase } from './case-access';
import { loadCasePage } from './case-page';
import { vocabLabeler } from '../vocab/vocab.service';
import { personLabels } from '../people/identity';
import { addPaths, errorResponses, jsonBody } from '../api/openapi';

const PAGE_SIZE = 50;

/** /api/v1/cases: the same rules as the pages; a case the caller may not see is a 404. */
export function caseApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/cases', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const f = parseInput(caseListQuery, req.query);
    const { rows, total } = await listCases(ds, req.currentUser, { ...f, pageSize: PAGE_SIZE });
    const label = await vocabLabeler(ds);
    const victims = await victimsOf(ds, rows.map((r) => r.id));
    const names = await personLabels(ds, req.currentUser, [...victims.values()].flat());
    const tags = await caseTags(ds, rows.map((r) => r.id));
    const regions = await regionsOfCases(ds, rows.map((r) => r.id));
    res.json({
      data: rows.map((c) => presentCaseSummary(c, label, (victims.get(c.id) ?? []).map((id) => names.get(id)!).filter(Boolean), tags.filter((t) => t.caseId === c.id).map((t) => t.tag), regions.get(c.id))),
      page: f.page,
      pageSize: PAGE_SIZE,
      total,
    });
  });

  router.post('/cases', async (req, res) => {
    authorize(req.currentUser, 'case.create');
    const input = parseInput(createCaseSchema, req.body);
    const record = await createCase(ds, actorOf(req), req.currentUser, input);
    const page = await loadCasePage(ds, req.currentUser, record.id);
    res.status(201).json({ data: page.caseRecord });
  });

  router.get('/cases/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const page = await loadCasePage(ds, req.currentUser, caseIdOf(req));
    res.json({
      data: {
        ...page.caseRecord,
        participants: page.participants.map((p) => ({ id: p.id, personId: p.personId, name: p.person.label, pseudonymised: p.person.hidden, role: p.role, note: p.note })),
        links: page.links.map((l) => ({ id: l.id, kind: l.kind, note: l.note, caseId: l.other.id, code: l.other.code, title: l.other.title })),
        sections: page.sections,
        deaths: page.deaths.map((d) => ({ personId: d.person.id, name: d.person.label, ...d.death })),
        posthumousVerdict: page.posthumousVerdict,
      },
    });
  });

  router.patch('/cases/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const id = caseIdOf(req);
    const { record } = await requireCase(ds, req.currentUser, id, 'case.update');
    const current = caseFormValues(record, (await caseTags(ds, [id])).map((t) => t.tag));
    const merged = { ...current, groupCount: record.groupCount, groupDeathCount: record.groupDeathCount, tags: current.tags, ...(req.body ?? {}) };
    const input = parseInput(createCaseSchema, merged);
    await updateCase(ds, actorOf(req), req.currentUser!, id, input);
    res.json({ data: (await loadCasePage(ds, req.currentUser!, id)).caseRecord });
  });

  router.delete('/cases/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    await deleteCase(ds, actorOf(req), req.currentUser!, caseIdOf(req));
    res.status(204).end();
  });

  router.post('/cases/:id/participants', async (req, res) => {
    const id = caseIdOf(req);
    const input = parseInput(participantSchema, req.body);
    const row = await addParticipant(ds, actorOf(req), req.currentUser!, id, input);
    res.status(201).json({ data: { id: row.id, personId: row.personId, role: row.role, note: row.note } });
  });

  router.post('/cases/:id/links', async (req, res) => {
    const id = caseIdOf(req);
    const input = parseInput(caseLinkSchema, req.body);
    const link = await linkCases(ds, actorOf(req), req.currentUser!, id, input);
    res.status(201).json({ data: { id: link.id, kind: link.kind } });
  });

  return router;
}

const caseSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    code: { type: 'string', example: 'RU-2005-0001' },
    title: { type: 'string' },
    summary: { type: ['string', 'null'] },
    status: { type: 'string', description: 'case_status term' },
    region: { type: ['string', 'null'], description: 'region term' },
    restricted: { type: 'boolean' },
    victims: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string', description: 'name, or "Person P-0001" for protected identities you are not cleared for' }, hidden: { type: 'boolean' } } } },
    group: { type: ['object', 'null'], properties: { description: { type: ['string', 'null'] }, count: { type: ['string', 'null'], example: 'around 40' }, deaths: { type: ['string', 'null'], example: 'at least 2' } } },
    tags: { type: 'array', items: { type: 'string' } },
  },
};
const caseInput = {
  type: 'object',
  required: ['title', 'status'],
  properties: {
    code: { type: 'string', description: 'optional; assigned as RU-<year>-NNNN when empty' },
    year: { type: 'integer', description: 'year for the assigned code' },
    title: { type: 'string', maxLength: 500 },
    summary: { type: ['string', 'null'], maxLength: 20000 },
    status: { type: 'string' },
    region: { type: ['string', 'null'] },
    regions: { type: 'array', description: "the case's regions: its own (primary) and its events'", items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' }, primary: { type: 'boolean' } } } },
    restricted: { type: 'boolean' },
    groupDescription: { type: ['string', 'null'] },
    groupCount: { type: ['integer', 'null'] },
    groupCountPrecision: { type: ['string', 'null'], enum: ['exact', 'approximately', 'at_least', 'at_most', 'unknown', null], description: "how groupCount is known; 'unknown' (with groupCount null) is a group of unknown size, null with null a size not entered" },
    groupDeathCount: { type: ['integer', 'null'] },
    groupDeathCountPrecision: { type: ['string', 'null'], enum: ['exact', 'approximately', 'at_least', 'at_most', 'unknown', null], description: "'unknown' (with groupDeathCount null): deaths of unknown number" },
    tags: { type: 'array', items: { type: 'string' } },
  },
};
const idParamSpec = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
addPaths(
  {
    '/cases': {
      get: {
        summary: 'Cases you may see, newest change first',
        parameters: ['q', 'status', 'region', 'tag', 'page'].map((name) => ({ name, in: 'query', schema: { type: name === 'page' ? 'integer' : 'string' } })),
        responses: { '200': { description: 'A page of cases' }, ...errorResponses(401, 403) },
      },
      post: { summary: 'Create a case (researcher, admin)', requestBody: { content: { 'application/json': { schema: caseInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } }, ...errorResponses(400, 401, 403, 409, 413, 422) } },
    },
    '/cases/{id}': {
      parameters: idParamSpec,
      get: { summary: 'A case with participants, links and every section', description: '`deaths`: people of the case who died (those whose identity you may see), each with `phrase` like "died in custody, 16 Nov 2009"; `posthumousVerdict`: a verdict was delivered after a defendant’s death.', responses: { '200': { description: 'The case' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a case (researcher, admin); fields not sent keep their values', requestBody: { content: { 'application/json': { schema: caseInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 409, 422) } },
      delete: { summary: 'Move a case and everything in it to the trash (researcher, admin); an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
    '/cases/{id}/participants': {
      parameters: idParamSpec,
      post: {
        summary: 'Add a person to a case with a role (participant_role term)',
        description: 'A person who does not exist or whom you may not see is refused (422 on personId), as is a role outside the vocabulary (422 on role); the same person in the same role twice is a 409.',
        requestBody: jsonBody(participantSchema),
        responses: { '201': { description: 'Added' }, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    '/cases/{id}/links': {
      parameters: idParamSpec,
      post: {
        summary: 'Link another case you can see (kind: case_link_kind term)',
        description: 'A case that does not exist or that you may not see, or the case itself, is refused (422 on otherCaseId), as is a kind outside the vocabulary (422 on kind); the same link twice is a 409.',
        requestBody: jsonBody(caseLinkSchema),
        responses: { '201': { description: 'Linked' }, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
  },
  { Case: caseSchema },
);
