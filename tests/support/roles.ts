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

/**
 * A record of a case with child records (a complaint and its responses, a proceeding and its
 * stages), as its routes address them: `${base}/${id}` and `${base}/${id}/${child}/${childId}`.
 */
export interface NestedRecords {
  api: ReturnType<typeof apiAs>;
  page: ReturnType<typeof pageAs>;
  caseId: number;
  base: string;
  id: number;
  child: string;
  childId: number;
  /** A valid body for a new record and for a new child (sent anyway: the answer must be 403 whatever it holds). */
  newRecord: object;
  newChild: object;
  /** A change, sent to both. */
  change: object;
  /** Text of the record or child that the case page shows to its readers. */
  shownOnCase: string;
}

/**
 * A reader of the case (a read-only role) reads the record and its children through the API and
 * the pages, and gets 403 for every write: API calls, form pages and form posts.
 */
export async function expectReadOnly(n: NestedRecords): Promise<void> {
  const { api, page, base, id, child, childId } = n;
  const record = `${base}/${id}`;
  const childRecord = `${record}/${child}/${childId}`;
  for (const p of [base, record, `${record}/${child}`, childRecord]) await api.get(p).expect(200);
  await api.post(base, n.newRecord).expect(403);
  await api.patch(record, n.change).expect(403);
  await api.delete(record).expect(403);
  await api.post(`${record}/${child}`, n.newChild).expect(403);
  await api.patch(childRecord, n.change).expect(403);
  await api.delete(childRecord).expect(403);
  for (const p of [`${base}/new`, `${record}/edit`, `${record}/${child}/new`, `${childRecord}/edit`]) await page.get(p).expect(403);
  for (const p of [base, record, `${record}/delete`, `${record}/${child}`, childRecord, `${childRecord}/delete`]) {
    expect([p, (await page.post(p, { ...n.newRecord, ...n.newChild })).status]).toEqual([p, 403]);
  }
  const html = (await page.get(`/cases/${n.caseId}`).expect(200)).text;
  expect(html).toContain(n.shownOnCase);
  expect(html).not.toContain(`${record}/edit`);
}
