/**
 * Acceptance (issue 11): a confession later retracted in court, then reaffirmed under alleged
 * pressure — the pattern of Rasul Kudaev's case (detained in Nalchik in October 2005; his
 * confession, given without a lawyer, was retracted as extracted under torture; the court later
 * relied on the confessions in its verdict). Entered through the pages: the confession "submitted
 * to the court", its retraction at trial, a reaffirmation before the investigator with pressure
 * alleged, the verdict; then the court status becomes "relied on in the verdict". The case page
 * (history in date order), the timeline (statement family: statement, retraction, reaffirmation),
 * the report "convictions relying on retracted statements", the `retracted` filter, the statements
 * export and the dossier are read.
 */
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import {
  addParticipant, addProceeding, addRetraction, addStatement, createCase, createInstitution, createPerson, dossierFacts, downloadCsv, expectFlash,
  horizontalOverflow, openFilters, signInAs, submit, text, watchConsole, watchServerErrors,
} from '../support/case-ui';

jest.setTimeout(180_000);

const stage = useAcceptanceStage();
const POLICE = 'Centre for Combating Extremism, Kabardino-Balkaria';
const COURT = 'Supreme Court of the Kabardino-Balkar Republic';
const RETRACTED = 'Retracted at trial, 14 Mar 2008: extracted under torture, without a lawyer';
const REAFFIRMED = 'Reaffirmed before the investigator, May 2008: after a visit by officers in the detention centre';

