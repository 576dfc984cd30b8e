import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { insertParticipant, insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { CaseRecord } from '../../src/cases/case.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let researcher: User;
let researcherSession: Awaited<ReturnType<typeof signIn>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  researcher = await makeUser(t.ds, 'researcher');
  researcherSession = await signIn(t.app, researcher.email);
  for (const role of ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const) {
    const u = role === 'researcher' ? researcher : await makeUser(t.ds, role);
    tokens[role] = (await createApiToken(t.ds, CLI_ACTOR, u.id, 't')).token;
  }
});
afterAll(() => t.close());

const api = (role: string) => ({
  get: (path: string) => request(t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[role]}`),
  post: (path: string, body: object) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[role]}`).send(body),
  patch: (path: string, body: object) => request(t.app).patch(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[role]}`).send(body),
});

describe('cases', () => {
  it('a researcher creates a case through the form; the code is assigned and the creation audited', async () => {
    const { agent, csrf } = researcherSession;
    const res = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'Rasul Kudaev: torture in custody', status: 'open', region: 'kabardino_balkaria', year: '2005', summary: 'Arrested 23 Oct 2005.', tags: 'Nalchik, 2005 attack ,nalchik' });
    expect(res.status).toBe(303);
    const id = Number(/\/cases\/(\d+)/.exec(res.headers.location)![1]);
    const record = await t.ds.getRepository(CaseRecord).findOneByOrFail({ id });
    expect(record.code).toMatch(/^RU-2005-\d{4}$/);
    const page = await agent.get(`/cases/${id}`).expect(200);
    expect(page.text).toContain('Rasul Kudaev: torture in custody');
    expect(page.text).toContain('Kabardino');
    expect(page.text).toContain('2005 attack');
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'case.create', recordId: String(id) });
    expect(JSON.parse(audit.fields)).toEqual(expect.arrayContaining(['title', 'summary', 'tags']));
    expect(JSON.stringify(audit)).not.toContain('Arrested 23 Oct');
  });

  it('shows problems next to the fields: unknown vocabulary terms, over-long text, bad codes', async () => {
    const { agent, csrf } = researcherSession;
    const res = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'x'.repeat(501), status: 'exploded', region: 'atlantis', code: 'nonsense', groupCount: '-3' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('at most 500 characters');
    expect(res.text).toContain('RU-2005-0001');
    expect(res.text).toContain('Enter a whole number');
    const terms = await agent.post('/cases').type('form').send({ _csrf: csrf, title: 'Terms', status: 'exploded', region: 'atlantis' });
    expect(terms.status).toBe(422);
    expect(terms.text).toContain('is not a term of the case status list');
    expect(terms.text).toContain('is not a term of the region list');
  });

  it('records a group case with an approximate count', async () => {
    const res = await api('researcher').post('/cases', { title: 'Argun: detention of LGBT people', status: 'open', region: 'chechnya', groupDescription: 'People believed to be gay or lesbian, held in a government building in Argun', groupCount: 40, groupCountPrecision: 'approximately', groupDeathCount: 2, groupDeathCountPrecision: 'at_least', year: 2019 }).expect(201);
    expect(res.body.data.group).toEqual({ description: expect.stringContaining('Argun'), count: 'around 40', sizeUnknown: false, deaths: 'at least 2' });
    expect(res.body.data.code).toMatch(/^RU-2019-/);
  });

  it('lets lawyers, analysts and viewers read but not write, over HTTP and the API', async () => {
    const created = await api('researcher').post('/cases', { title: 'Readable', status: 'open' }).expect(201);
    const id = created.body.data.id;
    for (const role of ['lawyer', 'analyst', 'viewer']) {
      await api(role).get(`/cases/${id}`).expect(200);
      expect((await api(role).get('/cases')).body.data.map((c: { id: number }) => c.id)).toContain(id);
      await api(role).post('/cases', { title: 'Nope', status: 'open' }).expect(403);
      await api(role).patch(`/cases/${id}`, { title: 'Changed' }).expect(403);
    }
    await api('admin').patch(`/cases/${id}`, { title: 'Changed by admin' }).expect(200);
    const after = await api('viewer').get(`/cases/${id}`).expect(200);
    expect(after.body.data.title).toBe('Changed by admin');
  });

  it('hides a restricted case and everything in it from non-members (404, not in lists), but not from members and admins', async () => {
    const created = await api('researcher').post('/cases', { title: 'Secret witness case', status: 'open', restricted: true }).expect(201);
    const id = created.body.data.id;
    for (const role of ['lawyer', 'analyst', 'viewer']) {
      const res = await api(role).get(`/cases/${id}`);
      expect(res.status).toBe(404);
      expect((await api(role).get('/cases')).body.data.map((c: { id: number }) => c.id)).not.toContain(id);
      expect((await api(role).get('/cases?q=Secret')).body.total).toBe(0);
    }
    const otherResearcher = await makeUser(t.ds, 'researcher');
    const otherToken = (await createApiToken(t.ds, CLI_ACTOR, otherResearcher.id, 't')).token;
    await request(t.app).get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${otherToken}`).expect(404);
    await request(t.app).patch(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${otherToken}`).send({ title: 'x' }).expect(404);
    await api('researcher').get(`/cases/${id}`).expect(200);
    await api('admin').get(`/cases/${id}`).expect(200);
    // The page answers exactly like a case that does not exist.
    const viewer = await makeUser(t.ds, 'viewer');
    const { agent } = await signIn(t.app, viewer.email);
    const hidden = await agent.get(`/cases/${id}`);
    const missing = await agent.get('/cases/99999999');
    expect(hidden.status).toBe(404);
    expect(hidden.text.replace(/[0-9a-f]{12}/g, '')).toBe(missing.text.replace(/[0-9a-f]{12}/g, ''));
  });

  it('does not let a user link to a case they cannot see', async () => {
    const secret = (await api('admin').post('/cases', { title: 'Admin-only', status: 'open', restricted: true }).expect(201)).body.data.id;
    const mine = (await api('researcher').post('/cases', { title: 'Mine', status: 'open' }).expect(201)).body.data.id;
    const res = await api('researcher').post(`/cases/${mine}/links`, { otherCaseId: secret, kind: 'related' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.otherCaseId).toBe('Give a case (a known id or code).');
  });

  it('shows protected people as a pseudonym to users who are not cleared for the case', async () => {
    const created = (await api('researcher').post('/cases', { title: 'Protected witness', status: 'open' }).expect(201)).body.data.id;
    const person = await insertPerson(t.ds, 'Zarema Witness', { protectedIdentity: true, createdById: researcher.id });
    await api('researcher').post(`/cases/${created}/participants`, { personId: person.id, role: 'victim' }).expect(201);
    const mine = await api('researcher').get(`/cases/${created}`).expect(200);
    expect(JSON.stringify(mine.body)).toContain('Zarema Witness');
    for (const role of ['lawyer', 'analyst', 'viewer']) {
      const theirs = await api(role).get(`/cases/${created}`).expect(200);
      expect(JSON.stringify(theirs.body)).not.toContain('Zarema');
      expect(theirs.body.data.victims[0].label).toBe(`Person P-${String(person.id).padStart(4, '0')}`);
      const list = await api(role).get('/cases?q=Protected');
      expect(JSON.stringify(list.body)).not.toContain('Zarema');
    }
    const admin = await api('admin').get(`/cases/${created}`).expect(200);
    expect(JSON.stringify(admin.body)).toContain('Zarema Witness');
  });

  it('refuses to attach a protected person the user is not cleared for, by guessing the id', async () => {
    const hiddenPerson = await insertPerson(t.ds, 'Hidden Person', { protectedIdentity: true });
    const mine = (await api('researcher').post('/cases', { title: 'Guessing', status: 'open' }).expect(201)).body.data.id;
    const res = await api('researcher').post(`/cases/${mine}/participants`, { personId: hiddenPerson.id, role: 'witness' });
    expect(res.status).toBe(422);
  });

  it('keeps a history of each change on the case page', async () => {
    const { agent, csrf } = researcherSession;
    const id = (await api('researcher').post('/cases', { title: 'History', status: 'open' }).expect(201)).body.data.id;
    await agent.post(`/cases/${id}`).type('form').send({ _csrf: csrf, title: 'History, renamed', status: 'monitoring', code: '' }).expect(303);
    const page = await agent.get(`/cases/${id}`);
    expect(page.text).toMatch(/changed the case: [^<]*title/);
    const entries = await t.ds.getRepository(AuditEntry).find({ where: { recordType: 'case', recordId: String(id) }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['case.create', 'case.update']);
    expect(JSON.parse(entries[1].fields)).toEqual(['status', 'title']);
  });

  it('answers 404 for malformed or unknown case ids', async () => {
    const { agent } = researcherSession;
    await agent.get('/cases/abc').expect(404);
    await agent.get('/cases/0').expect(404);
    await api('viewer').get('/cases/123456789').expect(404);
  });

  it('adds participants for existing people', async () => {
    const id = (await api('researcher').post('/cases', { title: 'Participants', status: 'open' }).expect(201)).body.data.id;
    const person = await insertPerson(t.ds, 'Кудаев Расул');
    await insertParticipant(t.ds, id, person.id, 'defendant');
    await api('researcher').post(`/cases/${id}/participants`, { personId: person.id, role: 'victim' }).expect(201);
    await api('researcher').post(`/cases/${id}/participants`, { personId: person.id, role: 'victim' }).expect(409);
    await api('researcher').post(`/cases/${id}/participants`, { personId: person.id, role: 'emperor' }).expect(422);
    const res = await api('viewer').get(`/cases/${id}`).expect(200);
    expect(res.body.data.participants.map((p: { role: string }) => p.role).sort()).toEqual(['defendant', 'victim']);
  });
});
