import { apiDateSpec, apiDateViewSpec } from '../records/api-specs';
import { addPaths, errorResponses } from '../api/openapi';

const partialDateSchema = apiDateSpec; // records/api-specs.ts: the one date shape

const nameInput = {
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 300 },
        script: { type: ['string', 'null'], description: 'name_script term; detected from the letters when empty' },
        language: { type: ['string', 'null'], example: 'ru' },
        kind: { type: 'string', enum: ['spelling', 'alias', 'transliteration'], description: 'ignored for the first (primary) name' },
      },
    },
  ],
};

const personInput = {
  type: 'object',
  properties: {
    names: { type: 'array', minItems: 1, maxItems: 30, items: nameInput, description: 'the first is the primary name' },
    birth: partialDateSchema,
    gender: { type: 'string', enum: ['female', 'male', 'other', 'unknown'] },
    region: { type: ['string', 'null'], description: 'region term' },
    profiles: { type: 'array', items: { type: 'string' }, description: 'person_profile terms' },
    notes: { type: ['string', 'null'], maxLength: 20000 },
    protectedIdentity: { type: 'boolean', description: 'users not cleared for the person see only a pseudonym' },
    createAnyway: { type: 'boolean', description: 'create even though people with a similar name exist (POST only)' },
    died: { type: 'boolean', description: 'the person has died (implied by any death field); on PATCH, false alone removes a recorded death' },
    deathDate: { ...partialDateSchema, description: 'date of death: not in the future, not certainly before the date of birth' },
    deathPlace: { type: ['string', 'null'], maxLength: 2000 },
    deathInstitutionId: { type: ['integer', 'null'], description: 'the institution where the person died (a colony, SIZO, police station)' },
    deathInCustody: { type: 'string', enum: ['yes', 'no', 'unknown'], default: 'unknown' },
    deathCauseOfficial: { type: ['string', 'null'], maxLength: 20000, description: 'the cause as officially stated' },
    deathCauseAlleged: { type: ['string', 'null'], maxLength: 20000, description: 'the cause as alleged by relatives, lawyers or witnesses' },
  },
};

const personSchema = {
  type: 'object',
  description: 'A person. For a protected identity you are not cleared for, only id, label ("Person P-0042"), pseudonymised (true) and protectedIdentity.',
  properties: {
    id: { type: 'integer' },
    label: { type: 'string', description: 'the primary name, or "Person P-0042"' },
    pseudonymised: { type: 'boolean' },
    protectedIdentity: { type: 'boolean' },
    names: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, kind: { type: 'string' }, script: { type: ['string', 'null'] }, language: { type: ['string', 'null'] }, transliteration: { type: ['string', 'null'] } } } },
    otherNames: { type: 'array', items: { type: 'string' } },
    birth: apiDateViewSpec,
    gender: { type: 'string' },
    region: { type: ['string', 'null'] },
    profiles: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' } } } },
    notes: { type: ['string', 'null'] },
    death: {
      type: ['object', 'null'],
      description: 'null when the person is not known to have died',
      properties: {
        date: { type: ['object', 'null'], properties: { precision: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, text: { type: 'string', example: '16 Nov 2009' } } },
        place: { type: ['string', 'null'] },
        institution: { type: ['object', 'null'], properties: { id: { type: 'integer' }, label: { type: 'string' } } },
        inCustody: { type: 'string', enum: ['yes', 'no', 'unknown'] },
        causeOfficial: { type: ['string', 'null'] },
        causeAlleged: { type: ['string', 'null'] },
        phrase: { type: 'string', example: 'died in custody, 16 Nov 2009' },
      },
    },
    cases: { type: 'array', description: 'cases you may see in which the person takes part', items: { type: 'object', properties: { id: { type: 'integer' }, code: { type: 'string' }, title: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } } } },
  },
};

const listParams = [
  { name: 'q', in: 'query', schema: { type: 'string' }, description: 'a name in any spelling or script (Kudaev finds Кудаев), or a number like P-0042' },
  { name: 'region', in: 'query', schema: { type: 'string' } },
  { name: 'profile', in: 'query', schema: { type: 'string' } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
];
const idParamSpec = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const json = (schema: object) => ({ 'application/json': { schema } });

addPaths(
  {
    '/people': {
      get: { summary: 'People, by name in any spelling, region or profile', parameters: listParams, responses: { '200': { description: 'A page of people', content: json({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Person' } }, page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' } } }) }, ...errorResponses(401, 403) } },
      post: {
        summary: 'Record a person (researcher, admin)',
        description: 'When people with a similar name (any spelling or transliteration) are already recorded, answers 409 with `duplicates` and creates nothing, unless `createAnyway` is true.',
        requestBody: { required: true, content: json(personInput) },
        responses: { '201': { description: 'Created', content: json({ type: 'object', properties: { data: { $ref: '#/components/schemas/Person' } } }) }, ...errorResponses(400, 401, 403, 409, 413, 422) },
      },
    },
    '/people/{id}': {
      parameters: idParamSpec,
      get: { summary: 'A person, with the cases you may see', responses: { '200': { description: 'The person', content: json({ type: 'object', properties: { data: { $ref: '#/components/schemas/Person' } } }) }, '301': { description: 'The person was merged into another: `Location` is the kept record, the body says `{"error": {"code": "merged"}, "mergedInto": ID}`' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change a person (researcher, admin; cleared users only for protected identities); fields not sent keep their values', requestBody: { content: json(personInput) }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
      delete: { summary: 'Move a person to the trash (researcher, admin; cleared users only for protected identities); 409 while a record still names them', responses: { '204': { description: 'Moved to the trash' }, ...errorResponses(401, 403, 404, 409) } },
    },
  },
  { Person: personSchema },
);