describe('acceptance: a confession retracted in court, then reaffirmed under alleged pressure', () => {
  let caseId: number;
  let code: string;
  let statementId: number;
  const consoleErrors: string[] = [];
  const serverErrors: string[] = [];

  const convictionsReport = async (page: import('playwright-core').Page) => {
    await page.goto(stage.url + '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    return page.locator('#convictions');
  };

  it('a researcher enters the confession, the verdict, the retraction and the reaffirmation through the pages', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cons = watchConsole(page);
    const errs = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await createInstitution(page, stage.url, { name: POLICE, type: 'Police unit', locality: 'Nalchik' });
    await createInstitution(page, stage.url, { name: COURT, type: 'Court', locality: 'Nalchik' });
    await createPerson(page, stage.url, { names: [{ name: 'Rasul Kudaev', script: 'Latin' }, { name: 'Расул Кудаев', script: 'Cyrillic', kind: 'spelling' }], gender: 'male' });
    // A second case without statements: the filter must tell them apart.
    await createCase(page, stage.url, { title: 'A complaint about a search in Nalchik, 2006', year: '2006' });
    ({ id: caseId, code } = await createCase(page, stage.url, { title: 'Rasul Kudaev: confession retracted and reaffirmed', year: '2005' }));
    await addParticipant(page, caseId, 'Kudaev', 'Rasul Kudaev', 'Defendant');

    const proceedingId = await addProceeding(page, caseId, {
      title: 'The Nalchik trial',
      court: { query: 'Kabardino', option: COURT },
      defendants: [{ query: 'Kudaev', option: 'Rasul Kudaev' }],
      stages: [{ kind: 'Verdict', date: { precision: 'day', value: '2014-12-23' }, verdicts: [{ defendant: 'Rasul Kudaev', outcome: 'Convicted', sentenceKind: 'Life imprisonment' }] }],
    });
    expect(proceedingId).toBeGreaterThan(0);

    // The confession, while the court is considering it.
    statementId = await addStatement(page, caseId, {
      maker: { query: 'Kudaev', option: 'Rasul Kudaev' },
      kind: 'Confession',
      date: { precision: 'day', value: '2005-10-24' },
      beforeInstitution: { query: 'Extremism', option: POLICE },
      content: 'Confesses to taking part in the attack of 13 October 2005.',
      court: 'Submitted to the court',
    });
    await addRetraction(page, caseId, statementId, {
      kind: 'retraction',
      date: { precision: 'day', value: '2008-03-14' },
      forum: 'Court',
      reason: 'extracted under torture, without a lawyer',
      pressureAlleged: 'No',
    });
    // Submitted, not relied on: the report does not count it yet.
    expect(await text(await convictionsReport(page))).toContain('None in this selection.');

    await page.goto(`${stage.url}/cases/${caseId}`);
    await addRetraction(page, caseId, statementId, {
      kind: 'reaffirmation',
      date: { precision: 'month', value: '2008-05' },
      forum: 'Investigator',
      reason: 'after a visit by officers in the detention centre',
      pressureAlleged: 'Yes: pressure to reaffirm is alleged',
    });

    // The verdict relied on it: the court status changes on the statement's form.
    await page.locator(`#statement-${statementId}`).getByRole('link', { name: /^Edit statement/ }).click();
    await page.getByRole('heading', { name: 'Edit statement' }).waitFor();
    await page.getByRole('combobox', { name: 'How the court treated it', exact: true }).selectOption({ label: 'Relied on in the verdict' });
    await page.getByRole('combobox', { name: 'In which proceeding', exact: true }).selectOption({ label: 'The Nalchik trial' });
    await submit(page, page.getByRole('button', { name: 'Save statement', exact: true }), new RegExp(`/cases/${caseId}#statement-${statementId}$`));
    await expectFlash(page, 'Statement saved.');
    consoleErrors.push(...cons);
    serverErrors.push(...errs);
    await context.close();
  });

  it('the case page shows the history in date order and the timeline the statement family in order, also at 390 px', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cons = watchConsole(page);
    const errs = watchServerErrors(page);
    await signInAs(page, stage.url, stage.lawyer.email);
    await page.goto(`${stage.url}/cases/${caseId}`);
    const statement = page.locator(`#statement-${statementId}`);
    expect(await statement.getAttribute('class')).toContain('is-retracted');
    expect(await text(statement.locator('.record-tags'))).toContain('Relied on in the verdict: The Nalchik trial');
    expect(await text(page.locator('#statements .section-alert'))).toBe('1 retracted statement relied on by a court.');
    const history = statement.locator('.retraction-list > li');
    expect(await history.count()).toBe(2);
    expect(await text(history.nth(0))).toBe(RETRACTED);
    expect(await text(history.nth(1))).toBe(`${REAFFIRMED} Pressure to reaffirm alleged`);
    expect(await history.nth(1).getAttribute('class')).toContain('is-reaffirmation');

    // The timeline: the confession, its retraction and its reaffirmation, in that order, as statement marks.
    const marks = page.locator('#events li.tl-record.tl-fam-statement');
    expect(await marks.count()).toBe(3);
    const lines = [];
    for (let i = 0; i < 3; i++) lines.push(`${await text(marks.nth(i).locator('.tl-type'))} | ${await text(marks.nth(i).locator('.tl-title'))} | ${await text(marks.nth(i).locator('time'))}`);
    expect(lines).toEqual([
      'Statements and retractions: Confession | Confession by Rasul Kudaev | 24 Oct 2005',
      'Statements and retractions: Retraction | Confession by Rasul Kudaev retracted (Court) | 14 Mar 2008',
      'Statements and retractions: Reaffirmation | Confession by Rasul Kudaev reaffirmed (Investigator), pressure to reaffirm alleged | May 2008',
    ]);
    for (let i = 0; i < 3; i++) expect(await marks.nth(i).locator('.tl-title a').getAttribute('href')).toBe(`#statement-${statementId}`);
    await page.screenshot({ path: screenshotPath('retraction-case-page.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#statements').screenshot({ path: screenshotPath('retraction-390.png') });
    expect(cons).toEqual([]);
    expect(errs).toEqual([]);
    await context.close();
  });

  it('the convictions report, the retracted filter, the statements export and the dossier read the history', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cons = watchConsole(page);
    const errs = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);

    const convictions = await convictionsReport(page);
    expect(await text(page.locator('#h-selection'))).toBe('2 cases selected');
    const rows = convictions.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = (await rows.first().locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe(`${code} Rasul Kudaev: confession retracted and reaffirmed`);
    expect(cells[1]).toBe('1');

    // Search › Filters › "A statement was retracted".
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    const filters = await openFilters(page);
    await filters.getByRole('checkbox', { name: 'A statement was retracted' }).check();
    await submit(page, filters.getByRole('button', { name: 'Apply filters' }), /\/search\?.*retracted=1/);
    expect(await text(page.locator('#h-results'))).toBe('1 case');
    expect(await text(page.locator('section.search-results'))).toContain(code);

    const statements = (await downloadCsv(page, stage.url, 'statements', 'retracted=1')).filter((r) => r.caseCode === code);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      maker: 'Rasul Kudaev', kind: 'Confession', date: '24 Oct 2005', datePrecision: 'day', courtStatus: 'Relied on in the verdict',
      retracted: 'yes', retractions: '1', reaffirmations: '1', firstRetraction: '14 Mar 2008', firstRetractionPrecision: 'day', pressureToReaffirmAlleged: 'yes',
    });
    expect(statements[0].lastStep).toBe('reaffirmation');
    // The history in date order, as the case page shows it.
    expect(statements[0].history).toBe(`${RETRACTED}; ${REAFFIRMED} (pressure to reaffirm alleged)`);

    await page.goto(`${stage.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Dossier (print)' }).click();
    const item = page.locator(`#d-statement-${statementId}`);
    await item.waitFor();
    expect(await item.locator('.tag').allTextContents()).toEqual(['Retracted', 'A court relied on it']);
    const facts = await dossierFacts(item);
    const retractedAt = facts.indexOf(`Retracted | ${RETRACTED}`);
    const reaffirmedAt = facts.indexOf(`Reaffirmed | ${REAFFIRMED} (pressure to reaffirm alleged)`);
    expect(retractedAt).toBeGreaterThan(-1);
    expect(reaffirmedAt).toBeGreaterThan(retractedAt);
    expect(cons).toEqual([]);
    expect(errs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
