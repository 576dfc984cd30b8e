import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { vocabLabeler } from '../vocab/vocab.service';
import { addPaths, errorResponses } from '../api/openapi';
import { complaintSchema, responseSchema } from './complaint.schema';
import { addResponse, ComplaintRecord, createComplaint, deleteComplaint, deleteResponse, getComplaint, getResponse, listComplaints, updateComplaint, updateResponse } from './complaint.service';
import { complaintFormValues, presentComplaint, presentComplaintOverview, presentResponse, responseFormValues } from './complaint.presenter';
import { loadComplaintRefs } from './complaint-refs';
import { paramId } from '../records/route-params';
import { caseForReading, caseForWriting } from '../records/case-form-page';
import { apiDateSpec, apiInstitutionSpec, apiPersonSpec } from '../records/api-specs';

const body = (req: Request) => (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

/** /api/v1/cases/:caseId/complaints and their responses. */
export function complaintsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const refsFor = async (req: Request, caseId: number, rows: ComplaintRecord[]) => loadComplaintRefs(ds, req.currentUser!, await vocabLabeler(ds), caseId, rows);
  const present = async (req: Request, caseId: number, rows: ComplaintRecord[]) => {
    const refs = await refsFor(req, caseId, rows);
    return rows.map((c) => presentComplaint(c, refs));
  };
  const ids = (req: Request) => ({ complaintId: paramId(req, 'id', 'complaint') });

  router.get('/cases/:caseId/complaints', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const rows = await listComplaints(ds, caseId);
    res.json({ data: await present(req, caseId, rows), summary: presentComplaintOverview(rows, await vocabLabeler(ds)) });
  });

  router.post('/cases/:caseId/complaints', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const created = await createComplaint(ds, actorOf(req), user, caseId, parseInput(complaintSchema, req.body));
    res.status(201).json({ data: (await present(req, caseId, [await getComplaint(ds, caseId, created.id)]))[0] });
  });

  router.get('/cases/:caseId/complaints/:id', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: (await present(req, caseId, [await getComplaint(ds, caseId, ids(req).complaintId)]))[0] });
  });

  router.patch('/cases/:caseId/complaints/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const complaint = await getComplaint(ds, caseId, ids(req).complaintId);
    const input = parseInput(complaintSchema, { ...complaintFormValues(complaint), ...body(req) });
    await updateComplaint(ds, actorOf(req), user, caseId, complaint.id, input);
    res.json({ data: (await present(req, caseId, [await getComplaint(ds, caseId, complaint.id)]))[0] });
  });

  router.delete('/cases/:caseId/complaints/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteComplaint(ds, actorOf(req), user, caseId, ids(req).complaintId);
    res.status(204).end();
  });

  router.get('/cases/:caseId/complaints/:id/responses', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const complaint = await getComplaint(ds, caseId, ids(req).complaintId);
    const refs = await refsFor(req, caseId, [complaint]);
    res.json({ data: complaint.responseList.map((r) => presentResponse(r, refs)) });
  });

  router.post('/cases/:caseId/complaints/:id/responses', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const { complaintId } = ids(req);
    await getComplaint(ds, caseId, complaintId);
    const created = await addResponse(ds, actorOf(req), user, caseId, complaintId, parseInput(responseSchema, req.body));
    const { complaint, response } = await getResponse(ds, caseId, complaintId, created.id);
    res.status(201).json({ data: presentResponse(response, await refsFor(req, caseId, [complaint])) });
  });

  router.get('/cases/:caseId/complaints/:id/responses/:rid', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const { complaint, response } = await getResponse(ds, caseId, ids(req).complaintId, paramId(req, 'rid', 'response'));
    res.json({ data: presentResponse(response, await refsFor(req, caseId, [complaint])) });
  });

  router.patch('/cases/:caseId/complaints/:id/responses/:rid', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const { complaint, response } = await getResponse(ds, caseId, ids(req).complaintId, paramId(req, 'rid', 'response'));
    const input = parseInput(responseSchema, { ...responseFormValues(response), ...body(req) });
    await updateResponse(ds, actorOf(req), user, caseId, complaint.id, response.id, input);
    const after = await getResponse(ds, caseId, complaint.id, response.id);
    res.json({ data: presentResponse(after.response, await refsFor(req, caseId, [after.complaint])) });
  });

  router.delete('/cases/:caseId/complaints/:id/responses/:rid', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteResponse(ds, actorOf(req), user, caseId, ids(req).complaintId, paramId(req, 'rid', 'response'));
    res.status(204).end();
  });

  return router;
}

