import request from 'supertest';
import type { Express } from 'express';
import { Agent, makeUser, signIn } from './app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { User } from '../../src/users/user.entity';

export const ROLES = ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that read cases but may not change them. */
export const READ_ONLY: Role[] = ['lawyer', 'analyst', 'viewer'];

export interface Session {
  agent: Agent;
  csrf: string;
}

/** One user of every role, each with an API token and a signed-in browser session. */
export async function everyRole(app: Express, ds: Parameters<typeof makeUser>[0]) {
  const users = {} as Record<Role, User>;
  const tokens = {} as Record<Role, string>;
  const sessions = {} as Record<Role, Session>;
  for (const role of ROLES) {
    users[role] = await makeUser(ds, role);
    tokens[role] = (await createApiToken(ds, CLI_ACTOR, users[role].id, 't')).token;
    sessions[role] = await signIn(app, users[role].email);
  }
  return { users, tokens, sessions };
}

/** /api/v1 calls with a bearer token. */
export function apiAs(app: Express, token: string) {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (p: string) => auth(request(app).get(`/api/v1${p}`)),
    post: (p: string, body: object) => auth(request(app).post(`/api/v1${p}`)).send(body),
    patch: (p: string, body: object) => auth(request(app).patch(`/api/v1${p}`)).send(body),
    delete: (p: string) => auth(request(app).delete(`/api/v1${p}`)),
  };
}

/**
 * A form body as a browser sends it: nested fields and rows as date[precision],
 * perpetrators[0][description] (supertest's own encoding would drop the indices).
 */
export function formBody(value: unknown, prefix = '', out = new URLSearchParams()): URLSearchParams {
  if (Array.isArray(value)) value.forEach((v, i) => formBody(v, `${prefix}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) formBody(v, prefix ? `${prefix}[${k}]` : k, out);
  else if (value !== undefined && value !== null) out.append(prefix, String(value));
  return out;
}

/** Page requests in a signed-in session; posts carry the session's CSRF token like the real forms. */
export function pageAs(session: Session) {
  return {
    get: (p: string) => session.agent.get(p),
    post: (p: string, body: object = {}) => session.agent.post(p).type('form').send(formBody({ _csrf: session.csrf, ...body }).toString()),
  };
}
