import { addPaths, errorResponses } from '../api/openapi';

const institutionInput = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 300 },
    aliases: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 300 }, description: 'other names and spellings (ИК-1, IK-1 Yaroslavl)' },
    type: { type: 'string', description: 'institution_type term' },
    parentId: { type: ['integer', 'null'], description: 'the institution this one is part of; it cannot be the institution itself or one of its sub-units' },
    region: { type: ['string', 'null'], description: 'region term' },
    locality: { type: ['string', 'null'], maxLength: 200 },
    latitude: { type: ['number', 'null'], minimum: -90, maximum: 90, description: 'with longitude, or neither' },
    longitude: { type: ['number', 'null'], minimum: -180, maximum: 180 },
    notes: { type: ['string', 'null'], maxLength: 20000 },
    createAnyway: { type: 'boolean', description: 'create even though an institution with the same name or alias exists (POST only)' },
  },
};

const institutionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    aliases: { type: 'array', items: { type: 'string' } },
    type: { type: 'string' },
    typeLabel: { type: 'string' },
    parent: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    region: { type: ['string', 'null'] },
    locality: { type: ['string', 'null'] },
    latitude: { type: ['number', 'null'] },
    longitude: { type: ['number', 'null'] },
    notes: { type: ['string', 'null'] },
    ancestors: { type: 'array', description: 'from the top of the hierarchy down to the parent', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
    children: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
    involvement: { type: 'object', description: 'cases, events, allegations, complaints, statements and proceedings involving it or its sub-units, in cases you may see' },
  },
};

const listParams = [
  { name: 'q', in: 'query', schema: { type: 'string' }, description: 'name or alias in any spelling or script' },
  { name: 'type', in: 'query', schema: { type: 'string' } },
  { name: 'region', in: 'query', schema: { type: 'string' } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
];
const idParamSpec = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const json = (schema: object) => ({ 'application/json': { schema } });

addPaths(
  {
    '/institutions': {
      get: { summary: 'Institutions by name or alias in any spelling, type and region', parameters: listParams, responses: { '200': { description: 'A page of institutions' }, ...errorResponses(401, 403) } },
      post: {
        summary: 'Record an institution (researcher, admin)',
        description: 'When an institution with the same name or alias (in any spelling) exists, answers 409 with `duplicates` and creates nothing, unless `createAnyway` is true.',
        requestBody: { required: true, content: json({ ...institutionInput, required: ['name', 'type'] }) },
        responses: { '201': { description: 'Created', content: json({ type: 'object', properties: { data: { $ref: '#/components/schemas/Institution' } } }) }, ...errorResponses(400, 401, 403, 409, 413, 422) },
      },
    },
    '/institutions/{id}': {
      parameters: idParamSpec,
      get: { summary: 'An institution, its hierarchy, and what involves it or its sub-units', responses: { '200': { description: 'The institution', content: json({ type: 'object', properties: { data: { $ref: '#/components/schemas/Institution' } } }) }, '301': { description: 'The institution was merged into another: `Location` is the kept record, the body says `{"error": {"code": "merged"}, "mergedInto": ID}`' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change an institution (researcher, admin); fields not sent keep their values', requestBody: { content: json(institutionInput) }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
  },
  { Institution: institutionSchema },
);
