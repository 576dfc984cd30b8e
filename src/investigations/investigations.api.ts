import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { requireCase } from '../cases/case-access';
import { vocabLabeler } from '../vocab/vocab.service';
import { addPaths, errorResponses, jsonBody } from '../api/openapi';
import { paramId } from '../records/route-params';
import { caseForReading, caseForWriting } from '../records/case-form-page';
import { apiInstitutionSpec } from '../records/api-specs';
import { decisionSchema, investigationSchema } from './investigation.schema';
import { addDecision, createInvestigation, deleteDecision, deleteInvestigation, getInvestigation, InvestigationRecord, listInvestigations, updateDecision, updateInvestigation, getDecision } from './investigation.service';
import { decisionFormValues, investigationFormValues, loadInvestigationRefs, presentInvestigation, presentProcessCounts } from './investigation.presenter';
import { caseProcessCounts } from './process-counts';

const body = (req: Request) => (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

/** /api/v1/cases/:caseId/investigations and their decisions. */
export function investigationsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const present = async (req: Request, caseId: number, rows: InvestigationRecord[]) => {
    const { access } = await requireCase(ds, req.currentUser, caseId);
    const refs = await loadInvestigationRefs(ds, req.currentUser!, access, await vocabLabeler(ds), caseId, rows);
    return rows.map((r) => presentInvestigation(r, refs));
  };
  const presentOne = async (req: Request, caseId: number, id: number) => (await present(req, caseId, [await getInvestigation(ds, caseId, id)]))[0];
  const presentDecisionOf = async (req: Request, caseId: number, investigationId: number, decisionId: number) => (await presentOne(req, caseId, investigationId)).decisions.find((d) => d.id === decisionId)!;
  const invId = (req: Request) => paramId(req, 'id', 'investigation');
  const decId = (req: Request) => paramId(req, 'did', 'decision');

  router.get('/cases/:caseId/investigations', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: await present(req, caseId, await listInvestigations(ds, caseId)), summary: presentProcessCounts(await caseProcessCounts(ds, caseId)) });
  });

  router.post('/cases/:caseId/investigations', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const created = await createInvestigation(ds, actorOf(req), user, caseId, parseInput(investigationSchema, req.body));
    res.status(201).json({ data: await presentOne(req, caseId, created.id) });
  });

  router.get('/cases/:caseId/investigations/:id', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: await presentOne(req, caseId, invId(req)) });
  });

  router.patch('/cases/:caseId/investigations/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const inv = await getInvestigation(ds, caseId, invId(req));
    const input = parseInput(investigationSchema, { ...investigationFormValues(inv), ...body(req) });
    await updateInvestigation(ds, actorOf(req), user, caseId, inv.id, input);
    res.json({ data: await presentOne(req, caseId, inv.id) });
  });

  router.delete('/cases/:caseId/investigations/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteInvestigation(ds, actorOf(req), user, caseId, invId(req));
    res.status(204).end();
  });

  router.get('/cases/:caseId/investigations/:id/decisions', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: (await presentOne(req, caseId, invId(req))).decisions });
  });

  router.post('/cases/:caseId/investigations/:id/decisions', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const inv = await getInvestigation(ds, caseId, invId(req));
    const created = await addDecision(ds, actorOf(req), user, caseId, inv.id, parseInput(decisionSchema, req.body));
    res.status(201).json({ data: await presentDecisionOf(req, caseId, inv.id, created.id) });
  });

  router.get('/cases/:caseId/investigations/:id/decisions/:did', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const { investigation, decision } = await getDecision(ds, caseId, invId(req), decId(req));
    res.json({ data: await presentDecisionOf(req, caseId, investigation.id, decision.id) });
  });

  router.patch('/cases/:caseId/investigations/:id/decisions/:did', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const { investigation, decision } = await getDecision(ds, caseId, invId(req), decId(req));
    const input = parseInput(decisionSchema, { ...decisionFormValues(decision), ...body(req) });
    await updateDecision(ds, actorOf(req), user, caseId, investigation.id, decision.id, input);
    res.json({ data: await presentDecisionOf(req, caseId, investigation.id, decision.id) });
  });

  router.delete('/cases/:caseId/investigations/:id/decisions/:did', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteDecision(ds, actorOf(req), user, caseId, invId(req), decId(req));
    res.status(204).end();
  });

  return router;
}

