import request from 'supertest';
import { TestApp, makeUser, signIn, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * Hostile text stays text: in the timeline picture (SVG built as a string), in file names sent
 * back in Content-Disposition, in CSV cells a spreadsheet would run, in LIKE patterns and in
 * FTS5 queries.
 */
let t: TestApp;
let token: string;
let email: string;
let caseId: number;
const SCRIPT = '</title><script>alert(1)</script><svg onload="alert(2)">&amp;';

beforeAll(async () => {
  t = await startTestApp();
  const researcher = await makeUser(t.ds, 'researcher');
  email = researcher.email;
  token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 't')).token;
  caseId = (await api('post', '/cases').send({ title: `=HYPERLINK("http://evil.example","x") ${SCRIPT}`, status: 'open', summary: '+cmd|" /C calc"!A0' }).expect(201)).body.data.id;
  await api('post', `/cases/${caseId}/events`).send({ type: 'arrest', title: SCRIPT, place: '@SUM(1+1)*cmd|" /C calc"!A0', description: '-2+3', date: { precision: 'day', value: '2005-10-23' } }).expect(201);
  await api('post', '/cases').send({ title: 'Percent 100% and under_score', status: 'open' }).expect(201);
});
afterAll(() => t.close());

function api(method: 'get' | 'post', path: string) {
  return request(t.app)[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
}

describe('injection', () => {
  it('escapes every piece of text in the timeline picture', async () => {
    const { agent } = await signIn(t.app, email);
    const res = await agent.get(`/cases/${caseId}/timeline.svg`).buffer(true).expect(200);
    const svg = res.text ?? String(res.body);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg).not.toMatch(/<script|<svg onload|<\/title><script/i);
    expect(svg).toContain('&lt;script&gt;');
  });

  it('defuses spreadsheet formulas in CSV exports, and keeps the exact text in JSON', async () => {
    for (const kind of ['cases', 'events']) {
      const csv = (await api('get', `/exports/${kind}?format=csv`).expect(200)).text;
      for (const cell of csv.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)|\r?\n/)) {
        const text = cell.replace(/^"|"$/g, '').replace(/^\uFEFF/, '');
        expect([kind, text]).toEqual([kind, expect.not.stringMatching(/^[=+\-@\t\r]/)]);
      }
    }
    const json = (await api('get', '/exports/events?format=json').expect(200)).body;
    expect(json[0].place).toBe('@SUM(1+1)*cmd|" /C calc"!A0');
  });

  it('sends back hostile file names only as safe Content-Disposition values', async () => {
    const names = ['a"b.txt', 'line\r\nX-Injected: 1.txt', '..\\..\\etc\\passwd', '\u202Etxt.exe', 'имя файла.txt', '%0d%0aSet-Cookie: x=1.txt'];
    for (const name of names) {
      const up = await api('post', `/cases/${caseId}/evidence`).field('type', 'other').field('title', 'Named').attach('files', Buffer.from('text\n'), name);
      expect([name, up.status]).toEqual([name, 201]);
      const file = up.body.data.files[0];
      const res = await api('get', file.urls.original).buffer(true).expect(200);
      expect(res.headers['x-injected']).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
      const cd = res.headers['content-disposition'] as string;
      expect([name, cd]).toEqual([name, expect.stringMatching(/^attachment; filename="[\x20-\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/)]);
      expect([name, file.name]).toEqual([name, expect.not.stringMatching(/[\\/\u0000-\u001f\u202e]/)]);
    }
  });

  it('treats % and _ in list filters as the characters themselves', async () => {
    for (const [q, n] of [['%', 1], ['_', 1], ['100%', 1], ['x%y', 0], ['%%%%', 0]] as const) {
      const res = await api('get', `/cases?q=${encodeURIComponent(q)}`).expect(200);
      expect([q, res.body.total]).toEqual([q, n]);
    }
    for (const path of ['/people?q=%25', '/institutions?q=_', '/sources?q=%25']) {
      const res = await api('get', path).expect(200);
      expect([path, res.body.total]).toEqual([path, 0]);
    }
  });

  it('never lets a search query become FTS5 syntax', async () => {
    for (const q of ['"', '"unbalanced', 'NEAR(a b)', 'title:x', 'names:*', '* OR *', 'a AND OR NOT', '^x', '-x', 'x*', '(', ')', "'; DROP TABLE case_record; --", '\u0000', '"a" "b" "']) {
      const res = await api('get', `/search?q=${encodeURIComponent(q)}`);
      expect([q, res.status < 500]).toEqual([q, true]);
    }
    expect((await api('get', '/cases').expect(200)).body.total).toBe(2);
  });
});
