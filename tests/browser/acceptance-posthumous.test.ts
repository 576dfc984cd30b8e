/**
 * Acceptance (issue 11): a death in custody followed by a posthumous verdict, modelled on Sergei
 * Magnitsky (arrested November 2008; died in custody at Matrosskaya Tishina pre-trial detention
 * centre on 16 November 2009; tried with Bill Browder, in absentia, and convicted posthumously by
 * the Tverskoy District Court of Moscow on 11 July 2013). Entered through the pages: the death on
 * the person page, then the proceeding and its verdict. Then the person page, the case header,
 * the proceeding, the deaths-in-custody report, the people and proceedings exports and the dossier
 * are read. One bad input: a date of death before the date of birth.
 */
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import {
  addParticipant, addProceeding, chartTable, createCase, createInstitution, createPerson, dossierFacts, downloadCsv, fillDeath, horizontalOverflow,
  recordDeath, signInAs, text, watchConsole, watchServerErrors,
} from '../support/case-ui';

jest.setTimeout(180_000);

const stage = useAcceptanceStage();
const SIZO = 'SIZO-1 Matrosskaya Tishina';
const COURT = 'Tverskoy District Court of Moscow';
const AFTER_DEATH = 'Verdict delivered after the defendant’s death';

describe('acceptance: a death in custody followed by a posthumous verdict', () => {
  let caseId: number;
  let code: string;
  let personId: number;
  let proceedingId: number;
  const consoleErrors: string[] = [];
  const serverErrors: string[] = [];

  it('a researcher records the death on the person page, after a death date before the birth is refused', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cons = watchConsole(page);
    const errs = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await createInstitution(page, stage.url, { name: SIZO, aliases: ['Матросская тишина'], type: 'Pre-trial detention centre (SIZO)', locality: 'Moscow' });
    await createInstitution(page, stage.url, { name: COURT, type: 'Court', locality: 'Moscow' });
    personId = await createPerson(page, stage.url, {
      names: [{ name: 'Sergei Magnitsky', script: 'Latin' }, { name: 'Сергей Магнитский', script: 'Cyrillic', kind: 'spelling' }],
      gender: 'male',
      birth: { precision: 'day', value: '1972-04-08' },
    });
    await createPerson(page, stage.url, { names: [{ name: 'Bill Browder', script: 'Latin' }], gender: 'male' });

    // Bad input: a death before the birth. The message stands beside the date; nothing is saved.
    await fillDeath(page, stage.url, personId, { date: { precision: 'day', value: '1960-01-01' }, inCustody: 'Yes, in custody' });
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Save person', exact: true }).click()]);
    expect(res.status()).toBe(422);
    const dateField = page.getByRole('group', { name: 'Date of death', exact: true }).getByRole('textbox', { name: 'Date', exact: true });
    expect(await dateField.getAttribute('aria-invalid')).toBe('true');
    expect(await text(page.locator(`[id="${await dateField.getAttribute('aria-describedby')}"]`))).toBe('The date of death is before the date of birth.');
    expect(await text(dateField.locator('xpath=..'))).toContain('The date of death is before the date of birth.');
    await page.goto(`${stage.url}/people/${personId}`);
    expect(await page.locator('#death').count()).toBe(0);
    expect(await text(page.locator('header.case-header'))).not.toContain('Died');

    await recordDeath(page, stage.url, personId, {
      date: { precision: 'day', value: '2009-11-16' },
      inCustody: 'Yes, in custody',
      place: 'Moscow, in the detention centre’s medical unit',
      institution: { query: 'Matrosskaya', option: SIZO },
      causeOfficial: 'heart failure',
      causeAlleged: 'beaten',
    });
    const death = page.locator('#death');
    expect(await text(death)).toContain('16 Nov 2009 in custody');
    expect(await text(death)).toContain(SIZO);
    expect(await text(death)).toContain('Official cause: heart failure');
    expect(await text(death)).toContain('Alleged cause: beaten');
    expect(await text(page.locator('header.case-header dt:has-text("Died")'))).toBe('Died');

    ({ id: caseId, code } = await createCase(page, stage.url, { title: 'Sergei Magnitsky: death in custody and posthumous trial', year: '2008' }));
    await addParticipant(page, caseId, 'Magnitsky', 'Sergei Magnitsky', 'Defendant');
    await addParticipant(page, caseId, 'Browder', 'Bill Browder', 'Defendant', 'tried in absentia');
    proceedingId = await addProceeding(page, caseId, {
      title: 'Tax evasion trial of Magnitsky and Browder',
      court: { query: 'Tverskoy', option: COURT },
      defendants: [
        { query: 'Magnitsky', option: 'Sergei Magnitsky', charge: 'ст. 199 ч. 2 УК РФ' },
        { query: 'Browder', option: 'Bill Browder', charge: 'ст. 199 ч. 2 УК РФ' },
      ],
      stages: [
        {
          kind: 'Verdict',
          date: { precision: 'day', value: '2013-07-11' },
          verdicts: [
            { defendant: 'Sergei Magnitsky', outcome: 'Convicted', note: 'proceedings then closed because of his death' },
            { defendant: 'Bill Browder', outcome: 'Convicted', sentenceKind: 'Imprisonment', years: '9', regime: 'General-regime colony' },
          ],
        },
      ],
    });
    // The refused save answers 422, which the browser logs; nothing else may be logged.
    const expected = cons.filter((m) => m.endsWith(`/people/${personId}: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)`));
    expect(expected).toHaveLength(1);
    consoleErrors.push(...cons.filter((m) => !expected.includes(m)));
    serverErrors.push(...errs);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the case header, the proceeding and the person page say he died in custody and the verdict came after', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cons = watchConsole(page);
    const errs = watchServerErrors(page);
    await signInAs(page, stage.url, stage.lawyer.email);
    await page.goto(`${stage.url}/cases/${caseId}`);
    const header = page.locator('header.case-header');
    expect(await text(header.locator('dt:has-text("Deaths") + dd'))).toBe('Sergei Magnitsky: died in custody, 16 Nov 2009');
    expect(await text(header.locator('dt:has-text("Proceedings") + dd'))).toBe(AFTER_DEATH);
    const proceeding = page.locator(`#proceeding-${proceedingId}`);
    expect(await text(proceeding.locator('p.posthumous').first())).toBe(`${AFTER_DEATH}.`);
    const st = proceeding.locator('.stage-list > li').first();
    expect(await text(st.locator('p.posthumous'))).toBe('Held after the death of Sergei Magnitsky: verdict delivered after the defendant’s death.');
    const magnitsky = st.locator('.verdict-list li').filter({ hasText: 'Sergei Magnitsky' });
    expect(await text(magnitsky)).toBe('Sergei Magnitsky: Convicted — proceedings then closed because of his death after death');
    expect(await magnitsky.locator('.tag', { hasText: 'after death' }).count()).toBe(1);
    const browder = st.locator('.verdict-list li').filter({ hasText: 'Bill Browder' });
    expect(await text(browder)).toBe('Bill Browder: Convicted Imprisonment, 9 years, general-regime colony');
    // The header's name leads to the death on the person page.
    await header.getByRole('link', { name: 'Sergei Magnitsky' }).click();
    await page.waitForURL(new RegExp(`/people/${personId}#death$`));
    expect(await text(page.locator('#death'))).toMatch(/^16 Nov 2009 in custody/);

    await page.goto(`${stage.url}/cases/${caseId}`);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('posthumous-case-390.png'), fullPage: false });
    expect(cons).toEqual([]);
    expect(errs).toEqual([]);
    await context.close();
  });

  it('the deaths report, the exports and the dossier carry the death and the posthumous verdict', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cons = watchConsole(page);
    const errs = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await page.goto(stage.url + '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    const deaths = page.locator('#deaths-in-custody');
    expect(await text(deaths.locator('p').first())).toBe('1 person of these cases died in custody.');
    const byYear = await chartTable(page, 'deaths-by-year');
    expect(byYear['2009']).toBe(1);
    expect(Object.values(byYear).reduce((a, b) => a + b, 0)).toBe(1);
    expect(await chartTable(page, 'deaths-by-institution')).toEqual({ [SIZO]: 1 });

    const people = (await downloadCsv(page, stage.url, 'people')).filter((r) => r.caseCode === code);
    const row = people.find((r) => r.person === 'Sergei Magnitsky' && r.role === 'Defendant')!;
    expect(row).toMatchObject({
      died: 'yes', deathDate: '16 Nov 2009', deathDatePrecision: 'day', deathDateEarliest: '2009-11-16', deathDateLatest: '2009-11-16',
      deathInCustody: 'In custody', deathInstitution: SIZO, deathCauseOfficial: 'heart failure', deathCauseAlleged: 'beaten',
      birth: '8 Apr 1972', birthPrecision: 'day',
    });
    expect(people.find((r) => r.person === 'Bill Browder')).toMatchObject({ died: 'no', deathDate: '', deathInCustody: '' });
    const proceedings = (await downloadCsv(page, stage.url, 'proceedings')).filter((r) => r.caseCode === code);
    expect(proceedings).toHaveLength(2);
    expect(proceedings.find((r) => r.defendant === 'Sergei Magnitsky')).toMatchObject({ stage: 'Verdict', stageDate: '11 Jul 2013', outcome: 'Convicted', afterDefendantsDeath: 'yes' });
    expect(proceedings.find((r) => r.defendant === 'Bill Browder')).toMatchObject({ outcome: 'Convicted', sentenceYears: '9', afterDefendantsDeath: 'no' });

    await page.goto(`${stage.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Dossier (print)' }).click();
    await page.locator('article.dossier').waitFor();
    const cover = await dossierFacts(page.locator('header.dossier-cover'));
    expect(cover).toEqual(expect.arrayContaining(['Deaths | Sergei Magnitsky: died in custody, 16 Nov 2009', `Proceedings | ${AFTER_DEATH}`]));
    const person = page.locator('.dossier-item').filter({ has: page.locator('h3', { hasText: /^Sergei Magnitsky$/ }) });
    expect(await text(person.locator('p').first())).toContain('Died in custody');
    expect(await dossierFacts(person)).toEqual(expect.arrayContaining([
      `Death | died in custody, 16 Nov 2009; Moscow, in the detention centre’s medical unit; ${SIZO}`,
      'Cause of death (official) | heart failure',
      'Cause of death (alleged) | beaten',
    ]));
    const proceeding = page.locator(`#d-proceeding-${proceedingId}`);
    expect(await text(proceeding)).toContain(AFTER_DEATH);
    expect(await dossierFacts(proceeding)).toEqual(expect.arrayContaining([
      '— Sergei Magnitsky | Convicted; proceedings then closed because of his death; after the defendant’s death',
      '— Bill Browder | Convicted; Imprisonment, 9 years, general-regime colony',
    ]));
    expect(cons).toEqual([]);
    expect(errs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
