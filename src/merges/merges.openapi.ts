import { addPaths, errorResponses, jsonBody } from '../api/openapi';
import { institutionMergeSchema, personMergeSchema } from './merge.schema';

const idParamSpec = [
  { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, description: 'the record merged away (its links, names and address go to `into`)' },
  { name: 'dryRun', in: 'query', schema: { type: 'string', enum: ['true'] }, description: 'answer what would move, and change nothing' },
];
const json = (schema: object) => ({ 'application/json': { schema } });
const result = json({
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['person', 'institution'] },
        from: { type: 'integer' },
        into: { type: 'integer' },
        merged: { type: 'boolean', description: 'false for a dry run' },
        becomesProtected: { type: 'boolean', description: 'the kept person becomes a protected identity because the merged one was' },
        moves: { type: 'array', description: 'rows that move, per table (in cases you may see)', items: { type: 'object', properties: { table: { type: 'string' }, rows: { type: 'integer' } } } },
      },
    },
  },
});

const description = (what: string) =>
  `Researchers and admins. Every link to record {id} moves to record \`into\`, which is kept; a link both already had is kept once. ${what} The old address then answers 301 with \`Location\` set to the kept record and a body \`{"error": {"code": "merged", ...}, "mergedInto": 12, "location": "..."}\`. Recorded in the audit trail (\`*.merge\` on the kept record, \`*.merged_into\` on the old one).`;

addPaths({
  '/people/{id}/merge': {
    parameters: idParamSpec,
    post: {
      summary: 'Merge person {id} into another person (researcher, admin)',
      description: description(
        'Its names become aliases of the kept person, who is a protected identity if either was. You must be cleared for both people and, unless an admin, see every case either takes part in (403 otherwise).',
      ),
      requestBody: jsonBody(personMergeSchema),
      responses: { '200': { description: 'Merged (or, with dryRun, what would move)', content: result }, ...errorResponses(401, 403, 404, 409, 422) },
    },
  },
  '/institutions/{id}/merge': {
    parameters: idParamSpec,
    post: {
      summary: 'Merge institution {id} into another institution (researcher, admin)',
      description: description('Its name becomes an alias of the kept institution and its sub-units become the kept one’s. Refused (409) when the kept institution is one of its sub-units: that would make a cycle.'),
      requestBody: jsonBody(institutionMergeSchema),
      responses: { '200': { description: 'Merged (or, with dryRun, what would move)', content: result }, ...errorResponses(401, 403, 404, 409, 422) },
    },
  },
});
