import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';
import { insertPerson } from '../support/records';

/**
 * Bodies are parsed before anyone is signed in, and qs merges indexed fields in quadratic time
 * (5,000 `a[i]=` fields cost about half a second of the only thread): the parameter limit keeps
 * that cheap. Forms shown again never grow with the number of rows an attacker posts.
 */
let t: TestApp;
let agent: Agent;
let csrf: string;
let caseId: number;

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher');
  ({ agent, csrf } = await signIn(t.app, researcher.email));
  caseId = Number((await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'A case', status: 'open' }).expect(303)).headers.location.split('/').pop());
});
afterAll(() => t.close());

const indexed = (field: string, n: number, suffix = '') => Array.from({ length: n }, (_, i) => `${field}[${i}]${suffix}=${i + 1}`).join('&');

describe('denial of service', () => {
  it('refuses, before anyone is signed in, a form body with thousands of fields (413)', async () => {
    const res = await request(t.app).post('/login').type('form').send(indexed('a', 2000));
    expect(res.status).toBe(413);
    const api = await request(t.app).post('/api/v1/cases').type('form').send(indexed('a', 2000));
    expect(api.status).toBe(413);
  });

  it('still accepts the largest legitimate form: an allegation with 100 perpetrators', async () => {
    const person = await insertPerson(t.ds, 'Perpetrator Person');
    const rows = Array.from({ length: 100 }, (_, i) => `perpetrators[${i}][personId]=${person.id}&perpetrators[${i}][description]=p${i}&perpetrators[${i}][involvement]=carried_out&perpetrators[${i}][attribution]=confirmed&perpetrators[${i}][institutionId]=`).join('&');
    const res = await agent.post(`/cases/${caseId}/allegations`).type('form').send(`_csrf=${encodeURIComponent(csrf)}&status=alleged&${rows}`);
    expect(res.status).toBe(303);
  });

  it('shows a refused statement or proceeding form again with a bounded number of person rows', async () => {
    for (const [path, field] of [[`/cases/${caseId}/statements`, 'incriminates'], [`/cases/${caseId}/proceedings`, 'defendants']] as const) {
      const res = await agent.post(path).type('form').send(`_csrf=${encodeURIComponent(csrf)}&kind=confession&${indexed(field, 900)}`);
      expect([path, res.status]).toEqual([path, 422]);
      // A proceeding's defendant row also holds its charges (issue 11): count the person pickers.
      const rows = (res.text.match(new RegExp(field === 'defendants' ? `name="${field}\\[\\d+\\]\\[personId\\]"` : `name="${field}\\[`, 'g')) ?? []).length;
      expect([path, rows <= 210]).toEqual([path, true]);
    }
  });
});
