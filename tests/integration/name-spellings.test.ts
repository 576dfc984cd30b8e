import request from 'supertest';
import { Agent, TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { NAME_SPELLINGS } from '../support/name-spellings';

/**
 * The spelling table through the app: one person recorded under each spelling of each surname;
 * searching any spelling — on the search page, in the search API and in the person picker
 * (GET /api/v1/people?q=, what public/js/pickers.js asks) — finds every person of its row and no
 * one of another row.
 */
let t: TestApp;
let auth: string;
let page: Agent;
const idsOf = new Map<string, number>();

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher');
  auth = `Bearer ${(await createApiToken(t.ds, CLI_ACTOR, researcher.id, 'spellings')).token}`;
  for (const spelling of NAME_SPELLINGS.flat()) {
    const res = await request(t.app).post('/api/v1/people').set('Authorization', auth).send({ names: [{ name: spelling }], createAnyway: true }).expect(201);
    idsOf.set(spelling, res.body.data.id);
  }
  page = (await signIn(t.app, researcher.email)).agent;
}, 120_000);
afterAll(() => t.close());

const sorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

describe.each(NAME_SPELLINGS.map((row) => [row[0], row]))('%s', (_name, row) => {
  const spellings = row as readonly string[];
  const expected = () => sorted(spellings.map((s) => idsOf.get(s)!));

  it.each(spellings.map((s) => [s]))('%s finds every spelling of its row in search, on the page and in the picker', async (q) => {
    const api = await request(t.app).get('/api/v1/search').query({ q, kind: 'person' }).set('Authorization', auth).expect(200);
    expect(sorted(api.body.data.map((h: { id: number }) => h.id))).toEqual(expected());

    const html = await page.get('/search').query({ q, kind: 'person' }).expect(200);
    expect(sorted([...html.text.matchAll(/class="hit-title" href="\/people\/(\d+)"/g)].map((m) => Number(m[1])))).toEqual(expected());

    const picker = await request(t.app).get('/api/v1/people').query({ q, limit: 50 }).set('Authorization', auth).expect(200);
    expect(sorted(picker.body.data.map((p: { id: number }) => p.id))).toEqual(expected());
  });
});
