/**
 * Acceptance (issue 3): a group case with an approximate count and unidentified victims, from
 * seed 001 (Amnesty International, January 2019): "around 40 individuals have reportedly been
 * detained in a government building in the city of Argun ... At least two individuals are reported
 * to have died after being tortured ... The authorities are also said to be destroying the
 * individuals' passports." Entered by a researcher through the pages only; read by a stage.lawyer.
 */
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import {
  addAllegation, addEvent, eventItem, createCase, createInstitution, horizontalOverflow, openCaseFromList, signInAs, text, timelinePicture, watchConsole, watchServerErrors,
} from '../support/case-ui';

jest.setTimeout(120_000);

const stage = useAcceptanceStage();

const BUILDING = 'Government building in Argun';

describe('acceptance: the Argun group case (seed 001)', () => {
  let caseId: number;
  let code: string;

  it('a researcher enters the group case, its events and the allegation through the pages', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);

    await createInstitution(page, stage.url, {
      name: BUILDING,
      aliases: ['Административное здание в Аргуне'],
      type: 'Government building',
      region: 'Chechen Republic',
      locality: 'Argun',
      notes: 'Where around 40 people believed to be gay or lesbian were reportedly held from late December 2018 (Russian LGBT Network, via Amnesty International).',
    });

    ({ id: caseId, code } = await createCase(page, stage.url, {
      title: 'Argun: detention and torture of people believed to be gay or lesbian',
      year: '2018',
      status: 'Open',
      region: 'Chechen Republic',
      summary:
        'Since the end of December 2018 the Chechen authorities have reportedly detained around 40 people believed to be gay or lesbian in a government building in Argun, ' +
        'where they were tortured and otherwise ill-treated. At least two are reported to have died after torture. The authorities are said to be destroying the victims’ passports, ' +
        'which makes it difficult for them to leave Chechnya.',
      group: {
        description: 'People believed to be gay or lesbian, detained in Argun (mostly unidentified)',
        countPrecision: 'Around',
        count: '40',
        deathPrecision: 'At least',
        deaths: '2',
      },
      tags: 'lgbti, argun, chechnya purge',
    }));
    expect(code).toMatch(/^RU-2018-\d{4}$/);

    const detention = await addEvent(page, caseId, {
      type: 'Detention',
      title: 'Around 40 people detained in a government building in Argun',
      date: { precision: 'range', start: '2018-12', end: '2019-01' },
      place: 'Argun',
      institutions: [{ query: 'Argun', option: BUILDING }],
      description: 'A new wave of arbitrary detentions of people believed to be gay or lesbian, reported from the end of December 2018.',
    });
    await addEvent(page, caseId, {
      type: 'Death in custody',
      title: 'At least two people reported to have died after torture',
      date: { precision: 'range', start: '2018-12', end: '2019-01' },
      place: 'Argun',
      institutions: [{ query: 'Argun', option: BUILDING }],
      followsFrom: ['Around 40 people detained'],
    });
    await addEvent(page, caseId, {
      type: 'Document destroyed',
      title: 'Victims’ passports destroyed',
      date: { precision: 'approximate', value: '2019-01' },
      description: 'According to confidential sources, the authorities destroyed some victims’ passports to prevent them from leaving the country.',
      followsFrom: ['Around 40 people detained'],
    });

    await addAllegation(page, caseId, {
      summary: 'Detained and tortured in a government building in Argun',
      status: 'Alleged',
      events: ['Around 40 people detained'],
      methods: ['Other'],
      purposes: ['Discriminate', 'Punish'],
      perpetrators: [{ description: 'Chechen authorities', involvement: 'Carried out', attribution: 'Alleged by a witness' }],
      places: [{ query: 'Argun', option: BUILDING }],
      description: 'Torture and other ill-treatment of the detained group; the methods are not described in the reports.',
    });
    expect(detention).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('a lawyer reads it: group count and deaths in the header, the group as the victim, the unidentified perpetrator', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.lawyer.email);
    await openCaseFromList(page, stage.url, code);
    expect(page.url()).toBe(`${stage.url}/cases/${caseId}`);

    const header = page.locator('header.case-header');
    const victims = (await header.locator('dt:has-text("Victims") + dd').textContent())!.replace(/\s+/g, ' ');
    expect(victims).toContain('around 40 people');
    expect(victims).toContain('at least 2 dead');
    expect(victims).toContain('People believed to be gay or lesbian');
    expect(await header.locator('dt:has-text("Region") + dd').textContent()).toBe('Chechen Republic');
    for (const tag of ['lgbti', 'argun', 'chechnya purge']) await header.getByRole('link', { name: tag, exact: true }).waitFor();

    // Timeline: all three events are uncertain (a range or an approximate month) and say so.
    const picture = await timelinePicture(page);
    expect(picture.src).toBe(`${stage.url}/cases/${caseId}/timeline.svg`);
    expect(picture.status).toBe(200);
    expect(picture.contentType).toMatch(/^image\/svg\+xml/);
    expect(picture.naturalWidth).toBeGreaterThan(0);
    const items = page.locator('#events li.tl-item.tl-fam-event');
    expect(await items.count()).toBe(3);
    const detention = eventItem(page, 'Around 40 people detained');
    expect((await detention.locator('.tl-when').textContent())!.replace(/\s+/g, ' ')).toContain('Dec 2018 – Jan 2019');
    expect(await detention.locator('.tl-precision').textContent()).toContain('range');
    const passports = eventItem(page, 'Victims’ passports destroyed');
    expect(await passports.locator('.tl-type').textContent()).toContain('Document destroyed');
    expect(await passports.locator('.tl-when').textContent()).toContain('c. Jan 2019');
    expect(await passports.locator('.tl-precision').textContent()).toContain('approximate');
    expect(await page.locator('#events li.tl-fam-event svg.tl-mark.is-uncertain').count()).toBe(3);

    // The allegation concerns the group, not a named person; the perpetrator is a description.
    const allegation = page.locator('#allegations li.al-item');
    expect(await allegation.count()).toBe(1);
    const victimText = (await allegation.locator('dt:has-text("Victim") + dd').textContent())!;
    expect(victimText).toContain('People believed to be gay or lesbian');
    const perpetrator = await text(allegation.locator('.al-perpetrators li'));
    expect(perpetrator).toBe('Chechen authorities — carried out — ? alleged by a witness');
    expect(await allegation.locator('dt:has-text("Where") + dd').textContent()).toContain(BUILDING);

    // The institution is listed, and no people were needed.
    await page.locator('#institutions').getByRole('link', { name: BUILDING }).waitFor();
    expect(await page.locator('#people').textContent()).toContain('No one added yet.');

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('acceptance-argun.png'), fullPage: true });
    await page.locator('#events figure').screenshot({ path: screenshotPath('acceptance-argun-timeline.png') });
    // On a phone the picture switches to its narrow layout and the page still does not scroll sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForFunction(() => (document.querySelector('#events img.tl-picture') as HTMLImageElement | null)?.currentSrc.includes('layout=narrow'));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('acceptance-argun-phone.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
