import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { validationFailed } from '../http/errors';
import { vocabLabeler } from '../vocab/vocab.service';
import { addPaths, errorResponses } from '../api/openapi';
import { retractionSchema, statementSchema } from './statement.schema';
import { addRetraction, deleteRetraction, getRetraction, retractionsOf, updateRetraction } from './statement-retraction.service';
import { StatementRetraction } from './statement-retraction.entity';
import { createStatement, deleteStatement, getStatement, listStatements, StatementRecord, updateStatement } from './statement.service';
import { presentRetraction, presentStatement, retractionFormValues, statementFormValues } from './statement.presenter';
import { loadStatementRefs } from './statement-refs';
import { paramId } from '../records/route-params';
import { caseForReading, caseForWriting } from '../records/case-form-page';
import { apiDateSpec, apiPersonSpec } from '../records/api-specs';
import { COURT_STATUSES } from './statement.entity';
import { PRESSURE_ALLEGED, RETRACTION_KINDS } from './statement-retraction.entity';
import { catalogueLabels } from '../records/catalogue-labels';

/**
 * A PATCH sends only what changes. Setting courtStatus to not_submitted without sending
 * proceedingId clears the proceeding, which only a statement before a court can name.
 */
export function statementPatch(current: StatementRecord, body: unknown) {
  const patch = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const cleared: Record<string, unknown> = {};
  if ((patch.courtStatus === 'not_submitted' || patch.courtStatus === null) && !('proceedingId' in patch)) cleared.proceedingId = null;
  return { ...statementFormValues(current), ...cleared, ...patch };
}

/**
 * Fields of the former shape, refused rather than ignored, so that a client still sending them
 * learns where they went instead of losing a retraction silently.
 */
const MOVED_FIELDS = catalogueLabels('statements.api.moved', ['retracted', 'retractionDate', 'retractionForum', 'retractionReason', 'reliedOnByCourt']);
function refuseMovedFields(body: unknown): void {
  if (!body || typeof body !== 'object') return;
  const errors = Object.fromEntries(Object.keys(MOVED_FIELDS).filter((k) => k in body).map((k) => [k, MOVED_FIELDS[k as keyof typeof MOVED_FIELDS]]));
  if (Object.keys(errors).length) throw validationFailed(errors);
}

/** A PATCH of a retraction step keeps the fields it does not send. */
function retractionPatch(current: StatementRetraction, body: unknown) {
  const patch = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { ...retractionFormValues(current), ...patch };
}

/** /api/v1/cases/:caseId/statements */
export function statementsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const present = async (req: Request, caseId: number, rows: StatementRecord[]) => {
    const refs = await loadStatementRefs(ds, req.currentUser!, await vocabLabeler(ds), caseId, rows);
    return rows.map((s) => presentStatement(s, refs));
  };

  router.get('/cases/:caseId/statements', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: await present(req, caseId, await listStatements(ds, caseId)) });
  });

  router.post('/cases/:caseId/statements', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    refuseMovedFields(req.body);
    const input = parseInput(statementSchema, req.body);
    const created = await createStatement(ds, actorOf(req), user, caseId, input);
    res.status(201).json({ data: (await present(req, caseId, [await getStatement(ds, caseId, created.id)]))[0] });
  });

  router.get('/cases/:caseId/statements/:id', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    res.json({ data: (await present(req, caseId, [statement]))[0] });
  });

  router.patch('/cases/:caseId/statements/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    refuseMovedFields(req.body);
    const input = parseInput(statementSchema, statementPatch(statement, req.body));
    await updateStatement(ds, actorOf(req), user, caseId, statement.id, input);
    res.json({ data: (await present(req, caseId, [await getStatement(ds, caseId, statement.id)]))[0] });
  });

  router.delete('/cases/:caseId/statements/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteStatement(ds, actorOf(req), user, caseId, paramId(req, 'id', 'statement'));
    res.status(204).end();
  });

  // Retraction history: retractions and reaffirmations of one statement.
  const presentSteps = async (rows: StatementRetraction[]) => {
    const label = await vocabLabeler(ds);
    return rows.map((r) => presentRetraction(r, label));
  };

  router.get('/cases/:caseId/statements/:id/retractions', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    res.json({ data: await presentSteps((await retractionsOf(ds, [statement.id])).get(statement.id) ?? []) });
  });

  router.post('/cases/:caseId/statements/:id/retractions', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const statement = await getStatement(ds, caseId, paramId(req, 'id', 'statement'));
    const input = parseInput(retractionSchema, req.body);
    const row = await addRetraction(ds, actorOf(req), user, caseId, statement.id, input);
    res.status(201).json({ data: (await presentSteps([row]))[0] });
  });

  router.get('/cases/:caseId/statements/:id/retractions/:rid', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const row = await getRetraction(ds, caseId, paramId(req, 'id', 'statement'), paramId(req, 'rid', 'retraction'));
    res.json({ data: (await presentSteps([row]))[0] });
  });

  router.patch('/cases/:caseId/statements/:id/retractions/:rid', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const statementId = paramId(req, 'id', 'statement');
    const current = await getRetraction(ds, caseId, statementId, paramId(req, 'rid', 'retraction'));
    const input = parseInput(retractionSchema, retractionPatch(current, req.body));
    const row = await updateRetraction(ds, actorOf(req), user, caseId, statementId, current.id, input);
    res.json({ data: (await presentSteps([row]))[0] });
  });

  router.delete('/cases/:caseId/statements/:id/retractions/:rid', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteRetraction(ds, actorOf(req), user, caseId, paramId(req, 'id', 'statement'), paramId(req, 'rid', 'retraction'));
    res.status(204).end();
  });

  return router;
}

