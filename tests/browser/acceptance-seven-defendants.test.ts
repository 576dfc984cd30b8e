/**
 * Acceptance (issue 11): a seven-defendant trial with seven different sentences, modelled on the
 * Nalchik trial (events of 13 October 2005; one court, one first-instance verdict), then an appeal
 * that reduces one sentence and quashes one conviction. The defendants' names are invented; the
 * shape (seven co-defendants, sentences from life to a fine, one acquittal) is the real one.
 * Everything is entered through the pages; then the case page, the timeline, the reports, the
 * `verdict` filter, the proceedings export and the dossier are read for each defendant's outcome.
 * One bad input: a sentence of -3 years gets a message beside the field and changes nothing.
 */
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import {
  VerdictEntry, addParticipant, addProceeding, addStage, createCase, createInstitution, createPerson, downloadCsv, dossierFacts, fillVerdicts,
  horizontalOverflow, openFilters, searchByVerdict, signInAs, submit, text, verdictRow, watchConsole, watchServerErrors,
} from '../support/case-ui';

jest.setTimeout(240_000);

const stage = useAcceptanceStage();
const COURT = 'Supreme Court of the Kabardino-Balkar Republic';
const APPEAL_COURT = 'Supreme Court of the Russian Federation';
const TRIAL = 'The Nalchik trial';
const DEFENDANTS = ['Aslan Kodzokov', 'Zaur Beshtoev', 'Timur Nagoev', 'Ruslan Kuliev', 'Murat Shogenov', 'Anzor Tlupov', 'Eldar Kardanov'];

const FIRST: VerdictEntry[] = [
  { defendant: 'Aslan Kodzokov', outcome: 'Convicted', sentenceKind: 'Life imprisonment', regime: 'Special-regime colony' },
  { defendant: 'Zaur Beshtoev', outcome: 'Convicted', sentenceKind: 'Imprisonment', years: '22', regime: 'Strict-regime colony' },
  { defendant: 'Timur Nagoev', outcome: 'Convicted', sentenceKind: 'Imprisonment', years: '15', months: '6', regime: 'Strict-regime colony' },
  { defendant: 'Ruslan Kuliev', outcome: 'Convicted', sentenceKind: 'Imprisonment', years: '6', months: '6', regime: 'General-regime colony' },
  { defendant: 'Murat Shogenov', outcome: 'Convicted', sentenceKind: 'Imprisonment', years: '4', suspended: true },
  { defendant: 'Anzor Tlupov', outcome: 'Convicted', sentenceKind: 'Fine', note: '300,000 roubles' },
  { defendant: 'Eldar Kardanov', outcome: 'Acquitted' },
];
/** What the case page, the dossier and the export say of each first-instance verdict. */
const FIRST_TEXT: Record<string, string> = {
  'Aslan Kodzokov': 'Convicted Life imprisonment, special-regime colony',
  'Zaur Beshtoev': 'Convicted Imprisonment, 22 years, strict-regime colony',
  'Timur Nagoev': 'Convicted Imprisonment, 15 years 6 months, strict-regime colony',
  'Ruslan Kuliev': 'Convicted Imprisonment, 6 years 6 months, general-regime colony',
  'Murat Shogenov': 'Convicted Imprisonment, 4 years, suspended',
  'Anzor Tlupov': 'Convicted Fine — 300,000 roubles',
  'Eldar Kardanov': 'Acquitted',
};
const APPEAL: VerdictEntry[] = [
  { defendant: 'Aslan Kodzokov', outcome: 'Upheld' },
  { defendant: 'Zaur Beshtoev', outcome: 'Sentence reduced', sentenceKind: 'Imprisonment', years: '18', regime: 'Strict-regime colony' },
  { defendant: 'Ruslan Kuliev', outcome: 'Conviction quashed' },
];
const APPEAL_TEXT: Record<string, string> = {
  'Aslan Kodzokov': 'Upheld',
  'Zaur Beshtoev': 'Sentence reduced Imprisonment, 18 years, strict-regime colony',
  'Ruslan Kuliev': 'Conviction quashed',
};

