import request from 'supertest';
import { PASSWORD, TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken, revokeApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { setUserDisabled } from '../../src/users/user.service';
import { ApiToken } from '../../src/tokens/api-token.entity';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let adminToken: string;
let viewerToken: string;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await makeUser(t.ds, 'admin');
  const viewer = await makeUser(t.ds, 'viewer');
  adminToken = (await createApiToken(t.ds, CLI_ACTOR, admin.id, 'tests')).token;
  viewerToken = (await createApiToken(t.ds, CLI_ACTOR, viewer.id, 'tests')).token;
});
afterAll(() => t.close());

const api = (method: 'get' | 'post' | 'patch', path: string, token?: string) => {
  const r = request(t.app)[method](`/api/v1${path}`);
  return token ? r.set('Authorization', `Bearer ${token}`) : r;
};

function expectJsonError(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.id).toMatch(/^[0-9a-f]{12}$/);
}

describe('/api/v1', () => {
  it('GET /me returns the token’s user and role, and the admin sees when the token was last used', async () => {
    const res = await api('get', '/me', viewerToken).expect(200);
    expect(res.body.data).toMatchObject({ role: 'viewer' });
    expect(res.body.data).not.toHaveProperty('passwordHash');
    const token = await t.ds.getRepository(ApiToken).findOneByOrFail({ userId: res.body.data.id });
    expect(token.lastUsedAt).toBeInstanceOf(Date);
  });

  it('stores tokens only as hashes', async () => {
    const rows: { token_hash: string }[] = await t.ds.query('SELECT token_hash FROM api_token');
    expect(JSON.stringify(rows)).not.toContain(viewerToken);
  });

  it('answers missing, malformed, unknown and revoked tokens with 401', async () => {
    expectJsonError(await api('get', '/me'), 401, 'unauthorized');
    expectJsonError(await api('get', '/me').set('Authorization', 'Basic abc'), 401, 'unauthorized');
    expectJsonError(await api('get', '/me', 'cbk_' + 'x'.repeat(43)), 401, 'unauthorized');
    expectJsonError(await api('get', '/me', 'garbage'), 401, 'unauthorized');
    const user = await makeUser(t.ds, 'researcher');
    const { token, record } = await createApiToken(t.ds, CLI_ACTOR, user.id, 'soon revoked');
    await api('get', '/me', token).expect(200);
    await revokeApiToken(t.ds, CLI_ACTOR, record.id);
    expectJsonError(await api('get', '/me', token), 401, 'unauthorized');
  });

  it('stops a disabled user’s tokens', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { token } = await createApiToken(t.ds, CLI_ACTOR, user.id, 'x');
    await setUserDisabled(t.ds, CLI_ACTOR, user.id, true);
    expectJsonError(await api('get', '/me', token), 401, 'unauthorized');
  });

  it('refuses a viewer calling an admin action with 403', async () => {
    expectJsonError(await api('get', '/users', viewerToken), 403, 'forbidden');
    const res = await api('post', '/users', viewerToken).send({ email: 'v@example.org', name: 'V', role: 'admin', password: PASSWORD });
    expectJsonError(res, 403, 'forbidden');
    expect(await t.ds.getRepository(User).countBy({ email: 'v@example.org' })).toBe(0);
  });

  it('lets an admin create and update users, validating every field', async () => {
    const created = await api('post', '/users', adminToken).send({ email: 'api.user@example.org', name: 'Api User', role: 'analyst', password: PASSWORD }).expect(201);
    expect(created.body.data).toMatchObject({ email: 'api.user@example.org', role: 'analyst', disabled: false });
    const bad = await api('post', '/users', adminToken).send({ email: 'nope', name: '', role: 'king', password: 1 });
    expectJsonError(bad, 422, 'validation_failed');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    const dup = await api('post', '/users', adminToken).send({ email: 'API.user@example.org', name: 'Again', role: 'analyst', password: PASSWORD });
    expectJsonError(dup, 409, 'conflict');
    const patched = await api('patch', `/users/${created.body.data.id}`, adminToken).send({ role: 'lawyer' }).expect(200);
    expect(patched.body.data.role).toBe('lawyer');
    expectJsonError(await api('get', '/users/0', adminToken), 404, 'not_found');
  });

  it('answers malformed JSON with 400, oversized bodies with 413 and unknown routes with 404, all as JSON', async () => {
    expectJsonError(await api('post', '/users', adminToken).set('Content-Type', 'application/json').send('{"email": '), 400, 'bad_request');
    expectJsonError(await api('post', '/users', adminToken).set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(2_000_000) })), 413, 'payload_too_large');
    expectJsonError(await api('get', '/nothing-here', adminToken), 404, 'not_found');
    expectJsonError(await api('get', '/nothing-here'), 401, 'unauthorized');
  });

  it('needs the CSRF token when the browser session is used instead of a token', async () => {
    const admin = await makeUser(t.ds, 'admin');
    const { agent, csrf } = await signIn(t.app, admin.email);
    await agent.get('/api/v1/me').expect(200);
    expectJsonError(await agent.post('/api/v1/users').send({ email: 'c@example.org', name: 'C', role: 'viewer', password: PASSWORD }), 403, 'csrf_failed');
    await agent.post('/api/v1/users').set('X-CSRF-Token', csrf).send({ email: 'c@example.org', name: 'C', role: 'viewer', password: PASSWORD }).expect(201);
  });

  it('describes itself in an OpenAPI document', async () => {
    const res = await api('get', '/openapi.json', viewerToken).expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/me'].get).toBeDefined();
    expect(res.body.paths['/users'].post).toBeDefined();
    expect(res.body.components.schemas.Error).toBeDefined();
  });
});
