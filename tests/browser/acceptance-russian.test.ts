/**
 * Acceptance (issue 12): a Russian researcher records a case in Russian from start to finish, as
 * Kudaev's case was documented — detained in Nalchik on 23 October 2005, beaten in custody in
 * October 2005 — typing dates the way Russian documents write them (`23.10.2005`, `окт 2005`),
 * then reads the case page, the dossier PDF and a report in Russian. Her browser asks for Russian;
 * she never chooses a language. Every label she clicks is looked up in the Russian catalogue, so
 * the test fails if a page is not in Russian. Screenshots at 1366 and 390 px; nothing scrolls sideways.
 */
import fs from 'node:fs';
import { Page } from 'playwright-core';
import ru from '../../locales/ru.json';
import { useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import { horizontalOverflow, submit, watchConsole, watchServerErrors } from '../support/case-ui';
import { PASSWORD } from '../support/app';
import { extractPdfTextFromBytes } from '../../src/media/pdf-text';

jest.setTimeout(180_000);

const stage = useAcceptanceStage();
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_m, k) => String(v[k]));

async function fitsAt(page: Page, width: number, name: string): Promise<number> {
  await page.setViewportSize({ width, height: 900 });
  await page.screenshot({ path: screenshotPath(`acceptance-ru-${name}-${width}.png`), fullPage: true });
  return horizontalOverflow(page);
}

async function addEvent(page: Page, caseId: number, title: string, date: string): Promise<void> {
  await page.locator('#events').getByRole('link', { name: ru.events.form.add }).click();
  await page.getByRole('heading', { name: ru.events.form.newHeading }).waitFor();
  await page.getByRole('combobox', { name: ru.events.form.type, exact: true }).selectOption('arrest');
  await page.getByRole('textbox', { name: ru.events.form.title, exact: true }).fill(title);
  const when = page.getByRole('group', { name: ru.events.form.date, exact: true });
  // "As typed" is the default precision: the date says whether it is a day or a month.
  expect(await when.getByRole('combobox', { name: ru.dates.form.precision }).inputValue()).toBe('auto');
  await when.getByRole('textbox', { name: ru.dates.form.value, exact: true }).fill(date);
  await submit(page, page.getByRole('button', { name: ru.events.form.add, exact: true }), new RegExp(`/cases/${caseId}#event-\\d+$`));
  await page.getByRole('status').filter({ hasText: ru.events.flash.added }).first().waitFor();
}

describe('acceptance: a case recorded and read in Russian', () => {
  it('from the sign-in page to the dossier PDF and a report, in Russian, at a laptop and a phone', async () => {
    const context = await stage.browser.newContext({ locale: 'ru-RU', acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);

    // Signed out, the browser's language decides.
    await page.goto(stage.url + '/');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await page.getByRole('heading', { name: ru.auth.heading }).waitFor();
    await page.getByLabel(ru.auth.email).fill(stage.researcher.email);
    await page.getByLabel(ru.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: ru.auth.submit }).click();
    await page.waitForURL(stage.url + '/');

    // A new case.
    await page.getByRole('navigation', { name: ru.layout.mainNav }).getByRole('link', { name: ru.nav.cases }).click();
    await page.getByRole('link', { name: ru.cases.list.new }).click();
    await page.getByRole('textbox', { name: ru.cases.form.title, exact: true }).fill('Расул Кудаев: пытки под стражей в Нальчике');
    await page.getByRole('textbox', { name: ru.cases.form.summary, exact: true }).fill('Задержан 23 октября 2005 года, избит в отделе, чтобы получить признание.');
    await submit(page, page.getByRole('button', { name: ru.cases.form.create }), /\/cases\/\d+$/);
    const caseId = Number(/\/cases\/(\d+)$/.exec(page.url())![1]);
    const code = (await page.locator('.case-code').textContent())!.trim();
    await page.getByRole('status').filter({ hasText: fill(ru.cases.flash.created, { code }) }).waitFor();

    // Dates as Russian documents write them.
    await addEvent(page, caseId, 'Задержание в Нальчике', '23.10.2005');
    await addEvent(page, caseId, 'Избиение в отделе', 'окт 2005');

    // A date that does not exist is refused beside the field, in Russian.
    await page.goto(`${stage.url}/cases/${caseId}/events/new`);
    await page.getByRole('textbox', { name: ru.events.form.title, exact: true }).fill('Ошибка');
    await page.getByRole('group', { name: ru.events.form.date, exact: true }).getByRole('textbox', { name: ru.dates.form.value, exact: true }).fill('31.02.2005');
    await page.getByRole('button', { name: ru.events.form.add, exact: true }).click();
    const error = page.locator('.partial-date .error-message').first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[а-я]/);
    expect(await error.textContent()).not.toMatch(/[A-Za-z]{3,}/);
    // The browser logs the refusal's 422 as a failed load: that one is expected.
    expect(consoleErrors.splice(0).every((e) => e.includes('422'))).toBe(true);

    // The case page reads the dates in Russian.
    await page.goto(`${stage.url}/cases/${caseId}`);
    const events = page.locator('#events');
    await events.getByText('23 октября 2005 г.').first().waitFor();
    await events.getByText('окт. 2005').first().waitFor();
    expect(await fitsAt(page, 1366, 'case')).toBe(0);
    expect(await fitsAt(page, 390, 'case')).toBe(0);
    await page.setViewportSize({ width: 1366, height: 900 });

    // The dossier PDF, in Russian.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: ru.cases.show.dossierPdf }).click()]);
    const pdf = await extractPdfTextFromBytes(new Uint8Array(fs.readFileSync((await download.path())!)));
    if (!pdf.ok) throw new Error(pdf.reason);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Расул Кудаев');
    expect(text).toContain('23 октября 2005 г.');
    expect(text).toContain(ru.dossier.sections.events);

    // A report, in Russian.
    await page.getByRole('navigation', { name: ru.layout.mainNav }).getByRole('link', { name: ru.nav.reports }).click();
    await page.getByRole('heading', { name: ru.reports.title, level: 1 }).waitFor();
    await page.getByText(ru.reports.charts.byYear).first().waitFor();
    expect(await fitsAt(page, 1366, 'report')).toBe(0);
    expect(await fitsAt(page, 390, 'report')).toBe(0);

    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
