import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { DemoWriter } from '../../src/demo/demo-writer';
import { rawDb } from '../../src/search/sqlite';
import { PAGE_SIZE } from '../../src/search/search.service';

/**
 * The ranked plan first ranks the best matches without per-row checks and checks only those
 * (search.service bestVisibleFirst). Whatever the share of hidden matches, a user must get
 * exactly what checking every match gives: here the best-ranked matches all sit in a restricted
 * case (the word in their titles), the visible ones rank below them.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const visibleIds: number[] = [];
const hiddenIds: number[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const member = await makeUser(t.ds, 'researcher');
  const viewer = await makeUser(t.ds, 'viewer');
  tokens.member = (await createApiToken(t.ds, CLI_ACTOR, member.id, 't')).token;
  tokens.viewer = (await createApiToken(t.ds, CLI_ACTOR, viewer.id, 't')).token;
  const w = new DemoWriter(rawDb(t.ds));
  const created = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${tokens.member}`).send({ title: 'Closed file', status: 'open', restricted: true }).expect(201);
  const open = w.insert('case_record', { code: 'RU-2018-0042', title: 'Open file', status: 'open', restricted: 0 });
  const date = DemoWriter.date('date', { precision: 'day', start: '2019-05-01', end: '2019-05-01' });
  // 45 hidden events named by the word (title: weighted 8), 25 visible ones mentioning it in text.
  for (let i = 0; i < 45; i++) hiddenIds.push(w.insert('case_event', { case_id: created.body.data.id, type: 'arrest', title: `Quetzal raid ${i}`, ...date }));
  for (let i = 0; i < 25; i++) visibleIds.push(w.insert('case_event', { case_id: open, type: 'arrest', description: `Seen near the quetzal market, account ${i} of a long and careful statement.`, ...date }));
  // 60 events alike word for word: one score for all, so only the tie-break (newest first) orders them.
  for (let i = 0; i < 60; i++) tiedIds.push(w.insert('case_event', { case_id: open, type: 'arrest', description: 'Taken to the zanzibar yard at night.', ...date }));
});
const tiedIds: number[] = [];
afterAll(() => t.close());

const page = async (role: string, n: number) =>
  (await request(t.app).get('/api/v1/search').query({ q: 'quetzal', page: String(n) }).set('Authorization', `Bearer ${tokens[role]}`).expect(200)).body as {
    data: { kind: string; id: number }[];
    total: number;
  };

describe('ranked search when the best matches are hidden', () => {
  it('gives a non-member every visible match once, with the exact total, over both pages', async () => {
    const first = await page('viewer', 1);
    const second = await page('viewer', 2);
    expect(first.total).toBe(25);
    expect(first.data).toHaveLength(PAGE_SIZE);
    expect(second.data).toHaveLength(25 - PAGE_SIZE);
    const seen = [...first.data, ...second.data].map((h) => h.id);
    expect(new Set(seen)).toEqual(new Set(visibleIds));
    expect(seen.some((id) => hiddenIds.includes(id))).toBe(false);
  });

  it('gives the member the hidden matches first (they rank higher) and counts all of them', async () => {
    const first = await page('member', 1);
    expect(first.total).toBe(70);
    expect(first.data.every((h) => hiddenIds.includes(h.id))).toBe(true);
    const fourth = await page('member', 4);
    expect(fourth.data.map((h) => h.id).every((id) => visibleIds.includes(id))).toBe(true);
  });
});

describe('ranked search among matches of equal score', () => {
  it('orders them newest first over every page, each exactly once, as the full ranking does', async () => {
    const pages = [];
    for (const n of [1, 2, 3]) {
      pages.push((await request(t.app).get('/api/v1/search').query({ q: 'zanzibar', page: String(n) }).set('Authorization', `Bearer ${tokens.viewer}`).expect(200)).body as { data: { id: number }[]; total: number });
    }
    expect(pages.map((p) => p.total)).toEqual([60, 60, 60]);
    expect(pages.flatMap((p) => p.data.map((h) => h.id))).toEqual([...tiedIds].sort((a, b) => b - a));
  });
});
