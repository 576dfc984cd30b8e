import path from 'node:path';
import request from 'supertest';
import { TestApp, signIn, startTestApp, Agent } from '../support/app';
import { buildRussianCase, RussianCase } from '../support/russian-case';
import { flatten, latinWords, pageTemplates, visibleText } from '../support/i18n-pages';
import { missingKeys } from '../../src/i18n/i18n';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';

/**
 * Issue 12, "done when": every page template rendered in Russian, failing on English left in a
 * Russian page (a phrase of the English catalogue, or any Latin word not on the short list of
 * format and product names) and on catalogue keys asked for that no catalogue has.
 *
 * The pages are reached the way a user reaches them: signed in as an admin whose language is
 * Russian, following every link from the start page (one page per address pattern), plus the
 * pages only a form or an error leads to.
 */

/** Templates whose words are not in the catalogues yet: rendered, but not yet checked for English. */
const PENDING = new Set<string>([
  // exports, dossier, manifest (helper "exports")
  'dossier/show',
  'evidence/manifest',
  'exports/index',

  // cases, events, allegations, statements (helper "casea")
  'cases/form',
  'cases/list',
  'cases/show',
  'events/delete',
  'events/form',
  'allegations/delete',
  'allegations/form',
  'statements/form',
  'statements/retraction-form',

  // complaints, investigations, proceedings, reports (helper "caseb")
  'complaints/form',
  'complaints/response-form',
  'investigations/decision-form',
  'investigations/form',
  'proceedings/form',
  'proceedings/stage-form',
  'reports/index',

  // admin, sign-in, home, evidence (helper "admin")
  'admin/audit',
  'admin/index',
  'admin/tokens',
  'admin/user-edit',
  'admin/user-new',
  'admin/users',
  'auth/login',
  'home',
  'evidence/edit',
  'evidence/integrity',
  'evidence/list',
  'evidence/medical-form',
  'evidence/medical-show',
  'evidence/show',
  'evidence/upload',
]);

const VIEWS = path.resolve(__dirname, '../../views');
const SKIP = /^\/(?:static|logout|language|api)\b|\.(?:pdf|csv|zip|json|jsonl|xlsx|jpg|png|svg|txt)(?:$|\?)|\/(?:download|files|derived|thumbnail|preview|original|bundle)\b/;

let t: TestApp;
let fixture: RussianCase;
let agent: Agent;
let csrf: string;
let rendering: string[] = [];
const rendered = new Set<string>();
/** template -> English words or phrases found on it, with the address. */
const problems: Record<string, string[]> = {};

const englishPhrases = (() => {
  const e = flatten(en as Record<string, unknown>);
  const r = flatten(ru as Record<string, unknown>);
  return Object.entries(e)
    .filter(([k, v]) => r[k] !== v)
    .map(([, v]) => v.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\$t\([^)]*\)/g, ' '))
    .flatMap((v) => v.split(/[.:;!?()“”«»]+/))
    .map((v) => v.trim())
    .filter((v) => v.split(/\s+/).length >= 2 && /[a-z]/.test(v));
})();

beforeAll(async () => {
  t = await startTestApp();
  fixture = await buildRussianCase(t);
  const original = t.app.render.bind(t.app);
  t.app.render = ((name: string, options: object, callback: (err: Error | null, html?: string) => void) => {
    rendering.push(name);
    rendered.add(name);
    return original(name, options, callback);
  }) as typeof t.app.render;
  ({ agent, csrf } = await signIn(t.app, fixture.admin.email));
}, 120_000);
afterAll(() => t.close());

function check(address: string, html: string): void {
  if (!/<html lang="ru">/.test(html)) (problems[rendering.join('+') || address] ??= []).push(`${address}: <html> is not lang="ru"`);
  const text = visibleText(html);
  const templates = rendering.filter((n) => !PENDING.has(n));
  if (!templates.length) return;
  const found = [...latinWords(text), ...englishPhrases.filter((p) => text.includes(p)).map((p) => `“${p}”`)];
  if (found.length) (problems[`${templates.join('+')} (${address})`] ??= []).push(...new Set(found));
}

async function visit(address: string): Promise<string | null> {
  rendering = [];
  const res = await agent.get(address).set('Accept-Language', 'en');
  if (res.status >= 300 && res.status < 400) return null;
  if (!String(res.headers['content-type']).startsWith('text/html')) return null;
  check(address, res.text);
  return res.text;
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"#]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).filter((h) => h.startsWith('/') && !h.startsWith('//'));
}

describe('every page in Russian', () => {
  it('walks every page from the start page and the pages forms and errors lead to', async () => {
    const seen = new Map<string, number>();
    const queue = ['/', '/admin', `/cases/${fixture.ids.case}`, '/trash', `/people/${fixture.ids.codefendant}/merge`];
    const visited = new Set<string>();
    while (queue.length && visited.size < 350) {
      const address = queue.shift()!;
      const url = new URL(address, 'http://casebook.test');
      if (SKIP.test(url.pathname) || SKIP.test(address)) continue;
      const pattern = url.pathname.replace(/\/\d+/g, '/:n');
      const shape = `${pattern}?${[...url.searchParams.keys()].sort().join('&')}`;
      if (visited.has(shape)) continue;
      if ((seen.get(pattern) ?? 0) >= 3) continue;
      seen.set(pattern, (seen.get(pattern) ?? 0) + 1);
      visited.add(shape);
      const html = await visit(address);
      if (html) queue.push(...linksOf(html));
    }

    // Pages only an error or a refused form shows.
    await visit('/cases/99999999');
    await visit(`/cases/${fixture.ids.case}/events/${fixture.ids.trashedEvent}/edit`);
    for (const [action, body] of [
      ['/cases', {}],
      ['/people', {}],
      ['/institutions', {}],
      [`/cases/${fixture.ids.case}/events`, {}],
    ] as const) {
      rendering = [];
      const res = await agent.post(action).type('form').set('Accept-Language', 'en').send({ _csrf: csrf, ...body });
      if (res.status === 422) check(`POST ${action}`, res.text);
    }
    rendering = [];
    const login = await request(t.app).get('/login').set('Accept-Language', 'ru');
    check('/login (signed out)', login.text);

    const templates = pageTemplates(VIEWS);
    expect(templates.filter((name) => !rendered.has(name) && name !== 'evidence/manifest')).toEqual([]);
    expect(problems).toEqual({});
    expect(missingKeys()).toEqual([]);
  }, 300_000);
});
