/**
 * The OpenAPI document for /api/v1. Each concept adds its paths with `addPaths`, so the
 * document grows with the API.
 */
import { z } from 'zod';

type Json = Record<string, unknown>;

const errorSchema: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'id'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        id: { type: 'string', description: 'Correlation id to quote to an administrator' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Message per invalid field' },
      },
    },
  },
};

const paths: Json = {};
const schemas: Json = { Error: errorSchema };

export function addPaths(more: Json, moreSchemas: Json = {}): void {
  Object.assign(paths, more);
  Object.assign(schemas, moreSchemas);
}

export const errorResponses = (...codes: number[]): Json =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: httpReason(c), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );

/**
 * A JSON request body described by the zod schema that validates it, so the document cannot
 * drift from what the route accepts. Described as input: what a client may send, before the
 * schema's transforms. `extra` is only for what a refinement checks and JSON Schema can state
 * (minProperties of a partial update, say); refinements themselves are not exported.
 */
export function jsonBody(schema: z.ZodType, extra: Json = {}): Json {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return { required: true, content: { 'application/json': { schema: { ...jsonSchema, ...extra } } } };
}

function httpReason(code: number): string {
  return ({ 400: 'Malformed request', 401: 'Missing, invalid or revoked token', 403: 'Not allowed for this role', 404: 'Not found (or not visible to you)', 409: 'Conflict', 413: 'Body too large', 422: 'Validation failed' } as Record<number, string>)[code] ?? 'Error';
}

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'Casebook API', version: '1', description: 'Case documentation for torture allegations. Every call needs a bearer token; what you see depends on your role and case access.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `casebook token create` or the admin page' } }, schemas },
    paths,
  };
}

addPaths({
  '/me': { get: { summary: 'The token’s user and role', responses: { '200': { description: 'The current user', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/User' } } } } } }, ...errorResponses(401) } } },
});
