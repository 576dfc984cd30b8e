import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp, Agent } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * Form bodies are parsed by qs with `allowPrototypes` (body-parser sets it), so `title[toString]=x`
 * arrives as an object whose own `toString` is a string: any String(value) — zod messages, ejs
 * escaping a re-filled form — then throws. Such bodies, and absurdly nested ones, get a 4xx.
 */
let t: TestApp;
let agent: Agent;
let csrf: string;
let admin: { agent: Agent; csrf: string };
let caseId: number;
/** Records of the last wave that the new forms address. */
const ids = { person: 0, institution: 0, investigation: 0, proceeding: 0, statement: 0, trashItem: 0 };

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher');
  ({ agent, csrf } = await signIn(t.app, researcher.email));
  admin = await signIn(t.app, (await makeUser(t.ds, 'admin')).email);
  const res = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'A case', status: 'open' }).expect(303);
  caseId = Number(res.headers.location.split('/').pop());
  const token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
  const api = (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body).expect(201).then((r) => r.body.data.id as number);
  ids.person = (await insertPerson(t.ds, 'Hostile Keys')).id;
  await insertParticipant(t.ds, caseId, ids.person);
  ids.institution = await api('/institutions', { name: 'IK-2 Hostile', type: 'police_unit' });
  ids.investigation = await api(`/cases/${caseId}/investigations`, { trigger: 'complaint' });
  ids.proceeding = await api(`/cases/${caseId}/proceedings`, { title: 'Trial', defendants: [ids.person] });
  ids.statement = await api(`/cases/${caseId}/statements`, { makerDescription: 'a detainee', kind: 'confession' });
  const binned = await api(`/cases/${caseId}/investigations`, { trigger: 'complaint' });
  await request(t.app).delete(`/api/v1/cases/${caseId}/investigations/${binned}`).set('Authorization', `Bearer ${token}`).expect(204);
  ids.trashItem = (await t.ds.query('SELECT id FROM trash_item WHERE record_id = ?', [binned]))[0].id;
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
      // The records of the last wave (issue 11).
      [`/cases/${caseId}/investigations`, ['trigger', 'institutionId', 'triggerComplaintId', 'officialNumber', 'note', 'began[value]']],
      [`/cases/${caseId}/investigations/${ids.investigation}`, ['trigger', 'note']],
      [`/cases/${caseId}/investigations/${ids.investigation}/decisions`, ['kind', 'official', 'reasons', 'sequence', 'institutionId', 'transferredToId', 'evidenceItemId', 'sourceEventId', 'date[precision]']],
      [`/cases/${caseId}/proceedings`, ['caseNumber', 'courtInstitutionId', 'defendants', 'defendants[0][personId]', 'defendants[0][charges][0][article]', 'defendants[0][charges][0][articleCode]']],
      [`/cases/${caseId}/proceedings/${ids.proceeding}`, ['defendants', 'note']],
      [`/cases/${caseId}/proceedings/${ids.proceeding}/stages`, ['kind', 'outcome', 'sentence', 'note', 'verdicts', 'verdicts[0][personId]', 'verdicts[0][outcome]', 'verdicts[0][years]', 'verdicts[0][months]', 'verdicts[0][suspended]', 'verdicts[0][note]']],
      [`/cases/${caseId}/statements`, ['courtStatus', 'proceedingId']],
      [`/cases/${caseId}/statements/${ids.statement}`, ['courtStatus', 'proceedingId', 'content']],
      [`/cases/${caseId}/statements/${ids.statement}/retractions`, ['kind', 'date[value]', 'forum', 'reason', 'pressureAlleged']],
      ['/people', ['died', 'deathDate[value]', 'deathPlace', 'deathInstitutionId', 'deathInCustody', 'deathCauseOfficial', 'deathCauseAlleged']],
      [`/people/${ids.person}`, ['died', 'deathPlace', 'deathInCustody', 'names[0][name]']],
      ['/sources', ['kind', 'note']],
      [`/people/${ids.person}/merge`, ['into']],
      [`/institutions/${ids.institution}/merge`, ['into']],
      [`/cases/${caseId}/timeline/order`, ['key', 'direction']],
      [`/cases/${caseId}/events`, ['region']],
      ['/cases', ['groupCount', 'groupCountPrecision', 'groupDeathCountPrecision', 'region']],
      ['/account/language', ['language', 'back']],
      // Restoring takes no fields (the page reads none); moving to the trash takes no reason.
      [`/admin/trash/${ids.trashItem}/purge`, ['reason']],
    ] as const;
    for (const [path, fields] of forms) {
      // The trash is for admins: a researcher's 403 would prove nothing.
      const as = path.startsWith('/admin/') ? admin : { agent, csrf };
      for (const field of fields) {
        for (const key of HOSTILE) {
          const res = await as.agent.post(path).type('form').send(`_csrf=${encodeURIComponent(as.csrf)}&${field}[${key}]=x`);
          expect([path, field, key, res.status < 500]).toEqual([path, field, key, true]);
          if (path.startsWith('/admin/')) expect([path, res.status]).not.toEqual([path, 403]);
        }
      }
    }
  });

  it('answer 400 to a body nested deeper than any form', async () => {
    const res = await agent.post('/cases').type('form').send(`_csrf=${encodeURIComponent(csrf)}&title${'[a]'.repeat(10)}=x`);
    expect(res.status).toBe(400);
  });

  it('refuse text that cannot be stored as sent, and ids that are not written in digits, beside the field', async () => {
    const lone = await agent.post('/api/v1/cases').set('X-CSRF-Token', csrf).send({ title: 'a\ud800b', status: 'open' });
    expect(lone.status).toBe(422);
    expect(lone.body.error.fields.title).toMatch(/cannot be stored/);
    const pair = await agent.post('/api/v1/cases').set('X-CSRF-Token', csrf).send({ title: 'Emoji 😀 kept', status: 'open' }).expect(201);
    expect(pair.body.data.title).toBe('Emoji 😀 kept');
    for (const id of ['1E2', '0x10', '1.0', '+1', '1 2']) {
      const res = await agent.post(`/api/v1/cases/${caseId}/participants`).set('X-CSRF-Token', csrf).send({ personId: id, role: 'victim' });
      expect([id, res.status, Object.keys(res.body.error?.fields ?? {})]).toEqual([id, 422, ['personId']]);
    }
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
