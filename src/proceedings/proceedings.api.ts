import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { vocabLabeler } from '../vocab/vocab.service';
import { addPaths, errorResponses } from '../api/openapi';
import { proceedingSchema, stageSchema } from './proceeding.schema';
import { addStage, createProceeding, deleteProceeding, deleteStage, getProceeding, getStage, listProceedings, ProceedingRecord, updateProceeding, updateStage } from './proceeding.service';
import { presentProceeding, presentStage, proceedingFormValues, stageFormValues } from './proceeding.presenter';
import { loadProceedingRefs } from './proceeding-refs';
import { paramId } from '../records/route-params';
import { caseForReading, caseForWriting } from '../records/case-form-page';
import { apiDateSpec, apiInstitutionSpec, apiPersonSpec } from '../records/api-specs';

const body = (req: Request) => (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

/** /api/v1/cases/:caseId/proceedings and their stages. */
export function proceedingsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const refsFor = async (req: Request, caseId: number, rows: ProceedingRecord[]) => loadProceedingRefs(ds, req.currentUser!, await vocabLabeler(ds), caseId, rows);
  const present = async (req: Request, caseId: number, rows: ProceedingRecord[]) => {
    const refs = await refsFor(req, caseId, rows);
    return rows.map((p) => presentProceeding(p, refs));
  };
  const proceedingId = (req: Request) => paramId(req, 'id', 'proceeding');
  const stageId = (req: Request) => paramId(req, 'sid', 'stage');

  router.get('/cases/:caseId/proceedings', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: await present(req, caseId, await listProceedings(ds, caseId)) });
  });

  router.post('/cases/:caseId/proceedings', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const created = await createProceeding(ds, actorOf(req), user, caseId, parseInput(proceedingSchema, req.body));
    res.status(201).json({ data: (await present(req, caseId, [await getProceeding(ds, caseId, created.id)]))[0] });
  });

  router.get('/cases/:caseId/proceedings/:id', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    res.json({ data: (await present(req, caseId, [await getProceeding(ds, caseId, proceedingId(req))]))[0] });
  });

  router.patch('/cases/:caseId/proceedings/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const proceeding = await getProceeding(ds, caseId, proceedingId(req));
    const input = parseInput(proceedingSchema, { ...proceedingFormValues(proceeding), ...body(req) });
    await updateProceeding(ds, actorOf(req), user, caseId, proceeding.id, input);
    res.json({ data: (await present(req, caseId, [await getProceeding(ds, caseId, proceeding.id)]))[0] });
  });

  router.delete('/cases/:caseId/proceedings/:id', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteProceeding(ds, actorOf(req), user, caseId, proceedingId(req));
    res.status(204).end();
  });

  router.get('/cases/:caseId/proceedings/:id/stages', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const proceeding = await getProceeding(ds, caseId, proceedingId(req));
    const refs = await refsFor(req, caseId, [proceeding]);
    res.json({ data: proceeding.stageList.map((s) => presentStage(s, refs, proceeding.defendantIds)) });
  });

  router.post('/cases/:caseId/proceedings/:id/stages', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const pid = proceedingId(req);
    await getProceeding(ds, caseId, pid);
    const created = await addStage(ds, actorOf(req), user, caseId, pid, parseInput(stageSchema, req.body));
    const { proceeding, stage } = await getStage(ds, caseId, pid, created.id);
    res.status(201).json({ data: presentStage(stage, await refsFor(req, caseId, [proceeding]), proceeding.defendantIds) });
  });

  router.get('/cases/:caseId/proceedings/:id/stages/:sid', async (req, res) => {
    const { caseId } = await caseForReading(ds, req);
    const { proceeding, stage } = await getStage(ds, caseId, proceedingId(req), stageId(req));
    res.json({ data: presentStage(stage, await refsFor(req, caseId, [proceeding]), proceeding.defendantIds) });
  });

  router.patch('/cases/:caseId/proceedings/:id/stages/:sid', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    const { proceeding, stage } = await getStage(ds, caseId, proceedingId(req), stageId(req));
    const sent = body(req);
    // Verdicts not sent keep theirs, unless the shorthand (one outcome or sentence for all) replaces them.
    const { verdicts: current, ...rest } = stageFormValues(stage, proceeding.defendantIds);
    const keep = 'outcome' in sent || 'sentence' in sent ? {} : { verdicts: current.filter((v) => stage.verdicts.some((x) => String(x.personId ?? '') === v.personId)) };
    const input = parseInput(stageSchema, { ...rest, ...keep, ...sent });
    await updateStage(ds, actorOf(req), user, caseId, proceeding.id, stage.id, input);
    const after = await getStage(ds, caseId, proceeding.id, stage.id);
    res.json({ data: presentStage(after.stage, await refsFor(req, caseId, [after.proceeding]), after.proceeding.defendantIds) });
  });

  router.delete('/cases/:caseId/proceedings/:id/stages/:sid', async (req, res) => {
    const { caseId, user } = await caseForWriting(ds, req);
    await deleteStage(ds, actorOf(req), user, caseId, proceedingId(req), stageId(req));
    res.status(204).end();
  });

  return router;
}

