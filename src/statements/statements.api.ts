import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { vocabLabeler } from '../vocab/vocab.service';
import { addPaths, errorResponses } from '../api/openapi';
import { statementSchema } from './statement.schema';
import { createStatement, deleteStatement, getStatement, listStatements, StatementRecord, updateStatement } from './statement.service';
import { presentStatement, statementFormValues } from './statement.presenter';
import { loadStatementRefs } from './statement-refs';
import { paramId } from '../records/route-params';
import { caseForReading, caseForWriting } from '../records/case-form-page';
import { apiDateSpec, apiPersonSpec } from '../records/api-specs';

/**
 * A PATCH sends only what changes. Unticking "retracted" (or "relied on by a court") without
 * sending the dependent fields clears them, as unticking the box in the form would.
 */
export function statementPatch(current: StatementRecord, body: unknown) {
  const patch = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const cleared: Record<string, unknown> = {};
  if (patch.retracted === false) for (const k of ['retractionDate', 'retractionForum', 'retractionReason']) if (!(k in patch)) cleared[k] = null;
  if (patch.reliedOnByCourt === false && !('proceedingId' in patch)) cleared.proceedingId = null;
  return { ...statementFormValues(current), ...cleared, ...patch };
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
    const input = parseInput(statementSchema, statementPatch(statement, req.body));
    await updateStatement(ds, actorOf(req), user, caseId, statement.id, input);
    res.json({ data: (await present(req, caseId, [await getStatement(ds, caseId, statement.id)]))[0] });
  });

  router.delete('/cases/:caseId/statements/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteStatement(ds, actorOf(req), user, caseId, paramId(req, 'id', 'statement'));
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
    retracted: { type: 'boolean' },
    retractionDate: apiDateSpec,
    retractionForum: { type: ['string', 'null'], description: 'retraction_forum term' },
    retractionReason: { type: ['string', 'null'], maxLength: 20000 },
    reliedOnByCourt: { type: 'boolean' },
    proceedingId: { type: ['integer', 'null'], description: 'a proceeding of this case; only when reliedOnByCourt' },
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
    retracted: { type: 'boolean' },
    retraction: { type: ['object', 'null'], properties: { sentence: { type: 'string', example: 'Retracted at trial, Sep 2005: extracted under torture' } } },
    reliedOnByCourt: { type: 'boolean' },
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
  },
  { Statement: statementOutput },
);
