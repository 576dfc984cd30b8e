import request from 'supertest';
import { signIn, Agent } from '../support/app';
import { Fixture, SECRET, buildFixture } from './fixture';

/**
 * A restricted case exists only for its members and admins: every page, form, file, API route,
 * list, count, export and report answers a non-member exactly as for a case that does not exist.
 */
let f: Fixture;
const sessions: Record<string, { agent: Agent; csrf: string }> = {};
const NON_MEMBERS = ['outsider', 'lawyer', 'analyst', 'viewer'] as const;

beforeAll(async () => {
  f = await buildFixture();
  for (const role of [...NON_MEMBERS, 'member', 'admin'] as const) sessions[role] = await signIn(f.t.app, f.users[role].email);
});
afterAll(() => f.t.close());

/** Every GET page under a case, with the ids of the fixture's sub-records. */
function casePages(c: number): string[] {
  const i = f.ids;
  const file = `/cases/${c}/evidence/${i.item}/files/${i.file}`;
  return [
    `/cases/${c}`,
    `/cases/${c}/edit`,
    `/cases/${c}/timeline.svg`,
    `/cases/${c}/events/new`,
    `/cases/${c}/events/${i.event}`,
    `/cases/${c}/events/${i.event}/edit`,
    `/cases/${c}/events/${i.event}/delete`,
    `/cases/${c}/allegations/new`,
    `/cases/${c}/allegations/${i.allegation}`,
    `/cases/${c}/allegations/${i.allegation}/edit`,
    `/cases/${c}/allegations/${i.allegation}/delete`,
    `/cases/${c}/statements/new`,
    `/cases/${c}/statements/${i.statement}/edit`,
    `/cases/${c}/complaints/new`,
    `/cases/${c}/complaints/${i.complaint}/edit`,
    `/cases/${c}/complaints/${i.complaint}/responses/new`,
    `/cases/${c}/complaints/${i.complaint}/responses/${i.response}/edit`,
    `/cases/${c}/proceedings/new`,
    `/cases/${c}/proceedings/${i.proceeding}/edit`,
    `/cases/${c}/proceedings/${i.proceeding}/stages/new`,
    `/cases/${c}/proceedings/${i.proceeding}/stages/${i.stage}/edit`,
    `/cases/${c}/citations/new`,
    `/cases/${c}/evidence`,
    `/cases/${c}/evidence/new`,
    `/cases/${c}/evidence/bundle`,
    `/cases/${c}/evidence/${i.item}`,
    `/cases/${c}/evidence/${i.item}/edit`,
    `${file}/original`,
    `${file}/view`,
    `${file}/preview`,
    `${file}/thumbnail`,
    `/cases/${c}/medical-evaluations/new`,
    `/cases/${c}/medical-evaluations/${i.evaluation}`,
    `/cases/${c}/dossier`,
    `/cases/${c}/dossier.pdf`,
  ];
}

function caseApiReads(c: number): string[] {
  const i = f.ids;
  const file = `/cases/${c}/evidence/${i.item}/files/${i.file}`;
  return [
    `/cases/${c}`,
    `/cases/${c}/events`,
    `/cases/${c}/events/${i.event}`,
    `/cases/${c}/allegations`,
    `/cases/${c}/allegations/${i.allegation}`,
    `/cases/${c}/statements`,
    `/cases/${c}/statements/${i.statement}`,
    `/cases/${c}/complaints`,
    `/cases/${c}/complaints/${i.complaint}`,
    `/cases/${c}/complaints/${i.complaint}/responses`,
    `/cases/${c}/complaints/${i.complaint}/responses/${i.response}`,
    `/cases/${c}/proceedings`,
    `/cases/${c}/proceedings/${i.proceeding}`,
    `/cases/${c}/proceedings/${i.proceeding}/stages`,
    `/cases/${c}/proceedings/${i.proceeding}/stages/${i.stage}`,
    `/cases/${c}/citations`,
    `/cases/${c}/citations/${i.citation}`,
    `/cases/${c}/evidence`,
    `/cases/${c}/evidence/bundle`,
    `/cases/${c}/evidence/${i.item}`,
    `${file}/original`,
    `${file}/view`,
    `${file}/thumbnail`,
    `/cases/${c}/medical-evaluations`,
  ];
}

