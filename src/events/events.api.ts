import { Request, Router } from 'express';
import { AppContext, CurrentUser } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { recordIdOf } from './event-params';
import { caseIdOf } from '../cases/case.routes';
import { requireCase } from '../cases/case-access';
import { eventInput, eventSchema } from './event.schema';
import { createEvent, deleteEvent, eventOfCase, eventsByIds, updateEvent } from './event.service';
import { eventApiValues } from './event.presenter';
import { eventViewsOfCase, presentRecords } from './event-views';
import { DataSource } from 'typeorm';
import { addPaths, errorResponses } from '../api/openapi';
import { apiRequiredDateSpec } from '../records/api-specs';

const eventIdOf = (req: Request) => recordIdOf(req);

async function presentOne(ds: DataSource, user: CurrentUser, caseId: number, eventId: number) {
  const one = await eventOfCase(ds, caseId, eventId);
  const linked = await eventsByIds(ds, caseId, [...one.causes, ...one.followsFrom]);
  return (await presentRecords(ds, user, [one], linked))[0];
}

/** /api/v1/cases/:caseId/events: the same rules as the pages; a case the caller may not see is a 404. */
export function eventsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/cases/:caseId/events', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req, 'caseId'));
    res.json({ data: await eventViewsOfCase(ds, req.currentUser, record.id) });
  });

  router.post('/cases/:caseId/events', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const input = eventInput(parseInput(eventSchema, req.body));
    const event = await createEvent(ds, actorOf(req), req.currentUser, caseId, input);
    res.status(201).json({ data: await presentOne(ds, req.currentUser, caseId, event.id) });
  });

  router.get('/cases/:caseId/events/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId);
    res.json({ data: await presentOne(ds, req.currentUser, caseId, eventIdOf(req)) });
  });

  router.patch('/cases/:caseId/events/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const current = await eventOfCase(ds, caseId, eventIdOf(req));
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
    const input = eventInput(parseInput(eventSchema, { ...eventApiValues(current), ...body }));
    await updateEvent(ds, actorOf(req), req.currentUser, caseId, current.event.id, input);
    res.json({ data: await presentOne(ds, req.currentUser, caseId, current.event.id) });
  });

  router.delete('/cases/:caseId/events/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await deleteEvent(ds, actorOf(req), req.currentUser, caseId, eventIdOf(req));
    res.status(204).end();
  });

  return router;
}

const eventInputSchema = {
  type: 'object',
  required: ['type', 'date'],
  properties: {
    type: { type: 'string', description: 'event_type term' },
    title: { type: ['string', 'null'], maxLength: 500 },
    date: apiRequiredDateSpec,
    place: { type: ['string', 'null'], maxLength: 500 },
    region: { type: ['string', 'null'], description: 'region term: where it happened; when null or absent, the region of its first institution that has one' },
    description: { type: ['string', 'null'], maxLength: 20000 },
    institutionIds: { type: 'array', items: { type: 'integer' } },
    people: { type: 'array', items: { type: 'object', required: ['personId', 'role'], properties: { personId: { type: 'integer' }, role: { type: 'string', description: 'participant_role term' } } } },
    causes: { type: 'array', items: { type: 'integer' }, description: 'events of the same case that this event caused' },
    followsFrom: { type: 'array', items: { type: 'integer' }, description: 'events of the same case this event follows from' },
  },
};
const ref = { type: 'object', properties: { id: { type: 'integer' }, caption: { type: 'string' } } };
const eventSchemaDoc = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseId: { type: 'integer' },
    type: { type: 'string' },
    typeLabel: { type: 'string' },
    category: { type: 'string', enum: ['detention', 'torture', 'complaint', 'court', 'release', 'other'] },
    title: { type: ['string', 'null'] },
    date: { $ref: '#/components/schemas/PartialDate' },
    dateLabel: { type: 'string', example: 'Apr 2005' },
    uncertain: { type: 'boolean', description: 'true unless the date is known to the day' },
    place: { type: ['string', 'null'] },
    region: { type: ['string', 'null'] },
    description: { type: ['string', 'null'] },
    institutions: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
    people: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string', description: 'name, or "Person P-0001" for protected identities you are not cleared for' }, hidden: { type: 'boolean' }, role: { type: 'string' } } } },
    causes: { type: 'array', items: ref },
    followsFrom: { type: 'array', items: ref },
  },
};
const params = [
  { name: 'caseId', in: 'path', required: true, schema: { type: 'integer' } },
  { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
];
const one = { content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Event' } } } } } };
addPaths(
  {
    '/cases/{caseId}/events': {
      parameters: params.slice(0, 1),
      get: { summary: 'The events of a case in timeline order', responses: { '200': { description: 'Events', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Event' } } } } } } }, ...errorResponses(401, 404) } },
      post: { summary: 'Add an event (researcher, admin)', requestBody: { required: true, content: { 'application/json': { schema: eventInputSchema } } }, responses: { '201': { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413, 422) } },
    },
    '/cases/{caseId}/events/{id}': {
      parameters: params,
      get: { summary: 'One event', responses: { '200': { description: 'The event', ...one }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change an event (researcher, admin); fields not sent keep their values', requestBody: { content: { 'application/json': { schema: eventInputSchema } } }, responses: { '200': { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move an event and its links to the trash (researcher, admin); an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Event: eventSchemaDoc },
);
