import { addPaths, errorResponses, jsonBody } from '../api/openapi';
import { ROLES } from './user.entity';
import { createUserSchema, updateUserSchema } from './user.schema';

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    lastLoginAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

addPaths(
  {
    '/users': {
      get: { summary: 'List users (admin)', responses: { '200': { description: 'Users' }, ...errorResponses(401, 403) } },
      post: {
        summary: 'Create a user (admin)',
        requestBody: jsonBody(createUserSchema),
        responses: { '201': { description: 'Created' }, ...errorResponses(400, 401, 403, 409, 413, 422) },
      },
    },
    '/users/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { summary: 'One user (admin)', responses: { '200': { description: 'The user' }, ...errorResponses(401, 403, 404) } },
      patch: {
        summary: 'Change name or role (admin); a field not sent keeps its value',
        // The route fills what is not sent from the stored user, then checks the whole with updateUserSchema.
        requestBody: jsonBody(updateUserSchema.partial()),
        responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
  },
  { User: userSchema },
);
