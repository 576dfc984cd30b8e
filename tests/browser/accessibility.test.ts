/**
 * Issue 15: an accessibility check of the main pages in a real browser. axe-core (served from
 * node_modules into the page by the test, never by the app) runs on each page in English and
 * Russian, at a laptop's 1280 px and a phone's 390 px; a serious or critical violation fails the
 * test, naming the page, the rule and the elements. The pages are also walked by keyboard: every
 * focused element shows a focus ring.
 */
import { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, TestApp, startTestApp } from '../support/app';
import { launchBrowser, listen } from '../support/browser';
import { buildRussianCase, RussianCase } from '../support/russian-case';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import ru from '../../locales/ru.json';

jest.setTimeout(300_000);

const AXE = require.resolve('axe-core/axe.min.js');

let t: TestApp;
let fixture: RussianCase;
let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  t = await startTestApp();
  fixture = await buildRussianCase(t);
  server = await listen(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (t) await evidenceJobsIdle(t.ds);
  await t?.close();
});

function mainPages(): [string, string][] {
  const ids = fixture.ids;
  return [
    ['home', '/'],
    ['case list', '/cases'],
    ['case page', `/cases/${ids.case}`],
    ['person', `/people/${ids.victim}`],
    ['institution', `/institutions/${ids.police}`],
    ['evidence item', `/cases/${ids.case}/evidence/${ids.photo}`],
    ['search', '/search?q=%D0%9A%D1%83%D0%B4%D0%B0%D0%B5%D0%B2'],
    ['reports', '/reports'],
    ['exports', '/exports'],
    ['imports', '/imports'],
    ['account', '/account'],
    ['admin users', '/admin/users'],
    ['dossier', `/cases/${ids.case}/dossier`],
  ];
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  // The page's Content-Security-Policy allows only Casebook's own scripts; the test's axe-core is let in this way.
  const context = await browser.newContext({ locale: 'ru-RU', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.url + '/login');
  await page.getByLabel(ru.auth.email).fill(fixture.admin.email);
  await page.getByLabel(ru.auth.password).fill(PASSWORD);
  await page.getByRole('button', { name: ru.auth.submit }).click();
  await page.waitForURL(server.url + '/');
  return { context, page };
}

describe('accessibility of the main pages (axe-core)', () => {
  it('finds no serious or critical violation in Russian and English, at 1280 and 390 px', async () => {
    const { context, page } = await signedIn();
    const problems: string[] = [];
    for (const lang of ['ru', 'en'] as const) {
      if (lang === 'en') {
        await page.goto(server.url + '/account');
        await page.locator('form.language-switch button[value="en"]').click();
        await page.waitForLoadState('load');
      }
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [name, address] of mainPages()) {
          const res = await page.goto(server.url + address);
          expect([name, res?.status()]).toEqual([name, 200]);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          for (const v of await axeViolations(page)) {
            if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${lang} ${width}px ${name} (${address}): ${v.impact} ${v.id} — ${v.help}: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
          }
        }
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('a page with violations is reported (the check can fail)', async () => {
    const { context, page } = await signedIn();
    await page.goto(server.url + '/account');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/static/favicon.svg';
      document.querySelector('main')!.appendChild(img);
      const input = document.createElement('input');
      document.querySelector('main')!.appendChild(input);
    });
    const found = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await context.close();
  });

  it('shows a focus ring on every element reached by the keyboard on the evidence page', async () => {
    const { context, page } = await signedIn();
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(server.url + `/cases/${fixture.ids.case}/evidence/${fixture.ids.photo}`);
    const unringed: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
        return { ring, what: `${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}”` };
      });
      if (focus && !focus.ring) unringed.push(focus.what);
    }
    expect(unringed).toEqual([]);
    await context.close();
  });
});