const statementInput = {
  type: 'object',
  required: ['kind'],
  description: 'Either makerPersonId or makerDescription is required.',
  properties: {
    makerPersonId: { type: ['integer', 'null'] },
    makerDescription: { type: ['string', 'null'], maxLength: 300, example: 'other detainees in the Nalchik case' },
    date: apiDateSpec,
    beforeInstitutionId: { type: ['integer', 'null'] },
    beforeOfficial: { type: ['string', 'null'], maxLength: 300 },
    kind: { type: 'string', description: 'statement_kind term' },
    content: { type: ['string', 'null'], maxLength: 20000 },
    conditions: { type: 'array', items: { type: 'string' }, description: 'statement_condition terms' },
    incriminates: { type: 'array', items: { type: 'integer' }, description: 'ids of people it incriminates' },
    courtStatus: { type: 'string', enum: [...COURT_STATUSES], default: 'not_submitted', description: 'how a court treated it: not_submitted (or not known), submitted (the court is considering it), admitted, relied_on (in the verdict), excluded' },
    proceedingId: { type: ['integer', 'null'], description: 'a proceeding of this case; only when courtStatus is not not_submitted' },
    allegationId: { type: ['integer', 'null'], description: 'an allegation of this case' },
  },
};
const statementOutput = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    maker: apiPersonSpec,
    makerDescription: { type: ['string', 'null'] },
    kind: { type: 'string' },
    kindLabel: { type: 'string' },
    conditions: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' } } } },
    incriminates: { type: 'array', items: apiPersonSpec },
    retracted: { type: 'boolean', description: 'retracted at least once (a later reaffirmation does not undo it)' },
    retractions: { type: 'array', items: { $ref: '#/components/schemas/StatementRetraction' }, description: 'retractions and reaffirmations, by date' },
    courtStatus: { type: 'string', enum: [...COURT_STATUSES] },
    courtStatusLabel: { type: 'string' },
    reliedOnByCourt: { type: 'boolean', description: 'courtStatus is relied_on' },
  },
};
const retractionInput = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: [...RETRACTION_KINDS] },
    date: apiDateSpec,
    forum: { type: ['string', 'null'], description: 'retraction_forum term' },
    reason: { type: ['string', 'null'], maxLength: 20000 },
    pressureAlleged: { type: 'string', enum: [...PRESSURE_ALLEGED], default: 'unknown', description: 'whether pressure to reaffirm the statement is alleged' },
  },
};
const retractionOutput = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    statementId: { type: 'integer' },
    kind: { type: 'string', enum: [...RETRACTION_KINDS] },
    date: { type: ['object', 'null'] },
    forum: { type: ['string', 'null'] },
    forumLabel: { type: ['string', 'null'] },
    reason: { type: ['string', 'null'] },
    pressureAlleged: { type: 'string', enum: [...PRESSURE_ALLEGED] },
    sentence: { type: 'string', example: 'Retracted at trial, Sep 2005: extracted under torture' },
  },
};
const params = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } }));
addPaths(
  {
    '/cases/{caseId}/statements': {
      parameters: params('caseId'),
      get: { summary: 'Statements (confessions, testimony) of a case, by date', responses: { '200': { description: 'Statements' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a statement (researcher, admin)', requestBody: { content: { 'application/json': { schema: statementInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Statement' } } } } } }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/statements/{id}': {
      parameters: params('caseId', 'id'),
      get: { summary: 'One statement', responses: { '200': { description: 'The statement' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a statement; fields not sent keep their values', requestBody: { content: { 'application/json': { schema: statementInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a statement and its citations to the trash; an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
    '/cases/{caseId}/statements/{id}/retractions': {
      parameters: params('caseId', 'id'),
      get: { summary: 'Retraction history of a statement: retractions and reaffirmations, by date', responses: { '200': { description: 'The history' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a retraction or a reaffirmation (researcher, admin)', requestBody: { content: { 'application/json': { schema: retractionInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/StatementRetraction' } } } } } }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/statements/{id}/retractions/{rid}': {
      parameters: params('caseId', 'id', 'rid'),
      get: { summary: 'One retraction or reaffirmation', responses: { '200': { description: 'The step' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a retraction or reaffirmation; fields not sent keep their values', requestBody: { content: { 'application/json': { schema: retractionInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Delete a retraction or reaffirmation', responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Statement: statementOutput, StatementRetraction: retractionOutput },
);
