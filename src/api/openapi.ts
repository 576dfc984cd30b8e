/**
 * The OpenAPI document for /api/v1. Each concept adds its paths with `addPaths`, so the
 * document grows with the API.
 */
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

const userSchema: Json = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    lastLoginAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

addPaths(
  {
    '/me': { get: { summary: 'The token’s user and role', responses: { '200': { description: 'The current user', content: { 'application/json': { schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/User' } } } } } }, ...errorResponses(401) } } },
    '/users': {
      get: { summary: 'List users (admin)', responses: { '200': { description: 'Users' }, ...errorResponses(401, 403) } },
      post: {
        summary: 'Create a user (admin)',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['email', 'name', 'role', 'password'], properties: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string', minLength: 12, maxLength: 256 } } } } } },
        responses: { '201': { description: 'Created' }, ...errorResponses(400, 401, 403, 409, 413, 422) },
      },
    },
    '/users/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { summary: 'One user (admin)', responses: { '200': { description: 'The user' }, ...errorResponses(401, 403, 404) } },
      patch: { summary: 'Change name or role (admin)', responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
  },
  { User: userSchema },
);