const complaintInput = {
  type: 'object',
  required: ['request'],
  properties: {
    filedByPersonId: { type: ['integer', 'null'] },
    filedByText: { type: ['string', 'null'], maxLength: 300, example: 'Memorial Human Rights Centre' },
    toInstitutionId: { type: ['integer', 'null'] },
    date: apiDateSpec,
    request: { type: 'string', description: 'complaint_request term' },
    description: { type: ['string', 'null'], maxLength: 20000 },
  },
};
const responseInput = {
  type: 'object',
  required: ['outcome'],
  properties: {
    date: apiDateSpec,
    respondingInstitutionId: { type: ['integer', 'null'] },
    outcome: { type: 'string', description: 'response_outcome term; refused_to_open and complaint_rejected count as refusals' },
    note: { type: ['string', 'null'], maxLength: 20000 },
    decisionId: { type: ['integer', 'null'], description: 'the investigation decision (of this case) this response reports; a response pointing to a decision is counted as that decision, never twice' },
  },
};
const responseOutput = {
  type: 'object',
  properties: { id: { type: 'integer' }, complaintId: { type: 'integer' }, respondingInstitution: apiInstitutionSpec, outcome: { type: 'string' }, outcomeLabel: { type: 'string' }, refusal: { type: 'boolean' }, note: { type: ['string', 'null'] }, decisionId: { type: ['integer', 'null'] } },
};
const complaintOutput = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    filedBy: apiPersonSpec,
    filedByText: { type: ['string', 'null'] },
    toInstitution: apiInstitutionSpec,
    request: { type: 'string' },
    requestLabel: { type: 'string' },
    description: { type: ['string', 'null'] },
    responses: { type: 'array', items: { $ref: '#/components/schemas/ComplaintResponse' } },
    refusalCount: { type: 'integer' },
  },
};
const params = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } }));
addPaths(
  {
    '/cases/{caseId}/complaints': {
      parameters: params('caseId'),
      get: { summary: 'Complaints of a case with their responses; `summary.refusals` and `summary.lastRefusalDate` count the refusals, and `summary.sentence` words them in the language of Accept-Language, like "3 refusals, last on 12 May 2006" or "3 отказа, последний — 12 мая 2006 г."', responses: { '200': { description: 'Complaints' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a complaint (researcher, admin)', requestBody: { content: { 'application/json': { schema: complaintInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Complaint' } } } } } }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/complaints/{id}': {
      parameters: params('caseId', 'id'),
      get: { summary: 'One complaint with its responses', responses: { '200': { description: 'The complaint' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a complaint; fields not sent keep their values', requestBody: { content: { 'application/json': { schema: complaintInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a complaint, its responses and their citations to the trash; an admin can restore them', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
    '/cases/{caseId}/complaints/{id}/responses': {
      parameters: params('caseId', 'id'),
      get: { summary: 'Responses to a complaint, in order', responses: { '200': { description: 'Responses' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a response', requestBody: { content: { 'application/json': { schema: responseInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/ComplaintResponse' } } } } } }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/complaints/{id}/responses/{rid}': {
      parameters: params('caseId', 'id', 'rid'),
      get: { summary: 'One response', responses: { '200': { description: 'The response' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a response; fields not sent keep their values', requestBody: { content: { 'application/json': { schema: responseInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a response to the trash; an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Complaint: complaintOutput, ComplaintResponse: responseOutput },
);
