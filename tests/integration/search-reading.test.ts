import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { DemoWriter } from '../../src/demo/demo-writer';
import { rawDb } from '../../src/search/sqlite';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { latinize, matchKey } from '../../src/people/transliterate';

/**
 * Issue 15: a word found only in an institution's type label (its text: type, region, town)
 * ranks below the same word in a case's or a person's title or text, so that cases are not buried
 * under dozens of institutions of one type; an institution named by the word still comes first.
 */
let t: TestApp;
let token: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  const w = new DemoWriter(rawDb(t.ds));
  // Thirty pre-trial detention centres: "detention" is in each one's type label, never in its name.
  for (let i = 1; i <= 30; i++) {
    const name = `SIZO-${i} Vologda`;
    w.insert('institution', { name, name_latin: latinize(name), match_key: matchKey(name), type: 'pretrial_detention_centre' });
  }
  ids.named = w.insert('institution', { name: 'Detention Centre No. 2 Grozny', name_latin: latinize('Detention Centre No. 2 Grozny'), match_key: matchKey('Detention Centre No. 2 Grozny'), type: 'police_unit' });
  // A case that tells of a detention in its long summary, and one with it in its title.
  ids.text = w.insert('case_record', {
    code: 'RU-2010-0001',
    title: 'Beatings in Vedeno',
    summary: 'Several men were held for three days, questioned at night without a lawyer and beaten; the detention was never recorded and the families were told nothing for a week.',
    status: 'open',
    region: 'chechnya',
    restricted: 0,
  });
  ids.title = w.insert('case_record', { code: 'RU-2010-0002', title: 'Mass detention in Argun', summary: 'Around forty people.', status: 'open', region: 'chechnya', restricted: 0 });
  token = (await createApiToken(t.ds, CLI_ACTOR, (await makeUser(t.ds, 'analyst')).id, 't')).token;
});
afterAll(() => t.close());

it("ranks an institution found only by its type label below cases found by their title or text, and one named by the word above them", async () => {
  const res = await request(t.app).get('/api/v1/search').query({ q: 'detention' }).set('Authorization', `Bearer ${token}`).expect(200);
  const order = (res.body.data as { kind: string; id: number }[]).map((h) => `${h.kind}:${h.id}`);
  const at = (key: string) => order.indexOf(key);
  expect(at(`case:${ids.title}`)).toBeGreaterThanOrEqual(0);
  expect(at(`case:${ids.text}`)).toBeGreaterThanOrEqual(0);
  // Named by the word: ranks with the titles.
  expect(at(`institution:${ids.named}`)).toBeLessThan(at(`case:${ids.text}`));
  // Every institution on the page that is not named by the word comes after both cases.
  const typeOnly = (res.body.data as { kind: string; id: number }[]).filter((h) => h.kind === 'institution' && h.id !== ids.named);
  expect(typeOnly.length).toBeGreaterThan(0);
  for (const h of typeOnly) expect(at(`institution:${h.id}`)).toBeGreaterThan(at(`case:${ids.text}`));
});
