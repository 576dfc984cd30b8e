import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';

/**
 * Form bodies are parsed by qs with `allowPrototypes` (body-parser sets it), so `title[toString]=x`
 * arrives as an object whose own `toString` is a string: any String(value) — zod messages, ejs
 * escaping a re-filled form — then throws. Such bodies, and absurdly nested ones, get a 4xx.
 */
let t: TestApp;
let agent: Agent;
let csrf: string;
let caseId: number;

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher');
  ({ agent, csrf } = await signIn(t.app, researcher.email));
  const res = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'A case', status: 'open' }).expect(303);
  caseId = Number(res.headers.location.split('/').pop());
});
afterAll(() => t.close());

const HOSTILE = ['toString', 'valueOf', 'hasOwnProperty', 'constructor'];

describe('hostile form bodies', () => {
  it('answer 4xx, never 5xx, when a field shadows an Object.prototype method', async () => {
    const forms = [
      ['/cases', ['title', 'status', 'summary', 'tags']],
      [`/cases/${caseId}`, ['title', 'status']],
      ['/people', ['notes', 'gender']],
      ['/institutions', ['name', 'type']],
      ['/sources', ['name', 'title', 'url']],
      [`/cases/${caseId}/events`, ['title', 'type', 'place']],
      [`/cases/${caseId}/allegations`, ['summary', 'status']],
      [`/cases/${caseId}/statements`, ['content', 'kind', 'makerDescription']],
      [`/cases/${caseId}/complaints`, ['description', 'request']],
      [`/cases/${caseId}/proceedings`, ['title', 'note']],
      [`/cases/${caseId}/citations`, ['note', 'sourceId']],
      [`/cases/${caseId}/participants`, ['personId', 'note']],
      [`/cases/${caseId}/medical-evaluations`, ['examiner', 'place']],
      ['/search/saved', ['name', 'query']],
      ['/account/password', ['currentPassword', 'newPassword']],
    ] as const;
    for (const [path, fields] of forms) {
      for (const field of fields) {
        for (const key of HOSTILE) {
          const res = await agent.post(path).type('form').send(`_csrf=${encodeURIComponent(csrf)}&${field}[${key}]=x`);
          expect([path, field, key, res.status < 500]).toEqual([path, field, key, true]);
        }
      }
    }
  });

  it('answer 400 to a body nested deeper than any form', async () => {
    const res = await agent.post('/cases').type('form').send(`_csrf=${encodeURIComponent(csrf)}&title${'[a]'.repeat(10)}=x`);
    expect(res.status).toBe(400);
  });

  it('answer 4xx over the API too', async () => {
    const res = await agent.post('/api/v1/cases').set('X-CSRF-Token', csrf).send({ title: { toString: 'x' }, status: 'open' });
    expect(res.status).toBe(422);
    const page = await agent.post('/cases').set('X-CSRF-Token', csrf).send({ title: { toString: 'x' }, status: { valueOf: 'x' } });
    expect(page.status).toBeLessThan(500);
  });

  it('still accept ordinary nested form fields', async () => {
    const res = await agent.post(`/cases/${caseId}/events`).type('form').send(`_csrf=${encodeURIComponent(csrf)}&type=arrest&date[precision]=day&date[value]=2005-10-23&people[0][personId]=&people[0][role]=`);
    expect(res.status).toBe(303);
    const multipart = await request(t.app).get('/healthz');
    expect(multipart.status).toBe(200);
  });
});