const dateOut = { type: ['object', 'null'], properties: { text: { type: 'string', example: 'Apr 2006' }, uncertain: { type: 'boolean' }, precision: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' } } };
const decisionOutput = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    investigationId: { type: 'integer' },
    kind: { type: 'string', description: 'investigation_decision term' },
    kindLabel: { type: 'string' },
    refusal: { type: 'boolean', description: 'counts as a refusal to investigate' },
    opened: { type: 'boolean', description: 'counts as an investigation opened' },
    date: dateOut,
    official: { type: ['string', 'null'] },
    institution: apiInstitutionSpec,
    transferredTo: apiInstitutionSpec,
    reasons: { type: ['string', 'null'] },
    document: { type: ['object', 'null'], properties: { id: { type: 'integer' }, title: { type: 'string' } } },
    documentWithheld: { type: 'boolean', description: 'a document is linked that you may not read' },
    sequence: { type: 'integer', description: 'order among decisions of the same date' },
    position: { type: 'integer' },
    total: { type: 'integer' },
    kindPosition: { type: 'integer', description: '"refusal 3 of 3": its place among the decisions of its kind' },
    kindTotal: { type: 'integer' },
    reportedBy: { type: 'array', items: { type: 'object', properties: { complaintId: { type: 'integer' }, responseId: { type: 'integer' } } } },
  },
};
const investigationOutput = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    institution: apiInstitutionSpec,
    trigger: { type: 'string', description: 'investigation_trigger term' },
    triggerLabel: { type: 'string' },
    triggerComplaint: { type: ['object', 'null'], properties: { id: { type: 'integer' }, label: { type: 'string' } } },
    began: dateOut,
    officialNumber: { type: ['string', 'null'] },
    note: { type: ['string', 'null'] },
    decisions: { type: 'array', items: { $ref: '#/components/schemas/InvestigationDecision' } },
    refusals: { type: 'integer' },
    annulments: { type: 'integer' },
    next: { type: 'object', description: 'the decision usually entered next', properties: { kind: { type: 'string' }, label: { type: 'string' } } },
  },
};
const params = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } }));
const created = (ref: string) => ({ '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: `#/components/schemas/${ref}` } } } } } } });
addPaths(
  {
    '/cases/{caseId}/investigations': {
      parameters: params('caseId'),
      get: { summary: 'Official investigations of a case with their decisions in order; `summary` holds the case\'s refusals and openings counted once across decisions and complaint responses', responses: { '200': { description: 'Investigations' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record an investigation (researcher, admin)', requestBody: jsonBody(investigationSchema), responses: { ...created('Investigation'), ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/investigations/{id}': {
      parameters: params('caseId', 'id'),
      get: { summary: 'One investigation with its decisions', responses: { '200': { description: 'The investigation' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change an investigation; fields not sent keep their values', requestBody: jsonBody(investigationSchema.partial()), responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Delete an investigation and its decisions (responses that reported them keep counting on their own)', responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) } },
    },
    '/cases/{caseId}/investigations/{id}/decisions': {
      parameters: params('caseId', 'id'),
      get: { summary: 'Decisions of an investigation, in order (date, then sequence)', responses: { '200': { description: 'Decisions' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a decision: refused_to_open and case_opened are counted as refusals and openings', requestBody: jsonBody(decisionSchema), responses: { ...created('InvestigationDecision'), ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/investigations/{id}/decisions/{did}': {
      parameters: params('caseId', 'id', 'did'),
      get: { summary: 'One decision', responses: { '200': { description: 'The decision' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a decision; fields not sent keep their values', requestBody: jsonBody(decisionSchema.partial()), responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Delete a decision', responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Investigation: investigationOutput, InvestigationDecision: decisionOutput },
);