function caseApiWrites(c: number): [string, string][] {
  const i = f.ids;
  return [
    ['patch', `/cases/${c}`],
    ['post', `/cases/${c}/participants`],
    ['post', `/cases/${c}/links`],
    ['post', `/cases/${c}/events`],
    ['patch', `/cases/${c}/events/${i.event}`],
    ['delete', `/cases/${c}/events/${i.event}`],
    ['post', `/cases/${c}/allegations`],
    ['patch', `/cases/${c}/allegations/${i.allegation}`],
    ['delete', `/cases/${c}/allegations/${i.allegation}`],
    ['post', `/cases/${c}/statements`],
    ['patch', `/cases/${c}/statements/${i.statement}`],
    ['delete', `/cases/${c}/statements/${i.statement}`],
    ['post', `/cases/${c}/complaints`],
    ['patch', `/cases/${c}/complaints/${i.complaint}`],
    ['delete', `/cases/${c}/complaints/${i.complaint}/responses/${i.response}`],
    ['post', `/cases/${c}/proceedings/${i.proceeding}/stages`],
    ['delete', `/cases/${c}/proceedings/${i.proceeding}`],
    ['post', `/cases/${c}/citations`],
    ['patch', `/cases/${c}/citations/${i.citation}`],
    ['delete', `/cases/${c}/citations/${i.citation}`],
    ['patch', `/cases/${c}/evidence/${i.item}`],
    ['post', `/cases/${c}/medical-evaluations`],
  ];
}

function casePagePosts(c: number): string[] {
  const i = f.ids;
  return [
    `/cases/${c}`,
    `/cases/${c}/participants`,
    `/cases/${c}/participants/1/delete`,
    `/cases/${c}/links`,
    `/cases/${c}/links/1/delete`,
    `/cases/${c}/members`,
    `/cases/${c}/members/1/delete`,
    `/cases/${c}/events`,
    `/cases/${c}/events/${i.event}`,
    `/cases/${c}/events/${i.event}/delete`,
    `/cases/${c}/allegations`,
    `/cases/${c}/allegations/${i.allegation}/delete`,
    `/cases/${c}/statements/${i.statement}/delete`,
    `/cases/${c}/complaints/${i.complaint}/delete`,
    `/cases/${c}/proceedings/${i.proceeding}/stages/${i.stage}/delete`,
    `/cases/${c}/citations`,
    `/cases/${c}/citations/${i.citation}/delete`,
    `/cases/${c}/evidence/${i.item}`,
    `/cases/${c}/evidence/${i.item}/links`,
    `/cases/${c}/evidence/${i.item}/custody`,
    `/cases/${c}/evidence/${i.item}/annotations`,
    `/cases/${c}/medical-evaluations`,
    `/cases/${c}/medical-evaluations/${i.evaluation}/findings`,
  ];
}

/** The answer for a case id nobody has: what a non-member must get for the restricted one. */
const MISSING = 987654;

