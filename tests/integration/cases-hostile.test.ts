import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { BLNS, BLNS_NON_BLANK, escapeHtml } from '../support/blns';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { CaseRecord } from '../../src/cases/case.entity';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'researcher')).id, 't')).token;
});
afterAll(() => t.close());

describe('hostile text in cases', () => {
  it('round-trips every naughty string exactly through the API in the title, summary and group description', async () => {
    // One case per string in the summary (optional: "" means not recorded) and title (required: non-blank strings).
    for (let i = 0; i < BLNS.length; i++) {
      const s = BLNS[i];
      const title = BLNS_NON_BLANK[i % BLNS_NON_BLANK.length];
      const res = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send({ title, summary: s, groupDescription: s, status: 'open' });
      expect([i, res.status]).toEqual([i, 201]);
      const stored = await t.ds.getRepository(CaseRecord).findOneByOrFail({ id: res.body.data.id });
      expect([i, stored.title]).toEqual([i, title]);
      expect([i, stored.summary]).toEqual([i, s === '' ? null : s]);
      const back = await request(t.app).get(`/api/v1/cases/${stored.id}`).set('Authorization', `Bearer ${token}`).expect(200);
      expect([i, back.body.data.summary]).toEqual([i, s === '' ? null : s]);
    }
    // 515 strings, three requests each: allow for a loaded CI machine.
  }, 300_000);

  it('shows naughty strings escaped on the case page and in the list, through the form', async () => {
    const user = await makeUser(t.ds, 'researcher');
    const { agent, csrf } = await signIn(t.app, user.email);
    const samples = BLNS_NON_BLANK.filter((s) => /[<>&"']/.test(s)).slice(0, 40);
    expect(samples.length).toBeGreaterThan(10);
    for (const s of samples) {
      const res = await agent.post('/cases').type('form').send({ _csrf: csrf, title: s, summary: s, status: 'open' });
      expect(res.status).toBe(303);
      const page = await agent.get(res.headers.location).expect(200);
      expect(page.text).toContain(escapeHtml(s));
      // A raw tag from the input never reaches the page as markup.
      if (/<script/i.test(s)) expect(page.text).not.toContain(s);
    }
  });

  it('refuses over-long fields with a message, and never answers 5xx to junk', async () => {
    const api = (body: object) => request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send(body);
    const long = await api({ title: 'x'.repeat(501), status: 'open' });
    expect(long.status).toBe(422);
    expect(long.body.error.fields.title).toMatch(/at most 500 characters/);
    // Characters, not bytes: 500 Cyrillic letters are fine.
    await api({ title: 'Ж'.repeat(500), status: 'open' }).expect(201);
    for (const body of [{ title: ['a'], status: 'open' }, { title: { $gt: '' }, status: 'open' }, { title: 'ok', status: 5 }, { title: 'ok', status: 'open', groupCount: 'many' }, { title: 'ok', status: 'open', tags: [{}] }, null, [], 'text']) {
      const res = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(JSON.stringify(body));
      expect([JSON.stringify(body), res.status >= 400 && res.status < 500]).toEqual([JSON.stringify(body), true]);
    }
  });
});
