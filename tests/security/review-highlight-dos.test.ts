import request from 'supertest';
import { TestApp, startTestApp } from '../support/app';
import { everyRole } from '../support/roles';
import { CaseRecord } from '../../src/cases/case.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';

/**
 * Review of fc7d35b (JavaScript highlighter). snippetText (src/search/highlight.ts) scores a
 * window per hit by filtering every hit again: O(hits²). An evidence item's indexed body holds
 * its files' whole extracted text (up to 5 MiB of plain text, 5 million characters of PDF), so
 * one uploaded text that repeats a word makes every search for that word block the only thread:
 * 50,000 repeats take seconds, a 5 MiB file (about a million repeats) about half an hour. Before
 * the commit FTS5's snippet() did this in C in linear time.
 */
let t: TestApp;
let who: Awaited<ReturnType<typeof everyRole>>;
let caseId: number;

beforeAll(async () => {
  t = await startTestApp();
  who = await everyRole(t.app, t.ds);
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2019-0777', title: 'Transcript case', status: 'open', restricted: false, createdById: who.users.admin.id })).id;
  // 200,000 repeats of one word (2 MB): the quadratic window choice took about 3 minutes here.
  const text = Buffer.from('wolverine '.repeat(200_000));
  const res = await request(t.app)
    .post(`/api/v1/cases/${caseId}/evidence`)
    .set('Authorization', `Bearer ${who.tokens.researcher}`)
    .field('type', 'other')
    .field('title', 'Hearing transcript')
    .attach('files', text, 'transcript.txt');
  expect(res.status).toBe(201);
  await evidenceJobsIdle(t.ds);
});
afterAll(async () => {
  await evidenceJobsIdle(t.ds);
  await t.close();
});

describe('review: highlighting a long extracted text', () => {
  // No timed assertion (benchmarks measure speed): the test's time limit catches a quadratic
  // snippet again; a linear one answers in milliseconds.
  it('answers a search for a word repeated 200,000 times in an evidence text, with a short marked snippet (viewer)', async () => {
    const res = await request(t.app).get('/api/v1/search').query({ q: 'wolverine' }).set('Authorization', `Bearer ${who.tokens.viewer}`);
    expect(res.status).toBe(200);
    const hit = res.body.data.find((h: { kind: string }) => h.kind === 'evidence');
    expect(hit).toBeDefined();
    expect(hit.snippetSegments.filter((s: { hit: boolean }) => s.hit).length).toBeGreaterThan(5);
    expect(hit.snippet.length).toBeLessThan(400);
  }, 30_000);
});
