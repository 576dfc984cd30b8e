/**
 * Issue 15, reading: the reports' bars are links that narrow the report (by mouse and by
 * keyboard), their labels stay readable (at least 12 px, cut at their end with the full text on
 * hover) at 1366 px and 390 px, the case tables say how many rows they hold and page through
 * them; the case list sorts by code, first incident and last change, shows its filters as chips
 * that remove them, and pages by number. Everything here works without JavaScript: the browser
 * runs with it turned off.
 */
import { Browser, Page } from 'playwright-core';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { launchBrowser, listen } from '../support/browser';
import { horizontalOverflow, signInAs, watchServerErrors } from '../support/case-ui';

jest.setTimeout(180_000);

let t: TestApp;
let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let analystEmail: string;
const CASES = 60;
const LONG_NAME = 'Управление Федеральной службы безопасности России по Чеченской Республике, отдел по борьбе с терроризмом';
const code = (i: number) => `RU-2005-${String(i).padStart(4, '0')}`;

/** Fixtures inserted directly (the forms that create them are tested elsewhere). */
async function fixture() {
  const q = (sql: string, params: unknown[] = []) => t.ds.query(sql, params);
  await q(`INSERT INTO institution (id, name, name_latin, match_key, type) VALUES (1, ?, 'long', 'long', 'police_unit'), (2, 'IVS Grozny', 'ivs grozny', 'grozny ivs', 'police_unit')`, [LONG_NAME]);
  for (let i = 1; i <= CASES; i++) {
    // Case 1 changed last of all; incidents in 2000–2019, case 60's the earliest; every 10th case has none (a complaint only).
    await q(`INSERT INTO case_record (id, code, title, status, region, restricted, updated_at) VALUES (?, ?, ?, ?, 'chechnya', 0, ?)`, [
      i,
      code(i),
      `Case number ${i}`,
      i % 2 ? 'open' : 'closed',
      `2026-01-01 00:${String(59 - (i % 60)).padStart(2, '0')}:00`,
    ]);
    const year = i === CASES ? 1999 : 2000 + ((i * 7) % 20);
    const type = i % 10 === 0 && i !== CASES ? 'complaint' : 'arrest';
    await q(`INSERT INTO case_event (id, case_id, type, date_precision, date_start, date_end) VALUES (?, ?, ?, 'day', ?, ?)`, [i, i, type, `${year}-03-0${(i % 9) + 1}`, `${year}-03-0${(i % 9) + 1}`]);
    await q(`INSERT INTO event_institution (event_id, institution_id) VALUES (?, ?)`, [i, i <= 5 ? 1 : 2]);
    await q(`INSERT INTO allegation (id, case_id, status) VALUES (?, ?, 'alleged')`, [i, i]);
    await q(`INSERT INTO allegation_method (allegation_id, code) VALUES (?, ?)`, [i, i <= 12 ? 'beating' : 'sleep_deprivation']);
    // 55 cases refused twice: more than one page (50 rows) of the "refused" table.
    if (i <= 55) {
      await q(`INSERT INTO complaint (id, case_id, request) VALUES (?, ?, 'open_criminal_investigation')`, [i, i]);
      await q(`INSERT INTO complaint_response (complaint_id, outcome, date_precision, date_start, date_end) VALUES (?, 'refused_to_open', 'day', '2006-01-10', '2006-01-10'), (?, 'refused_to_open', 'day', '2006-02-10', '2006-02-10')`, [i, i]);
    }
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await fixture();
  analystEmail = (await makeUser(t.ds, 'analyst')).email;
  server = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function openPage(width = 1366): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false, locale: 'en' });
  const page = await context.newPage();
  const errors = watchServerErrors(page);
  await signInAs(page, server.url, analystEmail);
  return { page, errors };
}

const selected = (page: Page) => page.locator('.selection-summary h2').innerText();
const codesShown = (page: Page) => page.locator('table.case-list tbody tr td:first-child code').allInnerTexts();

