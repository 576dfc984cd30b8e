import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * One date shape in /api/v1: every record answers {precision, text, start, end, uncertain}, and
 * accepts both what a client types ({precision, value} or a range's start and end) and a date sent
 * back exactly as it was read. Events and complaints differed before (issue 11).
 */
let t: TestApp;
let token: string;
let caseId: number;
beforeAll(async () => {
  t = await startTestApp();
  token = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'researcher')).id, 'dates')).token;
  caseId = (await call('post', '/cases', { title: 'Dates in the API', status: 'open' }).expect(201)).body.data.id;
});
afterAll(() => t.close());

function call(method: 'get' | 'post' | 'patch', path: string, body?: object) {
  const r = request(t.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  return body ? r.send(body) : r;
}

const C_OCT_2005 = { precision: 'approximate', text: 'c. Oct 2005', start: '2005-09-01', end: '2005-11-30', uncertain: true };

describe('one date shape in the API', () => {
  it('answers the same five fields for events, complaints, responses, statements, proceeding stages and medical evaluations, and takes them back unchanged', async () => {
    const typed = { precision: 'approximate', value: '2005-10' };
    const complaint = (await call('post', `/cases/${caseId}/complaints`, { request: 'open_criminal_investigation', date: typed }).expect(201)).body.data;
    const proceeding = (await call('post', `/cases/${caseId}/proceedings`, { title: 'Trial' }).expect(201)).body.data;
    const records: { path: string; body: object; field?: string }[] = [
      { path: `/cases/${caseId}/events`, body: { type: 'arrest', date: typed } },
      { path: `/cases/${caseId}/complaints`, body: { request: 'open_criminal_investigation', date: typed } },
      { path: `/cases/${caseId}/complaints/${complaint.id}/responses`, body: { outcome: 'refused_to_open', date: typed } },
      { path: `/cases/${caseId}/statements`, body: { makerDescription: 'A detainee', kind: 'confession', date: typed } },
      { path: `/cases/${caseId}/proceedings/${proceeding.id}/stages`, body: { kind: 'hearing', date: typed } },
    ];
    for (const r of records) {
      const created = (await call('post', r.path, r.body).expect(201)).body.data;
      expect([r.path, created.date]).toEqual([r.path, C_OCT_2005]);
      // Sent back as read (text and uncertain included): accepted, and nothing changes.
      const again = await call('patch', `${r.path}/${created.id}`, { date: created.date });
      expect([r.path, again.status]).toEqual([r.path, 200]);
      expect(again.body.data.date).toEqual(C_OCT_2005);
      // The stored form that is not exactly what the precision stores is refused, with the field named.
      const bad = await call('patch', `${r.path}/${created.id}`, { date: { precision: 'approximate', start: '2005-09-02', end: '2005-11-30' } });
      expect([r.path, bad.status]).toEqual([r.path, 422]);
      expect(Object.keys(bad.body.error.fields)[0]).toMatch(/^date\./);
    }
    await call('post', `/cases/${caseId}/medical-evaluations`, { examiner: 'Dr Ivanova', examDate: { precision: 'approximate', start: '2005-09-01', end: '2005-11-30' } }).expect(201);
    const evaluations = (await call('get', `/cases/${caseId}/medical-evaluations`).expect(200)).body.data;
    expect(evaluations[0].examDate).toEqual(C_OCT_2005);
  });

  it('documents the shape once, as shared components that every dated body refers to', async () => {
    const doc = (await call('get', '/openapi.json').expect(200)).body;
    expect(doc.components.schemas.PartialDateInput.properties.precision.enum).toEqual(['auto', 'day', 'month', 'year', 'approximate', 'range']);
    expect(doc.components.schemas.PartialDate.required).toEqual(['precision', 'text', 'start', 'end', 'uncertain']);
    // No inline copy of a date anywhere in the paths.
    expect(JSON.stringify(doc.paths)).not.toContain('"enum":["day","month","year","approximate","range"]');
    const body = (path: string, method: string) => JSON.stringify(doc.paths[path][method].requestBody);
    for (const [path, method] of [['/cases/{caseId}/events', 'post'], ['/cases/{caseId}/complaints', 'post'], ['/cases/{caseId}/statements', 'post'], ['/cases/{caseId}/medical-evaluations', 'post'], ['/people', 'post'], ['/sources', 'post']]) {
      expect([path, body(path, method)]).toEqual([path, expect.stringContaining('#/components/schemas/PartialDateInput')]);
    }
  });
});
