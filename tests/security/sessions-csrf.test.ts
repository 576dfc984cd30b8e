import request from 'supertest';
import { TestApp, PASSWORD, hiddenField, makeUser, signIn, startTestApp, Agent } from '../support/app';

/**
 * CSRF on every state-changing route a browser can reach with the session cookie — pages, API
 * calls (POST, PATCH, DELETE) and multipart uploads; redirects after sign-in stay on this site;
 * every signed-in answer, downloads included, is `no-store`.
 */
let t: TestApp;
let agent: Agent;
let csrf: string;
let caseId: number;
let eventId: number;

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher');
  ({ agent, csrf } = await signIn(t.app, researcher.email));
  caseId = (await agent.post('/api/v1/cases').set('X-CSRF-Token', csrf).send({ title: 'A case', status: 'open' }).expect(201)).body.data.id;
  eventId = (await agent.post(`/api/v1/cases/${caseId}/events`).set('X-CSRF-Token', csrf).send({ type: 'arrest', date: { precision: 'day', value: '2005-10-23' } }).expect(201)).body.data.id;
});
afterAll(() => t.close());

describe('CSRF with the session cookie', () => {
  it('refuses API writes (POST, PATCH, DELETE) without the token, with a forged one, or cross-site', async () => {
    const writes = [
      () => agent.post('/api/v1/cases').send({ title: 'Forged', status: 'open' }),
      () => agent.patch(`/api/v1/cases/${caseId}`).send({ title: 'Forged' }),
      () => agent.delete(`/api/v1/cases/${caseId}/events/${eventId}`),
      () => agent.delete(`/api/v1/cases/${caseId}/events/${eventId}`).set('X-CSRF-Token', 'forged'),
      () => agent.delete(`/api/v1/cases/${caseId}/events/${eventId}`).set('X-CSRF-Token', csrf).set('Origin', 'https://evil.example'),
      () => agent.delete(`/api/v1/cases/${caseId}/events/${eventId}`).set('X-CSRF-Token', csrf).set('Sec-Fetch-Site', 'cross-site'),
    ];
    for (const write of writes) {
      const res = await write();
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_failed');
    }
    const events = await agent.get(`/api/v1/cases/${caseId}/events`).expect(200);
    expect(events.body.data).toHaveLength(1);
    await agent.delete(`/api/v1/cases/${caseId}/events/${eventId}`).set('X-CSRF-Token', csrf).expect(204);
  });

  it('refuses multipart uploads without the token, in the URL or the header', async () => {
    const send = (path: string) => agent.post(path).field('type', 'other').field('title', 'Forged upload').attach('files', Buffer.from('text\n'), 'a.txt');
    await send(`/cases/${caseId}/evidence`).expect(403);
    await send(`/cases/${caseId}/evidence?_csrf=forged`).expect(403);
    await send(`/api/v1/cases/${caseId}/evidence`).expect(403);
    // A token in the multipart body is read only after the check, so it does not count.
    await agent.post(`/cases/${caseId}/evidence`).field('_csrf', csrf).field('type', 'other').field('title', 'Forged').attach('files', Buffer.from('x\n'), 'a.txt').expect(403);
    expect((await agent.get(`/api/v1/cases/${caseId}/evidence`).expect(200)).body.data).toHaveLength(0);
    await send(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(csrf)}`).expect(303);
  });

  it('refuses a token passed in the URL of an ordinary form', async () => {
    await agent.post(`/cases/${caseId}/events?_csrf=${encodeURIComponent(csrf)}`).type('form').send({ type: 'arrest', 'date[value]': '2005-10-24' }).expect(403);
  });
});

describe('sign-in redirects', () => {
  it('only ever go to a path on this site', async () => {
    const user = await makeUser(t.ds, 'viewer');
    for (const next of ['//evil.example/x', '/\\evil.example', '/\\/evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\t/evil.example', ' //evil.example', '\\\\evil.example']) {
      const a = request.agent(t.app);
      const page = await a.get(`/login?next=${encodeURIComponent(next)}`);
      const res = await a.post('/login').type('form').send({ _csrf: hiddenField(page.text), email: user.email, password: PASSWORD, next });
      expect([next, res.status, res.headers.location]).toEqual([next, 303, '/']);
    }
  });
});

describe('caching', () => {
  it('marks every signed-in answer no-store: pages, API, exports, pictures, dossiers and files', async () => {
    await agent.post(`/cases/${caseId}/evidence?_csrf=${encodeURIComponent(csrf)}`).field('type', 'other').field('title', 'Text').attach('files', Buffer.from('text\n'), 'a.txt').expect(303);
    const item = (await agent.get(`/api/v1/cases/${caseId}/evidence`).expect(200)).body.data[0];
    const paths = [
      '/',
      `/cases/${caseId}`,
      `/api/v1/cases/${caseId}`,
      '/exports/cases.csv',
      `/cases/${caseId}/timeline.svg`,
      `/cases/${caseId}/dossier`,
      `/cases/${caseId}/dossier.pdf`,
      `/cases/${caseId}/evidence/bundle`,
      item.files[0].urls.original,
      item.files[0].urls.view,
      '/search?q=case',
    ];
    for (const path of paths) {
      const res = await agent.get(path).buffer(true);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers['cache-control']]).toEqual([path, expect.stringContaining('no-store')]);
    }
  });
});