describe('reports', () => {
  it('every bar narrows the report to its value, by mouse and by keyboard', async () => {
    const { page, errors } = await openPage();
    await page.goto(server.url + '/reports');
    expect(await selected(page)).toBe('60 cases selected');

    // The "Beating" bar is a link; following it narrows the report to the 12 cases of that method.
    const beating = page.locator('#by-method a.bar-row', { hasText: 'Beating' });
    expect(await beating.locator('.bar-value').innerText()).toBe('12');
    await Promise.all([page.waitForURL(/method=beating/), beating.click()]);
    expect(await selected(page)).toBe('12 cases selected');
    // The narrowed report's own bars keep the method and add theirs.
    const inst = page.locator('#by-institution a.bar-row', { hasText: 'IVS Grozny' });
    expect(await inst.getAttribute('href')).toMatch(/^\/reports\?(?=.*method=beating)(?=.*institution=2)/);

    // By keyboard: Tab to the first institution bar and press Enter.
    await page.goto(server.url + '/reports');
    const first = page.locator('#by-institution a.bar-row').first();
    await first.focus();
    expect(await first.evaluate((el) => el === document.activeElement && getComputedStyle(el).outlineStyle !== 'none')).toBe(true);
    await Promise.all([page.waitForURL(/institution=2/), page.keyboard.press('Enter')]);
    expect(await selected(page)).toBe('55 cases selected');

    // A year column is a link to the cases with an event in that year.
    await page.goto(server.url + '/reports');
    const year = page.locator('#by-year a.column-link[aria-label^="1999:"]');
    expect(await year.getAttribute('aria-label')).toBe('1999: 1');
    await Promise.all([page.waitForURL(/from=1999&to=1999/), year.click()]);
    expect(await selected(page)).toBe('1 case selected');
    expect(errors).toEqual([]);
  });

  it('keeps labels readable at 1366 px and 390 px: at least 12 px, cut at their end, full text on hover; no sideways scrolling', async () => {
    for (const width of [1366, 390]) {
      const { page } = await openPage(width);
      await page.goto(server.url + '/reports');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      const long = page.locator('#by-institution .bar-row', { hasText: 'Управление' });
      expect(await long.getAttribute('title')).toBe(`${LONG_NAME}: 5`);
      const label = long.locator('.bar-label');
      const m = await label.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const panel = el.closest('figure')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect();
        return { size: parseFloat(getComputedStyle(el).fontSize), cut: el.scrollWidth > el.clientWidth, textLeft: text.left, boxLeft: box.left, panelLeft: panel.left, overflow: getComputedStyle(el).textOverflow };
      });
      expect(m.size).toBeGreaterThanOrEqual(12);
      expect(m.cut).toBe(true); // too long for its column...
      expect(m.overflow).toBe('ellipsis'); // ...so cut at its end with "…",
      expect(m.textLeft).toBeGreaterThanOrEqual(m.boxLeft - 0.5); // never at its start
      expect(m.boxLeft).toBeGreaterThanOrEqual(m.panelLeft);
      // The years' labels and ticks are drawn at their CSS size, never a scaled-down drawing.
      const ticks = await page.locator('#by-year svg text').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
      expect(ticks.length).toBeGreaterThan(2);
      for (const h of ticks) expect(h).toBeGreaterThanOrEqual(11);
      // Whole-number ticks for small counts: 0 and 1 for a year of one case... here 0–5 or so.
      const tickValues = await page.locator('#by-year svg text[text-anchor="end"]').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
      expect(tickValues[0]).toBe('0');
      for (const v of tickValues) expect(v).toMatch(/^\d+$/);
      await page.context().close();
    }
  });

  it('says how many rows a table of cases has, pages through them, and links to the export', async () => {
    const { page } = await openPage();
    await page.goto(server.url + '/reports');
    expect(await page.locator('#refused-shown').innerText()).toBe('Cases 1–50 of 55 · Export them all (CSV, Excel)');
    // The export link selects exactly the table's cases: the selection, refused 2 or more times.
    expect(await page.locator('#refused-shown a').getAttribute('href')).toBe('/exports?refusals=2');
    expect(await page.locator('#refused tbody tr').count()).toBe(50);
    await Promise.all([page.waitForURL(/refusedPage=2#refused$/), page.locator('#refused-pages a', { hasText: '2' }).click()]);
    expect(await page.locator('#refused-shown').innerText()).toMatch(/^Cases 51–55 of 55 · /);
    expect(await page.locator('#refused tbody tr').count()).toBe(5);
    // The other tables are not moved by this one's pages.
    expect(await page.locator('#opened-shown').count()).toBe(0);
    await page.context().close();
  });
});

describe('the case list', () => {
  it('sorts by code, first incident and last change, each both ways', async () => {
    const { page, errors } = await openPage();
    await page.goto(server.url + '/cases');
    // Newest change first by default (case 60, then case 1).
    expect((await codesShown(page)).slice(0, 2)).toEqual([code(60), code(1)]);
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toMatch(/Last change/);

    const header = (name: string) => page.locator('th a.sort-link', { hasText: name });
    await Promise.all([page.waitForURL(/sort=code/), header('Case').click()]);
    expect((await codesShown(page)).slice(0, 3)).toEqual([code(1), code(2), code(3)]);
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toMatch(/Case/);
    await Promise.all([page.waitForURL(/sort=code&dir=desc/), header('Case').click()]);
    expect((await codesShown(page))[0]).toBe(code(CASES));

    await Promise.all([page.waitForURL(/sort=incident/), header('First incident').click()]);
    const rows = page.locator('table.case-list tbody tr');
    expect(await rows.first().locator('code').innerText()).toBe(code(CASES));
    expect(await rows.first().locator('td.incident').innerText()).toBe('7 Mar 1999');
    // Cases with no incident recorded come last.
    await page.goto(server.url + '/cases?sort=incident&page=3');
    const last = await page.locator('table.case-list tbody tr td.incident').allInnerTexts();
    expect(last.slice(-5)).toEqual(['—', '—', '—', '—', '—']);
    expect(errors).toEqual([]);
  });

  it('shows active filters as chips that remove them, and pages by number and by "go to page"', async () => {
    const { page } = await openPage(390);
    await page.goto(server.url + '/cases?sort=code');
    await page.getByLabel('Status').selectOption('open');
    await Promise.all([page.waitForURL(/status=open/), page.getByRole('button', { name: 'Filter' }).click()]);
    expect(page.url()).toContain('sort=code'); // the order is kept
    expect(await page.locator('#case-count').innerText()).toMatch(/^30 cases · Page 1 of 2/);
    const chip = page.getByRole('link', { name: 'Remove the filter Status: Open' });
    await Promise.all([page.waitForURL((u) => !u.search.includes('status')), chip.click()]);
    expect(await page.locator('#case-count').innerText()).toMatch(/^60 cases/);
    expect(await page.locator('.filter-chips').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await Promise.all([page.waitForURL(/page=3/), page.getByRole('link', { name: 'Page 3', exact: true }).click()]);
    expect((await codesShown(page))[0]).toBe(code(51));
    expect(await page.locator('.page-numbers [aria-current="page"]').innerText()).toBe('3');
    // Go to a page by its number: the form keeps the order and the filters.
    await page.getByLabel('Go to page').fill('2');
    await Promise.all([page.waitForURL(/page=2/), page.getByLabel('Go to page').press('Enter')]);
    expect(page.url()).toContain('sort=code');
    expect((await codesShown(page))[0]).toBe(code(26));
    await page.context().close();
  });
});
