import fs from 'node:fs';
import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { SavedQuery } from '../../src/search/saved-query.entity';
import { User } from '../../src/users/user.entity';
import { Person } from '../../src/people/person.entity';
import { insertPerson } from '../support/records';

let t: TestApp;
let owner: User;
let other: User;
let ownerSession: Awaited<ReturnType<typeof signIn>>;
let otherSession: Awaited<ReturnType<typeof signIn>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  owner = await makeUser(t.ds, 'analyst');
  other = await makeUser(t.ds, 'researcher');
  ownerSession = await signIn(t.app, owner.email);
  otherSession = await signIn(t.app, other.email);
  tokens.owner = (await createApiToken(t.ds, CLI_ACTOR, owner.id, 't')).token;
  tokens.other = (await createApiToken(t.ds, CLI_ACTOR, other.id, 't')).token;
});
afterAll(() => t.close());

const save = (name: string, query: string, shared = false) =>
  ownerSession.agent.post('/search/saved').type('form').send({ _csrf: ownerSession.csrf, name, query, ...(shared ? { shared: '1' } : {}) });
const idOf = async (name: string) => (await t.ds.getRepository(SavedQuery).findOneByOrFail({ name })).id;

describe('saved searches', () => {
  it('saves the search from the results page and runs it again from its own URL', async () => {
    const page = await ownerSession.agent.get('/search?q=Kudaev&region=chechnya').expect(200);
    expect(page.text).toContain('name="query" value="q=Kudaev&amp;region=chechnya"');
    const res = await save('Kudaev in Chechnya', 'q=Kudaev&region=chechnya');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/search/saved');
    const list = await ownerSession.agent.get('/search/saved').expect(200);
    expect(list.text).toContain('Kudaev in Chechnya');
    const id = await idOf('Kudaev in Chechnya');
    const run = await ownerSession.agent.get(`/search/saved/${id}`).expect(303);
    expect(run.headers.location).toBe('/search?q=Kudaev&region=chechnya');
    const audit = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'saved_query.create', recordId: String(id) });
    expect(audit.actorUserId).toBe(owner.id);
    expect(JSON.stringify(audit)).not.toContain('Kudaev');
  });

  it('stores the query in canonical order and refuses queries search would refuse', async () => {
    await save('Canonical', '?region=chechnya&page=3&q=torture&bogus=1').expect(303);
    expect((await t.ds.getRepository(SavedQuery).findOneByOrFail({ name: 'Canonical' })).query).toBe('q=torture&region=chechnya');
    const empty = await save('Empty', '');
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('before saving the search');
    const bad = await save('Bad', 'from=2006&to=2005');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('before its start');
    const dup = await save('Canonical', 'q=other');
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('already have a saved search with this name');
    const long = await save('x'.repeat(201), 'q=a');
    expect(long.status).toBe(422);
    expect(long.text).toContain('at most 200 characters');
  });

  it("keeps a private search private: another user's private search answers 404 everywhere", async () => {
    await save('Private one', 'q=secret').expect(303);
    const id = await idOf('Private one');
    expect((await otherSession.agent.get('/search/saved').expect(200)).text).not.toContain('Private one');
    await otherSession.agent.get(`/search/saved/${id}`).expect(404);
    await otherSession.agent.post(`/search/saved/${id}/share`).type('form').send({ _csrf: otherSession.csrf }).expect(404);
    await otherSession.agent.post(`/search/saved/${id}/delete`).type('form').send({ _csrf: otherSession.csrf }).expect(404);
    await request(t.app).get(`/api/v1/saved-searches/${id}`).set('Authorization', `Bearer ${tokens.other}`).expect(404);
    await request(t.app).delete(`/api/v1/saved-searches/${id}`).set('Authorization', `Bearer ${tokens.other}`).expect(404);
    await request(t.app).get('/api/v1/saved-searches/abc').set('Authorization', `Bearer ${tokens.other}`).expect(404);
    expect(await t.ds.getRepository(SavedQuery).existsBy({ id })).toBe(true);
  });

  it('shares with the team: others see and run it, but only the owner may unshare or delete it', async () => {
    await save('Team search', 'method=electric_shock', true).expect(303);
    const id = await idOf('Team search');
    const theirs = await otherSession.agent.get('/search/saved').expect(200);
    expect(theirs.text).toContain('Team search');
    expect(theirs.text).toContain(owner.name);
    expect((await otherSession.agent.get(`/search/saved/${id}`).expect(303)).headers.location).toBe('/search?method=electric_shock');
    await otherSession.agent.post(`/search/saved/${id}/unshare`).type('form').send({ _csrf: otherSession.csrf }).expect(403);
    await otherSession.agent.post(`/search/saved/${id}/delete`).type('form').send({ _csrf: otherSession.csrf }).expect(403);
    await request(t.app).patch(`/api/v1/saved-searches/${id}`).set('Authorization', `Bearer ${tokens.other}`).send({ shared: false }).expect(403);

    await ownerSession.agent.post(`/search/saved/${id}/unshare`).type('form').send({ _csrf: ownerSession.csrf }).expect(303);
    await otherSession.agent.get(`/search/saved/${id}`).expect(404);
    await ownerSession.agent.post(`/search/saved/${id}/share`).type('form').send({ _csrf: ownerSession.csrf }).expect(303);
    await otherSession.agent.get(`/search/saved/${id}`).expect(303);
    await ownerSession.agent.post(`/search/saved/${id}/delete`).type('form').send({ _csrf: ownerSession.csrf }).expect(303);
    expect(await t.ds.getRepository(SavedQuery).existsBy({ id })).toBe(false);
    const actions = (await t.ds.getRepository(AuditEntry).findBy({ recordType: 'saved_query', recordId: String(id) })).map((a) => a.action);
    expect(actions).toEqual(['saved_query.create', 'saved_query.update', 'saved_query.update', 'saved_query.delete']);
  });

  it('works through the API: list, create, read, share, delete', async () => {
    const auth = { Authorization: `Bearer ${tokens.owner}` };
    const created = await request(t.app).post('/api/v1/saved-searches').set(auth).send({ name: 'API search', query: 'q=torture&status=open', shared: false }).expect(201);
    expect(created.body.data).toEqual(expect.objectContaining({ name: 'API search', query: 'q=torture&status=open', url: '/search?q=torture&status=open', shared: false, mine: true }));
    const id = created.body.data.id;
    await request(t.app).post('/api/v1/saved-searches').set(auth).send({ name: 'API search', query: 'q=x' }).expect(409);
    const badTerm = await request(t.app).post('/api/v1/saved-searches').set(auth).send({ name: 'Bad', query: 'q=' + 'x'.repeat(300) });
    expect(badTerm.status).toBe(422);
    expect(badTerm.body.error.fields.query).toContain('at most 200 characters');
    expect((await request(t.app).get('/api/v1/saved-searches').set(auth).expect(200)).body.data.map((s: { name: string }) => s.name)).toContain('API search');
    expect((await request(t.app).patch(`/api/v1/saved-searches/${id}`).set(auth).send({ shared: true }).expect(200)).body.data.shared).toBe(true);
    expect((await request(t.app).get(`/api/v1/saved-searches/${id}`).set('Authorization', `Bearer ${tokens.other}`).expect(200)).body.data.mine).toBe(false);
    await request(t.app).delete(`/api/v1/saved-searches/${id}`).set(auth).expect(204);
    await request(t.app).get(`/api/v1/saved-searches/${id}`).set(auth).expect(404);
  });

  it('keeps names exactly as typed and shows them escaped', async () => {
    const strings: string[] = JSON.parse(fs.readFileSync('/work/shared/corpora/strings/blns.json', 'utf8'));
    const hostile = [...new Set(strings.filter((s) => s.trim().length > 0 && [...s].length <= 200 && /[<>"'&]/.test(s)))].slice(0, 40);
    for (const [i, name] of hostile.entries()) {
      const res = await request(t.app).post('/api/v1/saved-searches').set('Authorization', `Bearer ${tokens.owner}`).send({ name, query: `q=naughty${i}` });
      expect([name, res.status]).toEqual([name, 201]);
      expect(res.body.data.name).toBe(name);
    }
    const page = await ownerSession.agent.get('/search/saved').expect(200);
    expect(page.text).not.toContain('<script>alert');
  });

  it('lets every role keep searches, but nobody signed out', async () => {
    for (const role of ['admin', 'researcher', 'lawyer', 'analyst', 'viewer'] as const) {
      const u = await makeUser(t.ds, role);
      const token = (await createApiToken(t.ds, CLI_ACTOR, u.id, 't')).token;
      await request(t.app).post('/api/v1/saved-searches').set('Authorization', `Bearer ${token}`).send({ name: `Mine as ${role}`, query: 'q=torture' }).expect(201);
    }
    await request(t.app).get('/api/v1/saved-searches').expect(401);
  });
});

/**
 * Shared searches carry what was typed (the words and the search's name): they must not carry a
 * protected person's name to colleagues who are not cleared for that person.
 */
describe('shared searches and protected names', () => {
  let cleared: { user: User; session: Awaited<ReturnType<typeof signIn>>; token: string };
  let colleague: { user: User; session: Awaited<ReturnType<typeof signIn>>; token: string };
  let admin: { user: User; session: Awaited<ReturnType<typeof signIn>>; token: string };
  let protectedPerson: Person;
  const REFUSED = 'This search names a person whose identity is protected';
  const HIDDEN = 'Hidden: it names a person whose identity is protected';

  const who = async (role: 'researcher' | 'viewer' | 'admin') => {
    const user = await makeUser(t.ds, role);
    return { user, session: await signIn(t.app, user.email), token: (await createApiToken(t.ds, CLI_ACTOR, user.id, 't')).token };
  };
  const saveAs = (s: { session: Awaited<ReturnType<typeof signIn>> }, name: string, query: string, shared: boolean) =>
    s.session.agent.post('/search/saved').type('form').send({ _csrf: s.session.csrf, name, query, ...(shared ? { shared: '1' } : {}) });
  const apiAs = (s: { token: string }) => ({ Authorization: `Bearer ${s.token}` });

  beforeAll(async () => {
    cleared = await who('researcher');
    colleague = await who('viewer');
    admin = await who('admin');
    // The researcher recorded this person, so is cleared for them; the viewer is not.
    protectedPerson = await insertPerson(t.ds, 'Temirlan Zakayev', { protectedIdentity: true, createdById: cleared.user.id });
  });

  it('refuses to share a search whose words name a protected person, with the message next to the field (page)', async () => {
    const res = await saveAs(cleared, 'Witnesses', 'q=Zakayev+beaten', true);
    expect(res.status).toBe(422);
    expect(res.text).toContain(REFUSED);
    expect(res.text).toMatch(/id="f-shared"/);
    expect(res.text).toContain('href="#f-shared"');
    expect(await t.ds.getRepository(SavedQuery).existsBy({ name: 'Witnesses', userId: cleared.user.id })).toBe(false);
    // Kept private, the same search is saved.
    await saveAs(cleared, 'Witnesses', 'q=Zakayev+beaten', false).expect(303);
  });

  it('recognises the name in any spelling or script, and in the name of the search', async () => {
    for (const [name, query] of [['Cyrillic', 'q=Закаев'], ['Variant', 'q=Zakaev'], ['Zakayev family', 'q=torture'], ['Possessive', "q=Zakayev's"]]) {
      const res = await saveAs(cleared, name, query, true);
      expect([name, res.status]).toEqual([name, 422]);
    }
    await saveAs(cleared, 'Unrelated', 'q=Temirkhanov', true).expect(303);
  });

  it('refuses through the API too, and when sharing a private search later (page and API)', async () => {
    const created = await request(t.app).post('/api/v1/saved-searches').set(apiAs(cleared)).send({ name: 'API Zakayev', query: 'q=Zakayev', shared: true });
    expect(created.status).toBe(422);
    expect(created.body.error.fields.shared).toContain(REFUSED);
    const id = await idOf('Witnesses');
    const share = await cleared.session.agent.post(`/search/saved/${id}/share`).type('form').send({ _csrf: cleared.session.csrf });
    expect(share.status).toBe(422);
    expect(share.text).toContain(REFUSED);
    const patched = await request(t.app).patch(`/api/v1/saved-searches/${id}`).set(apiAs(cleared)).send({ shared: true });
    expect(patched.status).toBe(422);
    expect(patched.body.error.fields.shared).toContain(REFUSED);
    expect((await t.ds.getRepository(SavedQuery).findOneByOrFail({ id })).shared).toBe(false);
  });

  it('hides a shared search whose words name a person protected after it was shared', async () => {
    const later = await insertPerson(t.ds, 'Ibragim Dudurov');
    await saveAs(cleared, 'Dudurov events', 'q=Dudurov&region=chechnya', true).expect(303);
    const id = await idOf('Dudurov events');
    expect((await colleague.session.agent.get('/search/saved').expect(200)).text).toContain('q=Dudurov');
    await t.ds.getRepository(Person).update({ id: later.id }, { protectedIdentity: true });

    const list = await colleague.session.agent.get('/search/saved').expect(200);
    expect(list.text).not.toContain('Dudurov');
    expect(list.text).toContain(HIDDEN);
    const run = await colleague.session.agent.get(`/search/saved/${id}`);
    expect(run.status).toBe(403);
    expect(run.headers.location).toBeUndefined();
    expect(run.text).not.toContain('Dudurov');
    const apiList = await request(t.app).get('/api/v1/saved-searches').set(apiAs(colleague)).expect(200);
    expect(JSON.stringify(apiList.body)).not.toContain('Dudurov');
    expect(apiList.body.data.find((s: { id: number }) => s.id === id)).toEqual(expect.objectContaining({ name: HIDDEN, query: '', mine: false }));
    const apiOne = await request(t.app).get(`/api/v1/saved-searches/${id}`).set(apiAs(colleague));
    expect(apiOne.status).toBe(403);
    expect(JSON.stringify(apiOne.body)).not.toContain('Dudurov');
    const searchPage = await colleague.session.agent.get('/search?q=torture').expect(200);
    expect(searchPage.text).not.toContain('Dudurov');

    // The owner still sees their own words; so does an admin, who is cleared for everyone.
    expect((await cleared.session.agent.get('/search/saved').expect(200)).text).toContain('q=Dudurov');
    expect((await admin.session.agent.get('/search/saved').expect(200)).text).toContain('q=Dudurov');
    expect((await admin.session.agent.get(`/search/saved/${id}`).expect(303)).headers.location).toBe('/search?q=Dudurov&region=chechnya');
  });

  it('shows a shared search naming a protected person to colleagues cleared for that person', async () => {
    // A viewer who shares the name without knowing it is protected is not told so (that would
    // confirm who is protected); colleagues who are not cleared do not see the words.
    const res = await saveAs(colleague, 'Zakayev by the viewer', 'q=Zakayev', true);
    expect(res.status).toBe(303);
    expect((await cleared.session.agent.get('/search/saved').expect(200)).text).toContain('Zakayev by the viewer');
    const another = await who('viewer');
    const list = await another.session.agent.get('/search/saved').expect(200);
    expect(list.text).not.toContain('Zakayev');
    expect(list.text).toContain(HIDDEN);
    expect((await colleague.session.agent.get('/search/saved').expect(200)).text).toContain('Zakayev by the viewer');
  });

  it('checks hostile names and words without a 5xx, and lists them escaped', async () => {
    const strings: string[] = JSON.parse(fs.readFileSync('/work/shared/corpora/strings/blns.json', 'utf8'));
    const hostile = [...new Set(strings.filter((x) => x.trim().length > 0 && [...x].length <= 120))].slice(0, 60);
    for (const [i, text] of hostile.entries()) {
      const res = await request(t.app).post('/api/v1/saved-searches').set(apiAs(cleared)).send({ name: `${i} ${text}`, query: `q=${encodeURIComponent(text.slice(0, 100))}`, shared: true });
      expect([text, res.status < 500]).toEqual([text, true]);
    }
    const list = await colleague.session.agent.get('/search/saved').expect(200);
    expect(list.text).not.toContain('<script>alert');
    await request(t.app).get('/api/v1/saved-searches').set(apiAs(colleague)).expect(200);
  });
});

/** Issue 19 (C): PATCH changes what it names and nothing else; what it cannot change is refused by name. */
describe('partial updates of a saved search (PATCH)', () => {
  let researcher: User;
  let auth: { Authorization: string };
  const patch = (id: number, body: unknown) => request(t.app).patch(`/api/v1/saved-searches/${id}`).set(auth).send(body as object);
  const stored = (id: number) => t.ds.getRepository(SavedQuery).findOneByOrFail({ id });

  beforeAll(async () => {
    researcher = await makeUser(t.ds, 'researcher');
    auth = { Authorization: `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token}` };
    await insertPerson(t.ds, 'Aslanbek Merzhoev', { protectedIdentity: true, createdById: researcher.id });
  });

  const create = async (name: string, query: string, shared: boolean): Promise<number> =>
    (await request(t.app).post('/api/v1/saved-searches').set(auth).send({ name, query, shared }).expect(201)).body.data.id;

  it('changes only the query when only the query is sent, keeping it shared', async () => {
    const id = await create('Partial query', 'q=torture', true);
    const res = await patch(id, { query: 'region=chechnya&q=beating' }).expect(200);
    expect(res.body.data).toEqual(expect.objectContaining({ name: 'Partial query', query: 'q=beating&region=chechnya', shared: true }));
    expect(await stored(id)).toEqual(expect.objectContaining({ name: 'Partial query', query: 'q=beating&region=chechnya', shared: true }));
    const audit = await t.ds.getRepository(AuditEntry).findBy({ action: 'saved_query.update', recordId: String(id) });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain('query');
    expect(JSON.stringify(audit[0])).not.toContain('shared');
  });

  it('changes only the name, or only the sharing, when that alone is sent', async () => {
    const id = await create('Partial name', 'q=detention', false);
    await patch(id, { name: 'Renamed' }).expect(200);
    expect(await stored(id)).toEqual(expect.objectContaining({ name: 'Renamed', query: 'q=detention', shared: false }));
    await patch(id, { shared: true }).expect(200);
    expect(await stored(id)).toEqual(expect.objectContaining({ name: 'Renamed', query: 'q=detention', shared: true }));
    await create('Taken', 'q=x', false);
    const dup = await patch(id, { name: 'Taken' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.name).toBeDefined();
  });

  it('refuses an unknown or read-only field with 422 naming it, and an empty update, changing nothing', async () => {
    const id = await create('Strict', 'q=torture', true);
    for (const [body, field] of [
      [{ qeury: 'q=x' }, 'qeury'],
      [{ query: 'q=x', owner: 'someone' }, 'owner'],
      [{ id: 999 }, 'id'],
      [{ shared: 'yes' }, 'shared'],
      [{ query: 'from=2006&to=2005' }, 'query'],
      [{}, '_form'],
    ] as const) {
      const res = await patch(id, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 422]);
      expect(res.body.error).toEqual(expect.objectContaining({ code: 'validation_failed', message: expect.any(String), id: expect.any(String) }));
      expect(Object.keys(res.body.error.fields)).toContain(field);
      if (field !== '_form' && field !== 'shared' && field !== 'query') expect(res.body.error.fields[field]).toContain(field);
    }
    expect(await stored(id)).toEqual(expect.objectContaining({ name: 'Strict', query: 'q=torture', shared: true }));
  });

  it('keeps the rule on protected names: a shared search may not be changed to name one', async () => {
    const id = await create('Shared, then renamed', 'q=torture', true);
    for (const body of [{ query: 'q=Merzhoev' }, { name: 'Merzhoev family' }, { query: 'q=Merzhoev', shared: true }]) {
      const res = await patch(id, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 422]);
      expect(res.body.error.fields.shared).toContain('This search names a person whose identity is protected');
    }
    expect(await stored(id)).toEqual(expect.objectContaining({ name: 'Shared, then renamed', query: 'q=torture', shared: true }));
    // Private, it may name them; sharing it then is refused.
    await patch(id, { query: 'q=Merzhoev', shared: false }).expect(200);
    expect((await patch(id, { shared: true })).status).toBe(422);
    expect(await stored(id)).toEqual(expect.objectContaining({ query: 'q=Merzhoev', shared: false }));
  });

  it('documents the PATCH body in /api/v1/openapi.json', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').set(auth).expect(200)).body;
    const op = doc.paths['/saved-searches/{id}'].patch;
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema).toEqual(expect.objectContaining({ type: 'object', additionalProperties: false, minProperties: 1 }));
    expect(Object.keys(schema.properties).sort()).toEqual(['name', 'query', 'shared']);
    expect(schema.properties.shared.type).toBe('boolean');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '409', '422']));
  });
});