describe('a restricted case answers 404 to non-members everywhere', () => {
  it('on every page and form under the case, exactly like a case that does not exist', async () => {
    for (const role of NON_MEMBERS) {
      const { agent } = sessions[role];
      for (const [path, missing] of casePages(f.ids.case).map((p, n) => [p, casePages(MISSING)[n]] as const)) {
        const res = await agent.get(path);
        const none = await agent.get(missing);
        expect([role, path, res.status]).toEqual([role, path, 404]);
        expect([role, path, res.text.replace(/[0-9a-f]{12}/g, '')]).toEqual([role, path, none.text.replace(/[0-9a-f]{12}/g, '')]);
      }
    }
  });

  it('on every API read, with the same JSON error as a missing case', async () => {
    for (const role of NON_MEMBERS) {
      for (const [path, missing] of caseApiReads(f.ids.case).map((p, n) => [p, caseApiReads(MISSING)[n]] as const)) {
        const res = await request(f.t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens[role]}`);
        const none = await request(f.t.app).get(`/api/v1${missing}`).set('Authorization', `Bearer ${f.tokens[role]}`);
        expect([role, path, res.status]).toEqual([role, path, 404]);
        expect([role, path, res.body.error.message]).toEqual([role, path, none.body.error.message]);
      }
    }
  });

  it('on every API write (as for a missing case, never 403: a 403 would confirm the case exists)', async () => {
    const call = (role: string, method: string, path: string) => (request(f.t.app) as unknown as Record<string, (p: string) => request.Test>)[method](`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens[role]}`).send({});
    for (const role of NON_MEMBERS) {
      for (const [[method, path], [, missing]] of caseApiWrites(f.ids.case).map((w, n) => [w, caseApiWrites(MISSING)[n]] as const)) {
        const res = await call(role, method, path);
        const none = await call(role, method, missing);
        expect([role, method, path, res.status]).toEqual([role, method, path, none.status]);
        expect([role, method, path, res.status === 404 || res.status === 422]).toEqual([role, method, path, true]);
      }
    }
  });

  it('on every page form post', async () => {
    for (const role of NON_MEMBERS) {
      const { agent, csrf } = sessions[role];
      for (const path of casePagePosts(f.ids.case)) {
        const res = await agent.post(path).type('form').send({ _csrf: csrf });
        expect([role, path, res.status]).toEqual([role, path, 404]);
      }
    }
  });

  it('while members and admins read all of it', async () => {
    for (const role of ['member', 'admin'] as const) {
      for (const path of casePages(f.ids.case).filter((p) => !/preview|thumbnail|bundle/.test(p))) {
        const res = await sessions[role].agent.get(path);
        expect([role, path, [200, 303].includes(res.status)]).toEqual([role, path, true]);
      }
    }
  });

  it('sub-records are checked against the case in the URL', async () => {
    const { agent } = sessions.admin;
    for (const [path, missing] of casePages(f.ids.openCase).filter((p) => /\/(events|allegations|statements|complaints|proceedings|evidence|medical-evaluations)\/\d/.test(p)).map((p) => [p, p] as const)) {
      const res = await agent.get(missing);
      expect([path, res.status]).toEqual([path, 404]);
    }
    for (const path of caseApiReads(f.ids.openCase).filter((p) => /\/(events|allegations|statements|complaints|proceedings|citations|evidence)\/\d/.test(p))) {
      const res = await request(f.t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens.admin}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('never appears in lists, counts, institution, person or source pages, exports, reports or search', async () => {
    const pages = ['/', '/cases', `/institutions/${f.ids.institution}`, `/people/${f.ids.person}`, `/sources/${f.ids.source}`, '/reports', '/search?q=zebrafinch', '/search?status=open'];
    const apis = ['/cases', `/institutions/${f.ids.institution}`, `/people/${f.ids.person}`, `/sources/${f.ids.source}`, '/reports', '/search?q=zebrafinch&include=facets', '/search?status=open&include=facets'];
    for (const role of NON_MEMBERS) {
      for (const path of pages) {
        const res = await sessions[role].agent.get(path);
        expect([role, path, res.status < 500]).toEqual([role, path, true]);
        expect([role, path, res.text.includes(SECRET) || res.text.includes(f.ids.code)]).toEqual([role, path, false]);
      }
      for (const path of apis) {
        const res = await request(f.t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${f.tokens[role]}`);
        expect([role, path, JSON.stringify(res.body).includes(SECRET) || JSON.stringify(res.body).includes(f.ids.code)]).toEqual([role, path, false]);
      }
      if (role !== 'viewer') {
        for (const kind of ['cases', 'events', 'allegations', 'complaints']) {
          for (const format of ['csv', 'json']) {
            const res = await request(f.t.app).get(`/api/v1/exports/${kind}?format=${format}`).set('Authorization', `Bearer ${f.tokens[role]}`);
            expect([role, kind, res.status]).toEqual([role, kind, 200]);
            expect([role, kind, res.text.includes(SECRET)]).toEqual([role, kind, false]);
          }
        }
      }
      const list = await request(f.t.app).get('/api/v1/cases').set('Authorization', `Bearer ${f.tokens[role]}`);
      expect([role, list.body.total]).toEqual([role, 1]);
    }
    const adminList = await request(f.t.app).get('/api/v1/cases').set('Authorization', `Bearer ${f.tokens.admin}`);
    expect(adminList.body.total).toBe(2);
  });
});
