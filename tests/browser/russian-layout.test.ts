/**
 * Issue 12: Russian runs about a third longer than English. Every page template, read in Russian
 * by a Russian-speaking admin over a case entered in Russian, at a laptop's 1366 px and a phone's
 * 390 px: no page scrolls sideways and no button label is cut. Screenshots of the busiest pages
 * at both widths go to test-results/.
 */
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { PASSWORD, TestApp, signIn, startTestApp } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { buildRussianCase, RussianCase } from '../support/russian-case';
import { buildRussianImports, RussianImports } from '../support/russian-imports';
import { importJobsIdle } from '../../src/imports/import-jobs';
import { crawl } from '../support/i18n-pages';
import { horizontalOverflow } from '../support/case-ui';
import ru from '../../locales/ru.json';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';

jest.setTimeout(300_000);

let t: TestApp;
let fixture: RussianCase;
let imports: RussianImports;
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
/** One address per set of templates a page renders. */
const pages = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  fixture = await buildRussianCase(t);
  const original = t.app.render.bind(t.app);
  let rendering: string[] = [];
  t.app.render = ((name: string, options: object, callback: (err: Error | null, html?: string) => void) => {
    rendering.push(name);
    return original(name, options, callback);
  }) as typeof t.app.render;
  const { agent, csrf } = await signIn(t.app, fixture.admin.email);
  imports = await buildRussianImports(t, fixture, agent, csrf);
  await crawl(
    ['/', '/admin', `/cases/${fixture.ids.case}`, '/trash', `/people/${fixture.ids.codefendant}/merge`, '/imports'],
    async (address) => {
      rendering = [];
      const res = await agent.get(address);
      return { status: res.status, type: String(res.headers['content-type'] ?? ''), html: res.text };
    },
    (address) => {
      const key = rendering.join('+');
      if (key && !pages.has(key)) pages.set(key, address);
    },
  );
  // Import pages the crawl does not follow (the preview; a second batch of the same address shape).
  for (const address of imports.pages) {
    rendering = [];
    await agent.get(address).expect(200);
    const key = rendering.join('+');
    if (key && !pages.has(key)) pages.set(key, address);
  }
  t.app.render = original as typeof t.app.render;
  server = await listen(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (t) await evidenceJobsIdle(t.ds);
  if (t) await importJobsIdle(t.ds);
  await t?.close();
});

/** The outermost elements that reach past the right edge of the page, to say what overflows. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1)) {
        out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} “${(el.textContent || '').trim().slice(0, 40)}”`);
      }
    }
    return out.slice(0, 5);
  });
}

/** Buttons (and links styled as buttons) whose label does not fit in them. */
function cutButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, .button, input[type="submit"], summary')]
      .filter((el) => el.offsetParent !== null && !el.closest('[aria-hidden="true"]') && el.clientWidth > 2 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => (el.textContent || (el as HTMLInputElement).value || '').trim().slice(0, 60)),
  );
}

const SHOTS = ['cases/show', 'cases/list', 'reports/index', 'search/index', 'dossier/show', 'people/show', 'cases/form', 'imports/preview', 'imports/mapping'];

describe('every page in Russian fits a laptop and a phone', () => {
  it('no page scrolls sideways and no button label is cut, at 1366 and 390 px', async () => {
    expect(pages.size).toBeGreaterThan(40);
    expect([...pages.keys()].map((k) => k.split('+')[0])).toEqual(expect.arrayContaining(['imports/list', 'imports/new', 'imports/mapping', 'imports/preview', 'imports/progress', 'imports/done']));
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    // The browser asks for Russian: the sign-in page is Russian already.
    await page.goto(server.url + '/login');
    await page.getByLabel(ru.auth.email).fill(fixture.admin.email);
    await page.getByLabel(ru.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: ru.auth.submit }).click();
    await page.waitForURL(server.url + '/');
    const problems: string[] = [];
    const checkPage = async (width: number, templates: string, address: string) => {
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${width}px ${templates} (${address}): scrolls sideways by ${overflow}px: ${(await overflowing(page)).join('; ')}`);
      const cut = await cutButtons(page);
      if (cut.length) problems.push(`${width}px ${templates} (${address}): cut labels ${JSON.stringify(cut)}`);
    };
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [templates, address] of pages) {
        const res = await page.goto(server.url + address);
        if (!res || res.status() >= 500) problems.push(`${width}px ${address}: HTTP ${res?.status()}`);
        await checkPage(width, templates, address);
        const main = templates.split('+')[0];
        if (SHOTS.includes(main)) await page.screenshot({ path: screenshotPath(`ru-${main.replace('/', '-')}-${width}.png`), fullPage: true });
      }
      // Pages only a form leads to: the undo page, when a created case was edited since (409).
      await page.goto(server.url + imports.committed);
      page.once('dialog', (dialog) => void dialog.accept());
      const [undo] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(imports.undo.action) && r.request().method() === 'POST'), page.getByRole('button', { name: ru.imports.undo.button, exact: true }).click()]);
      expect(undo.status()).toBe(409);
      await page.waitForLoadState();
      await checkPage(width, 'imports/undo', `POST ${imports.undo.action}`);
      await page.screenshot({ path: screenshotPath(`ru-imports-undo-${width}.png`), fullPage: true });
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