describe('acceptance: a seven-defendant trial with seven sentences, then an appeal', () => {
  let caseId: number;
  let code: string;
  let proceedingId: number;
  let verdictStage: number;
  let appealStage: number;
  let consoleErrors: string[] = [];
  let serverErrors: string[] = [];

  it('a researcher enters the seven defendants, the verdict and the appeal through the pages', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    consoleErrors = watchConsole(page);
    serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await createInstitution(page, stage.url, { name: COURT, type: 'Court', locality: 'Nalchik' });
    await createInstitution(page, stage.url, { name: APPEAL_COURT, type: 'Court', locality: 'Moscow' });
    for (const name of DEFENDANTS) await createPerson(page, stage.url, { names: [{ name, script: 'Latin' }], gender: 'male' });
    // A second case, without any proceeding: the filters must tell the two apart.
    await createCase(page, stage.url, { title: 'Beatings at the Nalchik police station, 2006', year: '2006' });
    ({ id: caseId, code } = await createCase(page, stage.url, { title: 'The Nalchik trial: seven defendants', year: '2005', summary: 'Seven co-defendants of the trial after the events of 13 October 2005 in Nalchik.' }));
    for (const name of DEFENDANTS) await addParticipant(page, caseId, name.split(' ')[1], name, 'Defendant');

    proceedingId = await addProceeding(page, caseId, {
      title: TRIAL,
      court: { query: 'Kabardino', option: COURT },
      caseNumber: '2-1/2014',
      defendants: DEFENDANTS.map((name) => ({ query: name.split(' ')[1], option: name, charge: 'ст. 209 ч. 2 УК РФ' })),
      stages: [],
    });
    // Seven defendants, each with their charge, after saving the form as often as it asked.
    const section = page.locator(`#proceeding-${proceedingId}`);
    for (const name of DEFENDANTS) expect(await text(section.locator('ul.charges'))).toContain(`${name}: charged under ст. 209 ч. 2 УК РФ`);

    verdictStage = await addStage(page, caseId, proceedingId, { kind: 'Verdict', date: { precision: 'day', value: '2014-12-23' }, verdicts: FIRST });
    appealStage = await addStage(page, caseId, proceedingId, {
      kind: 'Appeal',
      date: { precision: 'month', value: '2015-10' },
      court: { query: 'Russian Federation', option: APPEAL_COURT },
      verdicts: APPEAL,
    });
    await context.close();
  });

  it('a sentence of -3 years gets a message beside the field and changes nothing', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await page.goto(`${stage.url}/cases/${caseId}`);
    await page.locator(`#stage-${appealStage}`).getByRole('link', { name: /^Edit/ }).click();
    await page.getByRole('heading', { name: 'Edit stage' }).waitFor();
    await fillVerdicts(page, [{ defendant: 'Zaur Beshtoev', years: '-3' }]);
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Save stage', exact: true }).click()]);
    expect(res.status()).toBe(422);
    const row = verdictRow(page, 'Zaur Beshtoev');
    const years = row.locator('input[name$="[years]"]');
    expect(await years.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await years.getAttribute('aria-describedby');
    expect(await text(page.locator(`[id="${describedBy}"]`))).toBe('The years of a sentence cannot be negative.');
    // Beside the field: the message is in the same cell as the input.
    expect(await text(years.locator('xpath=ancestor::td[1]'))).toContain('The years of a sentence cannot be negative.');
    expect(await years.inputValue()).toBe('-3');
    await page.goto(`${stage.url}/cases/${caseId}`);
    expect(await text(page.locator(`#stage-${appealStage} .verdict-list li`).filter({ hasText: 'Zaur Beshtoev' }))).toBe(`Zaur Beshtoev: ${APPEAL_TEXT['Zaur Beshtoev']}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the case page shows each defendant’s outcome and sentence at each stage, also at 390 px', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    consoleErrors.push(...watchConsole(page));
    const errors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.lawyer.email);
    await page.goto(`${stage.url}/cases/${caseId}`);
    const verdicts = page.locator(`#stage-${verdictStage} .verdict-list li`);
    expect(await verdicts.count()).toBe(7);
    const first = (await verdicts.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(first).toEqual(DEFENDANTS.map((name) => `${name}: ${FIRST_TEXT[name]}`));
    const appeal = page.locator(`#stage-${appealStage}`);
    expect(await text(appeal)).toContain(APPEAL_COURT);
    const second = (await appeal.locator('.verdict-list li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(second.sort()).toEqual(Object.entries(APPEAL_TEXT).map(([name, t]) => `${name}: ${t}`).sort());
    // The order of stages on the page: verdict, then appeal.
    const stageKinds = await page.locator(`#proceeding-${proceedingId} .stage-list > li > strong`).allTextContents();
    expect(stageKinds).toEqual(['Verdict', 'Appeal']);

    // The timeline: both stages as marks of the proceedings family, in order, read from the stages.
    const records = page.locator('#events li.tl-record.tl-fam-proceeding');
    expect(await records.count()).toBe(2);
    expect(await text(records.nth(0).locator('.tl-type'))).toBe('Proceedings in court: Verdict');
    expect(await text(records.nth(0).locator('.tl-when'))).toContain('23 Dec 2014');
    const firstTitle = await text(records.nth(0).locator('.tl-title'));
    expect(firstTitle).toMatch(/^The Nalchik trial: /);
    expect(firstTitle).toContain('Convicted');
    expect(firstTitle).toContain('Acquitted');
    expect(await text(records.nth(1).locator('.tl-type'))).toBe('Proceedings in court: Appeal');
    expect(await text(records.nth(1).locator('.tl-when'))).toContain('Oct 2015');
    for (const o of ['Upheld', 'Sentence reduced', 'Conviction quashed']) expect(await text(records.nth(1).locator('.tl-title'))).toContain(o);
    expect(await page.locator('#events li.tl-fam-proceeding a[href="#stage-' + verdictStage + '"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('seven-defendants-case-page.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#proceedings').screenshot({ path: screenshotPath('seven-defendants-390.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the reports, the verdict filter, the proceedings export and the dossier count each defendant', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchServerErrors(page);
    const cerrors = watchConsole(page);
    await signInAs(page, stage.url, stage.researcher.email);

    // Reports › the selection form's verdict filter: only the trial had a verdict.
    const reportFor = async (outcome: string) => {
      await page.goto(`${stage.url}/reports`);
      const filters = await openFilters(page);
      await filters.getByRole('combobox', { name: 'Verdict (any defendant)', exact: true }).selectOption({ label: outcome });
      await submit(page, filters.getByRole('button', { name: 'Show report' }), /\/reports\?/);
      return text(page.locator('#h-selection'));
    };
    await page.goto(`${stage.url}/reports`);
    expect(await text(page.locator('#h-selection'))).toBe('2 cases selected');
    expect(await reportFor('Conviction quashed')).toBe('1 case selected');
    expect(await text(page.locator('#by-year-title'))).toBeTruthy();
    expect(await reportFor('Acquitted')).toBe('1 case selected');
    expect(await reportFor('Sentence increased')).toBe('0 cases selected');
    // No statement was relied on: the convictions-on-retracted-statements table stays empty.
    await reportFor('Convicted');
    expect(await text(page.locator('#h-selection'))).toBe('1 case selected');
    expect(await text(page.locator('#convictions'))).toContain('None in this selection.');

    // Search › Filters › Verdict.
    const quashed = await searchByVerdict(page, stage.url, 'Conviction quashed');
    expect(quashed.heading).toBe('1 case');
    expect(quashed.text).toContain(code);
    const reduced = await searchByVerdict(page, stage.url, 'Sentence reduced');
    expect(reduced.heading).toBe('1 case');
    expect((await searchByVerdict(page, stage.url, 'Sentence increased')).heading).toBe('0 cases');

    // The proceedings export: one row per defendant per stage, with years and months as numbers.
    const rows = (await downloadCsv(page, stage.url, 'proceedings', 'verdict=convicted')).filter((r) => r.caseCode === code);
    expect(rows).toHaveLength(14);
    const row = (name: string, st: string) => {
      const found = rows.filter((r) => r.defendant === name && r.stage === st);
      expect(found).toHaveLength(1);
      return found[0];
    };
    for (const name of DEFENDANTS) {
      expect(row(name, 'Verdict')).toMatchObject({ proceeding: TRIAL, court: COURT, stageDate: '23 Dec 2014', stageDatePrecision: 'day', charges: 'ст. 209 ч. 2 УК РФ' });
      expect(row(name, 'Appeal').stageCourt).toBe(APPEAL_COURT);
    }
    expect(row('Aslan Kodzokov', 'Verdict')).toMatchObject({ outcome: 'Convicted', sentenceKind: 'Life imprisonment', sentenceYears: '', sentenceMonths: '', regime: 'Special-regime colony' });
    expect(row('Zaur Beshtoev', 'Verdict')).toMatchObject({ outcome: 'Convicted', sentenceYears: '22', sentenceMonths: '', suspended: 'no' });
    expect(row('Timur Nagoev', 'Verdict')).toMatchObject({ sentenceYears: '15', sentenceMonths: '6', sentence: 'Imprisonment, 15 years 6 months, strict-regime colony' });
    expect(row('Ruslan Kuliev', 'Verdict')).toMatchObject({ sentenceYears: '6', sentenceMonths: '6', regime: 'General-regime colony' });
    expect(row('Murat Shogenov', 'Verdict')).toMatchObject({ sentenceYears: '4', suspended: 'yes' });
    expect(row('Anzor Tlupov', 'Verdict')).toMatchObject({ sentenceKind: 'Fine', sentenceNote: '300,000 roubles' });
    expect(row('Eldar Kardanov', 'Verdict')).toMatchObject({ outcome: 'Acquitted', sentence: '', sentenceYears: '' });
    expect(row('Zaur Beshtoev', 'Appeal')).toMatchObject({ outcome: 'Sentence reduced', sentenceYears: '18', stageDate: 'Oct 2015', stageDatePrecision: 'month', stageDateEarliest: '2015-10-01', stageDateLatest: '2015-10-31' });
    expect(row('Ruslan Kuliev', 'Appeal')).toMatchObject({ outcome: 'Conviction quashed', sentenceYears: '' });
    expect(row('Eldar Kardanov', 'Appeal')).toMatchObject({ outcome: '', sentence: '' });

    // The dossier: every defendant's verdict and sentence at each stage.
    await page.goto(`${stage.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Dossier (print)' }).click();
    const item = page.locator(`#d-proceeding-${proceedingId}`);
    await item.waitFor();
    const facts = await dossierFacts(item);
    const verdictAt = facts.indexOf('Verdict (23 Dec 2014) | Verdicts:');
    const appealAt = facts.findIndex((f) => f.startsWith('Appeal (Oct 2015) | '));
    expect(verdictAt).toBeGreaterThan(-1);
    expect(appealAt).toBeGreaterThan(verdictAt);
    const firstFacts = facts.slice(verdictAt + 1, appealAt);
    expect(firstFacts).toEqual(expect.arrayContaining([
      '— Aslan Kodzokov | Convicted; Life imprisonment, special-regime colony',
      '— Zaur Beshtoev | Convicted; Imprisonment, 22 years, strict-regime colony',
      '— Timur Nagoev | Convicted; Imprisonment, 15 years 6 months, strict-regime colony',
      '— Ruslan Kuliev | Convicted; Imprisonment, 6 years 6 months, general-regime colony',
      '— Murat Shogenov | Convicted; Imprisonment, 4 years, suspended',
      '— Anzor Tlupov | Convicted; Fine; 300,000 roubles',
      '— Eldar Kardanov | Acquitted',
    ]));
    expect(firstFacts).toHaveLength(7);
    expect(facts.slice(appealAt + 1)).toEqual(expect.arrayContaining([
      '— Zaur Beshtoev | Sentence reduced; Imprisonment, 18 years, strict-regime colony',
      '— Ruslan Kuliev | Conviction quashed',
      '— Aslan Kodzokov | Upheld',
    ]));
    expect(facts[appealAt]).toContain(APPEAL_COURT);
    expect(errors).toEqual([]);
    expect(cerrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
