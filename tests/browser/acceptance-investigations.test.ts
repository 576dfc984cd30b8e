/**
 * Acceptance (issue 11): the usual Russian sequence — a pre-investigation check, a refusal to open
 * a criminal case, its annulment, a new check, a refusal again — entered through the pages, each
 * decision form proposing the next kind; an investigation refused three times and annulled twice.
 * Then a lawyer reads the case page (numbered decisions, the header's count with the latest
 * refusal at its own precision) and the reports page, at desktop width and at 390 px.
 */
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import { createCase, createInstitution, expectFlash, fillDate, horizontalOverflow, pick, signInAs, submit, text, watchConsole, watchServerErrors, PartialDateEntry } from '../support/case-ui';

jest.setTimeout(120_000);

const stage = useAcceptanceStage();
const SK = 'Investigative Committee, Nalchik department';
const PROPOSED: Record<string, string> = { check_started: 'refused_to_open', refused_to_open: 'refusal_annulled_supervisor', refusal_annulled_supervisor: 'check_started', refusal_annulled_court: 'check_started' };

describe('acceptance: an investigation refused three times and annulled twice', () => {
  let caseId: number;

  it('a researcher enters the investigation and its seven decisions through the pages', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await createInstitution(page, stage.url, { name: SK, type: 'Investigative Committee' });
    ({ id: caseId } = await createCase(page, stage.url, { title: 'Rasul Kudaev: refusals to investigate', year: '2005' }));

    await page.locator('#investigations').getByRole('link', { name: 'Add investigation' }).click();
    await page.getByRole('heading', { name: 'New investigation' }).waitFor();
    await pick(page, 'Conducting body', 'Nalchik', SK);
    await page.getByRole('combobox', { name: 'How it started', exact: true }).selectOption({ label: 'On a complaint' });
    await fillDate(page, 'Began', { precision: 'day', value: '2005-11-15' });
    await page.getByRole('textbox', { name: 'Official case or check number', exact: true }).fill('123пр-05');
    await submit(page, page.getByRole('button', { name: 'Add investigation' }), /\/investigations\/\d+\/decisions\/new$/);
    await expectFlash(page, 'Investigation added.');

    const steps: [string, string, PartialDateEntry | null][] = [
      ['check_started', 'Pre-investigation check started', { precision: 'day', value: '2005-11-15' }],
      ['refused_to_open', 'Refused to open a criminal case', { precision: 'day', value: '2005-11-25' }],
      ['refusal_annulled_supervisor', 'Refusal annulled by a supervisor', { precision: 'month', value: '2006-01' }],
      ['check_started', 'Pre-investigation check started', null],
      ['refused_to_open', 'Refused to open a criminal case', { precision: 'day', value: '2006-02-10' }],
      ['refusal_annulled_court', 'Refusal annulled by a court', { precision: 'month', value: '2006-03' }],
      ['refused_to_open', 'Refused to open a criminal case', { precision: 'month', value: '2006-04' }],
    ];
    for (const [i, [code, label, date]] of steps.entries()) {
      await page.getByRole('heading', { name: 'New decision' }).waitFor();
      if (i === 3) {
        // The form, with the decisions so far, fits a phone.
        await page.setViewportSize({ width: 390, height: 800 });
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: screenshotPath('investigations-decision-form-390.png'), fullPage: true });
        await page.setViewportSize(VIEWPORT);
      }
      const kind = page.getByRole('combobox', { name: 'Decision', exact: true });
      // The form proposes the usual next kind (after a refusal its annulment, after an annulment a new check).
      expect(await kind.inputValue()).toBe(i === 0 ? 'check_started' : PROPOSED[steps[i - 1][0]]);
      await kind.selectOption({ label });
      if (date) await fillDate(page, 'Date of the decision', date);
      await page.getByRole('textbox', { name: 'Deciding official', exact: true }).fill('investigator Major I. I. Ivanov');
      const last = i === steps.length - 1;
      await submit(page, page.getByRole('button', { name: last ? 'Add decision' : 'Add and record the next decision', exact: true }), last ? new RegExp(`/cases/${caseId}#decision-\\d+$`) : /\/decisions\/new\?kind=/);
      await expectFlash(page, 'Decision added.');
    }
    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('a lawyer reads the numbered decisions, the header and the reports, also at 390 px', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.lawyer.email);
    await page.goto(`${stage.url}/cases/${caseId}`);
    const header = page.locator('header.case-header');
    expect(await text(header.locator('dt:has-text("Investigation") + dd'))).toBe('3 refusals, last in Apr 2006');

    const section = page.locator('#investigations');
    const items = section.locator('.decision-sequence > li');
    expect(await items.count()).toBe(7);
    expect(await text(items.nth(0).locator('.decision-position'))).toBe('Decision 1 of 7');
    expect(await text(items.nth(6))).toContain('Refusal 3 of 3');
    expect(await text(items.nth(6))).toContain('Apr 2006');
    expect(await text(items.nth(3))).toContain('date not recorded');
    expect(await section.locator('.decision-sequence > li.is-refusal').count()).toBe(3);
    expect(await text(section.locator('.investigation-list > li > p.muted').first())).toContain('7 decisions, 3 refusals, 2 annulled.');
    // The lawyer may not edit: no editing links.
    expect(await section.getByRole('link', { name: /Add the next decision/ }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('investigations-case-page.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: screenshotPath('investigations-390.png') });
    await page.setViewportSize(VIEWPORT);

    await page.goto(`${stage.url}/reports?refusals=3`);
    const refused = page.locator('#refused');
    expect(await text(refused.locator('tbody tr').first())).toContain('Apr 2006');
    expect(await text(refused.locator('tbody tr').first())).not.toContain('2006-04-30');
    expect(await text(page.locator('#opened'))).toContain('Cases where an investigation was opened, beside the refusals');
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