const chargeSpec = {
  type: 'object',
  description: 'an article the defendant is charged under: as written, and/or a criminal_code_article term',
  properties: { article: { type: ['string', 'null'], maxLength: 300, example: 'ст. 205 ч. 3 УК РФ' }, articleCode: { type: ['string', 'null'], description: 'criminal_code_article term', example: 'ccrf_205' } },
};
const verdictInput = {
  type: 'object',
  description: 'what the stage decided for one defendant; a row with nothing but personId records no verdict',
  properties: {
    personId: { type: ['integer', 'null'], description: 'a defendant of the proceeding; null only for "the defendants" of a proceeding whose defendants were never named' },
    outcome: { type: ['string', 'null'], description: 'verdict_outcome term (convicted, acquitted, annulled, quashed, sentence_reduced, released, ...)' },
    sentenceKind: { type: ['string', 'null'], description: 'sentence_kind term (imprisonment, life_imprisonment, fine, compulsory_treatment, ...)' },
    years: { type: ['integer', 'null'], minimum: 0, maximum: 99 },
    months: { type: ['integer', 'null'], minimum: 0, maximum: 11 },
    suspended: { type: 'boolean' },
    regime: { type: ['string', 'null'], description: 'colony_regime term (general, strict, special, settlement, ...)' },
    note: { type: ['string', 'null'], maxLength: 20000, description: 'the sentence in the court’s words' },
  },
};
const verdictOutput = {
  type: 'object',
  properties: {
    personId: { type: ['integer', 'null'] },
    defendant: apiPersonSpec,
    outcome: { type: ['string', 'null'] },
    outcomeLabel: { type: ['string', 'null'] },
    sentence: { type: 'object', properties: { kind: { type: ['string', 'null'] }, years: { type: ['integer', 'null'] }, months: { type: ['integer', 'null'] }, suspended: { type: 'boolean' }, regime: { type: ['string', 'null'] }, note: { type: ['string', 'null'] }, text: { type: ['string', 'null'], example: 'Imprisonment, 13 years, strict-regime colony' } } },
    posthumous: { type: 'boolean', description: 'delivered when the defendant was certainly already dead' },
  },
};
const proceedingInput = {
  type: 'object',
  properties: {
    courtInstitutionId: { type: ['integer', 'null'], description: 'court of first instance' },
    caseNumber: { type: ['string', 'null'], maxLength: 100 },
    title: { type: ['string', 'null'], maxLength: 500 },
    defendants: {
      type: 'array',
      description: 'the defendants: ids of people of the case (its participants), or rows with their charges; replaces the list when sent',
      items: {
        oneOf: [
          { type: 'integer' },
          {
            type: 'object',
            required: ['personId'],
            properties: {
              personId: { type: 'integer', description: 'a person of the case' },
              charges: { type: 'array', maxItems: 30, items: chargeSpec },
            },
          },
        ],
      },
    },
    note: { type: ['string', 'null'], maxLength: 20000 },
  },
};
const stageInput = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { type: 'string', description: 'proceeding_stage_kind term (hearing, verdict, appeal, annulment, retrial, ...)' },
    date: apiDateSpec,
    courtInstitutionId: { type: ['integer', 'null'], description: 'the court at this stage, when not the proceeding’s' },
    verdicts: { type: 'array', items: verdictInput, description: 'one row per defendant; replaces the stage’s verdicts when sent' },
    outcome: { type: ['string', 'null'], description: 'shorthand instead of verdicts: this verdict_outcome term for every defendant' },
    sentence: { type: ['string', 'null'], maxLength: 2000, description: 'shorthand instead of verdicts: this sentence text (the note) for every defendant' },
    note: { type: ['string', 'null'], maxLength: 20000 },
  },
};
const stageOutput = {
  type: 'object',
  properties: { id: { type: 'integer' }, kind: { type: 'string' }, kindLabel: { type: 'string' }, court: apiInstitutionSpec, verdicts: { type: 'array', items: verdictOutput }, outcome: { type: ['string', 'null'], description: 'when every verdict has the same' }, outcomeLabel: { type: ['string', 'null'] }, phrase: { type: 'string', example: 'verdict annulled' }, sentence: { type: ['string', 'null'], description: 'the sentence note when every verdict has the same' }, heldAfterDeathOf: { type: 'array', items: apiPersonSpec, description: 'defendants certainly dead when the stage was held' }, note: { type: ['string', 'null'] } },
};
const proceedingOutput = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    court: apiInstitutionSpec,
    caseNumber: { type: ['string', 'null'] },
    defendants: { type: 'array', items: { allOf: [apiPersonSpec, { type: 'object', properties: { charges: { type: 'array', items: chargeSpec } } }] } },
    posthumousVerdict: { type: 'boolean', description: 'a verdict was delivered after a defendant’s death' },
    stages: { type: 'array', items: { $ref: '#/components/schemas/ProceedingStage' } },
    chain: { type: 'string', example: 'acquitted (Sep 2005) → verdict annulled → convicted (May 2006)' },
  },
};
const params = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } }));
addPaths(
  {
    '/cases/{caseId}/proceedings': {
      parameters: params('caseId'),
      get: { summary: 'Proceedings of a case with their stages in order', responses: { '200': { description: 'Proceedings' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a proceeding (researcher, admin)', requestBody: { content: { 'application/json': { schema: proceedingInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/Proceeding' } } } } } }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/proceedings/{id}': {
      parameters: params('caseId', 'id'),
      get: { summary: 'One proceeding', responses: { '200': { description: 'The proceeding' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a proceeding; fields not sent keep their values', requestBody: { content: { 'application/json': { schema: proceedingInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a proceeding and its stages to the trash (statements relying on it keep the fact, and get the link back when an admin restores it)', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
    '/cases/{caseId}/proceedings/{id}/stages': {
      parameters: params('caseId', 'id'),
      get: { summary: 'Stages of a proceeding, in order', responses: { '200': { description: 'Stages' }, ...errorResponses(401, 404) } },
      post: { summary: 'Record a stage', requestBody: { content: { 'application/json': { schema: stageInput } } }, responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/ProceedingStage' } } } } } }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/proceedings/{id}/stages/{sid}': {
      parameters: params('caseId', 'id', 'sid'),
      get: { summary: 'One stage', responses: { '200': { description: 'The stage' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a stage; fields not sent keep their values', requestBody: { content: { 'application/json': { schema: stageInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a stage to the trash; an admin can restore it', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404) } },
    },
  },
  { Proceeding: proceedingOutput, ProceedingStage: stageOutput },
);
