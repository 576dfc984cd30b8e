import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';

/**
 * The audit trail names changed fields, never their values; and the admin's filters find what
 * was typed, `%` and `_` included (they are LIKE wildcards, escaped).
 */
let t: TestApp;
let token: string;
const MARK = 'Kx7Marker';

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher', { email: 'first_last@example.org' });
  await makeUser(t.ds, 'researcher', { email: 'firstXlast@example.org' });
  await makeUser(t.ds, 'admin', { email: 'admin@example.org' });
  token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
});
afterAll(() => t.close());

const api = (method: 'post' | 'patch', path: string, body: object) => request(t.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);

describe('audit trail', () => {
  it('never stores the values of record fields', async () => {
    const c = (await api('post', '/cases', { title: `${MARK} title`, summary: `${MARK} summary`, status: 'open', tags: [`${MARK}tag`] }).expect(201)).body.data.id;
    await api('patch', `/cases/${c}`, { title: `${MARK} new title` }).expect(200);
    const p = (await api('post', '/people', { names: [`${MARK} Person`], notes: `${MARK} notes`, protectedIdentity: true, createAnyway: true }).expect(201)).body.data.id;
    await api('patch', `/people/${p}`, { notes: `${MARK} other notes` }).expect(200);
    await api('post', `/cases/${c}/participants`, { personId: p, role: 'victim', note: `${MARK} note` }).expect(201);
    await api('post', `/cases/${c}/events`, { type: 'arrest', title: `${MARK} event`, place: `${MARK} place`, date: { precision: 'day', value: '2005-10-23' } }).expect(201);
    await api('post', `/cases/${c}/statements`, { makerDescription: `${MARK} maker`, content: `${MARK} content`, kind: 'confession' }).expect(201);
    await api('post', `/cases/${c}/complaints`, { filedByText: `${MARK} filer`, request: 'open_criminal_investigation', description: `${MARK} description` }).expect(201);
    const rows = await t.ds.getRepository(AuditEntry).find();
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect([row.action, JSON.stringify(row)]).toEqual([row.action, expect.not.stringContaining(MARK)]);
  });

  it('lets the admin filter by an actor or action containing LIKE wildcards', async () => {
    await api('post', '/cases', { title: 'Another', status: 'open' }).expect(201);
    const { agent } = await signIn(t.app, 'admin@example.org');
    const page = await agent.get('/admin/audit').query({ actor: 'first_last' }).expect(200);
    expect(page.text).toContain('first_last@example.org');
    const none = await agent.get('/admin/audit').query({ actor: 'first%last' }).expect(200);
    expect(none.text).not.toContain('first_last@example.org');
    const action = await agent.get('/admin/audit').query({ action: 'case.' }).expect(200);
    expect(action.text).toContain('first_last@example.org');
    const wild = await agent.get('/admin/audit').query({ action: 'case_' }).expect(200);
    expect(wild.text).not.toContain('first_last@example.org');
  });
});
