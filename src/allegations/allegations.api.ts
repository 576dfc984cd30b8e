import { Request, Router } from 'express';
import { DataSource } from 'typeorm';
import { AppContext, CurrentUser } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { caseIdOf } from '../cases/case.routes';
import { requireCase } from '../cases/case-access';
import { recordIdOf } from '../events/event-params';
import { allegationInput, allegationSchema } from './allegation.schema';
import { allegationOfCase, createAllegation, deleteAllegation, updateAllegation } from './allegation.service';
import { allegationApiValues } from './allegation.presenter';
import { allegationViewsOfCase, presentAllegations } from './allegation-views';
import { addPaths, errorResponses } from '../api/openapi';

const allegationIdOf = (req: Request) => recordIdOf(req, 'id', 'allegation');

async function presentOne(ds: DataSource, user: CurrentUser, caseId: number, allegationId: number) {
  return (await presentAllegations(ds, user, caseId, [await allegationOfCase(ds, caseId, allegationId)]))[0];
}

/** /api/v1/cases/:caseId/allegations: the same rules as the pages; a case the caller may not see is a 404. */
export function allegationsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/cases/:caseId/allegations', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req, 'caseId'));
    res.json({ data: await allegationViewsOfCase(ds, req.currentUser, record.id) });
  });

  router.post('/cases/:caseId/allegations', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const input = allegationInput(parseInput(allegationSchema, req.body));
    const allegation = await createAllegation(ds, actorOf(req), req.currentUser, caseId, input);
    res.status(201).json({ data: await presentOne(ds, req.currentUser, caseId, allegation.id) });
  });

  router.get('/cases/:caseId/allegations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId);
    res.json({ data: await presentOne(ds, req.currentUser, caseId, allegationIdOf(req)) });
  });

  router.patch('/cases/:caseId/allegations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const current = await allegationOfCase(ds, caseId, allegationIdOf(req));
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
    const input = allegationInput(parseInput(allegationSchema, { ...allegationApiValues(current), ...body }));
    await updateAllegation(ds, actorOf(req), req.currentUser, caseId, current.allegation.id, input);
    res.json({ data: await presentOne(ds, req.currentUser, caseId, current.allegation.id) });
  });

  router.delete('/cases/:caseId/allegations/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await deleteAllegation(ds, actorOf(req), req.currentUser, caseId, allegationIdOf(req));
    res.status(204).end();
  });

  return router;
}

const perpetratorInput = {
  type: 'object',
  required: ['involvement', 'attribution'],
  description: 'at least one of institutionId, personId, description',
  properties: {
    institutionId: { type: ['integer', 'null'] },
    personId: { type: ['integer', 'null'] },
    description: { type: ['string', 'null'], maxLength: 2000, example: 'men claiming to be from the Centre for Combating Extremism' },
    involvement: { type: 'string', description: 'involvement term (carried_out, ordered, present, failed_to_prevent, ...)' },
    attribution: { type: 'string', description: 'attribution term (confirmed, claimed_by_perpetrator, alleged_by_victim, unknown, ...)' },
  },
};
const allegationInputSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    victimPersonId: { type: ['integer', 'null'], description: 'empty in a group case' },
    summary: { type: ['string', 'null'], maxLength: 500 },
    description: { type: ['string', 'null'], maxLength: 20000 },
    eventIds: { type: 'array', items: { type: 'integer' }, description: 'events of the same case' },
    methods: { type: 'array', items: { type: 'string' }, description: 'torture_method terms' },
    purposes: { type: 'array', items: { type: 'string' }, description: 'purpose terms' },
    perpetrators: { type: 'array', items: perpetratorInput },
    institutionIds: { type: 'array', items: { type: 'integer' }, description: 'where the act took place' },
    physicalConsequences: { type: ['string', 'null'], maxLength: 20000 },
    psychologicalConsequences: { type: ['string', 'null'], maxLength: 20000 },
    duration: { type: ['string', 'null'], maxLength: 2000, example: 'about a week' },
    status: { type: 'string', description: 'allegation_status term' },
  },
};
const named = { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string', description: 'name, or "Person P-0001" for protected identities you are not cleared for' }, hidden: { type: 'boolean' } } };
const term = { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' } } };
const allegationDoc = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseId: { type: 'integer' },
    summary: { type: ['string', 'null'] },
    description: { type: ['string', 'null'] },
    victim: { oneOf: [named, { type: 'null' }] },
    methods: { type: 'array', items: term },
    purposes: { type: 'array', items: term },
    perpetrators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          institution: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
          person: { oneOf: [named, { type: 'null' }] },
          description: { type: ['string', 'null'] },
          involvement: { type: 'string' },
          involvementLabel: { type: 'string' },
          attribution: { type: 'string' },
          attributionLabel: { type: 'string' },
          attributionTone: { type: 'string', enum: ['confirmed', 'claimed', 'unknown'] },
        },
      },
    },
    places: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
    events: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, caption: { type: 'string' } } } },
    physicalConsequences: { type: ['string', 'null'] },
    psychologicalConsequences: { type: ['string', 'null'] },
    duration: { type: ['string', 'null'] },
    status: { type: 'string' },
    statusLabel: { type: 'string' },
  },
};
const params = [
  { name: 'caseId', in: 'path', required: true, schema: { type: 'integer' } },
  { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
];
const one = { content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Allegation' } } } } } };
addPaths(
  {
    '/cases/{caseId}/allegations': {
      parameters: params.slice(0, 1),
      get: { summary: 'The allegations (acts of torture or ill-treatment) of a case', responses: { '200': { description: 'Allegations', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Allegation' } } } } } } }, ...errorResponses(401, 404) } },
      post: { summary: 'Add an allegation (researcher, admin)', requestBody: { required: true, content: { 'application/json': { schema: allegationInputSchema } } }, responses: { '201': { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413, 422) } },
    },
    '/cases/{caseId}/allegations/{id}': {
      parameters: params,
      get: { summary: 'One allegation', responses: { '200': { description: 'The allegation', ...one }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change an allegation (researcher, admin); fields not sent keep their values', requestBody: { content: { 'application/json': { schema: allegationInputSchema } } }, responses: { '200': { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move an allegation to the trash (researcher, admin); an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Allegation: allegationDoc },
);
