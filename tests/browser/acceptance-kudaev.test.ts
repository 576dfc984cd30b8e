/**
 * Acceptance (issue 3): the Kudaev case from seeds 000 (Amnesty International petition, 2014) and
 * 002 (Human Rights Watch, 28 March 2007), entered entirely through the pages by a researcher and
 * then read by a lawyer:
 *  - "arrested on 23 October 2005 on suspicion of participating in an armed group attack ... in Nalchik";
 *  - "police allegedly tortured him in an effort to extract a 'confession'" / "repeatedly beaten in
 *    custody in an effort to compel him to confess";
 *  - "Eyewitness testimony, photographs and medical documents support these allegations";
 *  - "Despite several complaints with the Prosecutor's Office, the investigation into his alleged
 *    torture has been rejected";
 *  - "confessions made by other detainees accusing Rasul ... later retracted by the detainees
 *    themselves claiming they had also been extracted under torture";
 *  - "The trial of Rasul Kudaev is coming to a close this year".
 * Where the sources give no date (complaints, refusals) none is invented: the record says so.
 */
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { Locator } from 'playwright-core';
import { screenshotPath } from '../support/browser';
import {
  addAllegation, addComplaint, addEvent, addParticipant, addProceeding, addStatement, createCase, createInstitution, createPerson, eventItem, expectFlash,
  fillDate, horizontalOverflow, openCaseFromList, signInAs, submit, text, timelinePicture, watchConsole, watchServerErrors,
} from '../support/case-ui';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { photo } from '../unit/media-fixtures';

jest.setTimeout(180_000);

const stage = useAcceptanceStage();

const POLICE = 'Ministry of Internal Affairs of the Kabardino-Balkarian Republic';
const PROSECUTOR = 'Prosecutor’s Office of the Kabardino-Balkarian Republic';
const PGO = 'Prosecutor General’s Office of the Russian Federation';
const DIRECTORATE = 'Directorate of the Prosecutor General’s Office for the North Caucasus Federal District';
const COURT = 'Supreme Court of the Kabardino-Balkarian Republic';
const KUDAEV = 'Кудаев Расул';
const TSUKANOV = 'Цуканов Алексей Николаевич';
const ALLEGATION = 'Beaten in custody to force a confession';

describe('acceptance: the Kudaev case (seeds 000 and 002)', () => {
  let caseId: number;
  let code: string;

  it('a researcher enters the institutions, the people, the case and everything in it through the pages', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);

    // Institutions, one of them under its parent chosen with the picker.
    await createInstitution(page, stage.url, {
      name: POLICE,
      aliases: ['МВД по Кабардино-Балкарской Республике', 'MVD KBR', 'Nalchik police'],
      type: 'Police unit',
      region: 'Kabardino-Balkarian Republic',
      locality: 'Nalchik',
    });
    await createInstitution(page, stage.url, {
      name: PROSECUTOR,
      aliases: ['Прокуратура Кабардино-Балкарской Республики', 'Prosecutor’s Office of Kabardino-Balkaria'],
      type: 'Prosecutor\'s office',
      region: 'Kabardino-Balkarian Republic',
      locality: 'Nalchik',
    });
    await createInstitution(page, stage.url, { name: PGO, aliases: ['Генеральная прокуратура Российской Федерации'], type: 'Prosecutor\'s office', region: 'Moscow' });
    const directorate = await createInstitution(page, stage.url, {
      name: DIRECTORATE,
      aliases: ['Directorate of the Prosecutor General’s Office for SKFO'],
      type: 'Prosecutor\'s office',
      parent: { query: 'Генеральная прокуратура', option: PGO },
    });
    await createInstitution(page, stage.url, { name: COURT, aliases: ['Верховный суд КБР'], type: 'Court', region: 'Kabardino-Balkarian Republic', locality: 'Nalchik' });

    // People, with every spelling the sources use.
    await createPerson(page, stage.url, {
      names: [
        { name: KUDAEV, script: 'Cyrillic', language: 'ru' },
        { name: 'Rasul Kudaev', script: 'Latin', language: 'en', kind: 'spelling' },
        { name: 'Rasul Kudayev', script: 'Latin', language: 'en', kind: 'spelling' },
      ],
      gender: 'male',
      region: 'Kabardino-Balkarian Republic',
      profiles: ['Former Guantanamo detainee'],
      notes: 'Held at Guantanamo Bay, returned to Russia in March 2004 and released without charges in 2004. Has always maintained his innocence.',
    });
    await createPerson(page, stage.url, {
      names: [
        { name: TSUKANOV, script: 'Cyrillic', language: 'ru' },
        { name: 'Aleksei Nikolaevich Tsukanov', script: 'Latin', language: 'en', kind: 'spelling' },
      ],
      gender: 'male',
      notes: 'Head of the Directorate of the Prosecutor General’s Office for the North Caucasus Federal District; addressee of the 2014 petition.',
    });

    ({ id: caseId, code } = await createCase(page, stage.url, {
      title: 'Rasul Kudaev: torture in custody after the Nalchik attack',
      year: '2005',
      status: 'Open',
      region: 'Kabardino-Balkarian Republic',
      summary:
        'A former Guantanamo detainee released in 2004 without charges, arrested on 23 October 2005 in Nalchik on suspicion of taking part in the armed attack on government buildings. ' +
        'Police allegedly beat him repeatedly in custody to extract a confession; eyewitness testimony, photographs and medical documents support the allegations. ' +
        'Several complaints to the prosecutor’s office were rejected. The court is considering other detainees’ confessions incriminating him, which they retracted as extracted under torture.',
      tags: 'nalchik, guantanamo, confession under torture',
    }));
    expect(code).toMatch(/^RU-2005-\d{4}$/);

    // People on the case. The picker finds the Cyrillic name by a Latin spelling.
    const form = page.getByRole('form', { name: 'Add a person to this case' });
    const box = form.getByRole('combobox', { name: 'Person', exact: true });
    await box.fill('Kudayev');
    const suggestion = page.locator(`[id="${await box.getAttribute('aria-controls')}"]`).getByRole('option').filter({ hasText: KUDAEV });
    await suggestion.waitFor();
    expect(await text(suggestion)).toContain('Rasul Kudayev');
    await box.fill('');
    await addParticipant(page, caseId, 'Kudayev', KUDAEV, 'Victim');
    await addParticipant(page, caseId, 'Kudaev', KUDAEV, 'Defendant');
    await addParticipant(page, caseId, 'Tsukanov', TSUKANOV, 'Official', 'Addressee of the 2014 petition');

    // The timeline.
    await addEvent(page, caseId, {
      type: 'Arrest',
      title: 'Arrested in Nalchik',
      date: { precision: 'day', value: '2005-10-23' },
      place: 'Nalchik',
      institutions: [{ query: 'MVD KBR', option: POLICE }],
      people: [{ query: 'Kudaev', option: KUDAEV, role: 'Victim' }],
      description: 'Arrested on suspicion of participating in the armed attack on government buildings in Nalchik (13 October 2005).',
    });
    await addEvent(page, caseId, {
      type: 'Torture or ill-treatment',
      title: ALLEGATION,
      date: { precision: 'range', start: '2005-10-23', end: '2005-11' },
      institutions: [{ query: 'Nalchik police', option: POLICE }],
      people: [{ query: 'Кудаев', option: KUDAEV, role: 'Victim' }],
      description: 'Repeatedly beaten in custody in an effort to compel him to confess to involvement in the uprising. The exact dates are not given in the sources.',
      followsFrom: ['Arrested in Nalchik'],
    });
    await addEvent(page, caseId, {
      type: 'Medical examination',
      title: 'Injuries photographed and medically documented',
      date: { precision: 'approximate', value: '2005-11' },
      people: [{ query: 'Kudayev', option: KUDAEV, role: 'Victim' }],
      description: 'Photographs (“before and after his arrest and torture”), medical documents and eyewitness testimony support the allegations of torture.',
      followsFrom: [ALLEGATION],
    });
    await addEvent(page, caseId, {
      type: 'Investigation refused',
      title: 'Investigation into the torture refused',
      date: { precision: 'range', start: '2005-11', end: '2014-04' },
      institutions: [{ query: 'Прокуратура Кабардино', option: PROSECUTOR }],
      description: 'Despite several complaints, the prosecutor’s office rejected an investigation. The sources date the refusals only as before the 2014 petition.',
    });
    await addEvent(page, caseId, {
      type: 'Hearing',
      title: 'Trial coming to a close',
      date: { precision: 'year', value: '2014' },
      institutions: [{ query: 'Верховный суд', option: COURT }],
      people: [{ query: 'Kudaev', option: KUDAEV, role: 'Defendant' }],
    });

    // The allegation.
    await addAllegation(page, caseId, {
      summary: ALLEGATION,
      victim: { query: 'Kudaev', option: KUDAEV },
      status: 'Corroborated',
      events: [ALLEGATION],
      methods: ['Beating'],
      purposes: ['Extract a confession'],
      perpetrators: [{ institution: { query: 'MVD KBR', option: POLICE }, involvement: 'Carried out', attribution: 'Alleged by the victim' }],
      places: [{ query: 'Nalchik police', option: POLICE }],
      physical: 'Injuries visible in photographs taken before and after his arrest, and recorded in medical documents.',
      description: 'Police allegedly tortured him after he was taken into custody, to extract a “confession”; he has always maintained his innocence.',
    });

    // Other detainees' confessions incriminating him, retracted as extracted under torture.
    await addStatement(page, caseId, {
      makerDescription: 'Other detainees in the Nalchik case',
      kind: 'Confession',
      content: 'Confessions accusing Rasul Kudaev of taking part in the attack, which the court is considering.',
      conditions: ['Made under duress (alleged)'],
      incriminates: [{ query: 'Kudayev', option: KUDAEV }],
      court: 'Submitted to the court',
      retraction: { forum: 'Court', reason: 'Extracted under torture' },
    });

    // Complaints, and the prosecutor's refusals.
    for (const description of ['Complaint about the beatings in custody.', 'A further complaint about the torture.']) {
      await addComplaint(page, caseId, {
        filedByText: 'Rasul Kudaev’s defence',
        to: { query: 'Prosecutor’s Office of Kabardino', option: PROSECUTOR },
        request: 'Open a criminal investigation',
        description,
        responses: [{ outcome: 'Refused to open a criminal case', by: { query: 'Прокуратура Кабардино', option: PROSECUTOR }, note: 'Date not given in the sources.' }],
      });
    }
    await addComplaint(page, caseId, {
      filedByText: 'Amnesty International (public petition)',
      to: { query: 'SKFO', option: DIRECTORATE },
      date: { precision: 'approximate', value: '2014-04' },
      request: 'Open a criminal investigation',
      description: 'Asks for impartial, effective and independent investigations, and for the torture allegations to be taken into account when the court assesses the evidence.',
      responses: [],
    });

    // The trial.
    await addProceeding(page, caseId, {
      title: 'The Nalchik trial',
      court: { query: 'Верховный суд КБР', option: COURT },
      defendants: [{ query: 'Kudayev', option: KUDAEV }],
      note: 'Kudaev and other defendants in the Nalchik case.',
      stages: [{ kind: 'Hearing', date: { precision: 'year', value: '2014' }, note: 'The trial is coming to a close (Amnesty International petition, 2014).' }],
    });

    // A source, cited for the allegation (the source is created on its own page, then cited from the case page).
    await page.locator('#sources').getByRole('link', { name: 'New source' }).click();
    await page.getByRole('combobox', { name: 'What kind of source', exact: true }).selectOption({ label: 'Organisation' });
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Human Rights Watch');
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('US Sent Guantanamo Detainees Home to Torture in Russia');
    await fillDate(page, 'Date', { precision: 'day', value: '2007-03-28' });
    await page.getByRole('combobox', { name: 'Relation to the information', exact: true }).selectOption({ label: 'NGO' });
    await page.getByRole('combobox', { name: 'Reliability', exact: true }).selectOption({ label: 'B – Usually reliable' });
    await submit(page, page.getByRole('button', { name: 'Add source', exact: true }), /\/sources\/\d+$/);
    await expectFlash(page, 'Source added.');
    await openCaseFromList(page, stage.url, code);
    const cite = page.getByRole('form', { name: 'Cite a source' });
    await cite.getByRole('combobox', { name: 'Source', exact: true }).selectOption({ label: await optionLabel(cite, 'Source', 'Human Rights Watch') });
    await cite.getByRole('combobox', { name: 'What it supports', exact: true }).selectOption({ label: await optionLabel(cite, 'What it supports', ALLEGATION, 'Allegation') });
    await cite.getByRole('textbox', { name: 'Page, paragraph or quotation', exact: true }).fill('“Kudaev was repeatedly beaten in custody in an effort to compel him to confess”');
    await submit(page, cite.getByRole('button', { name: 'Cite source' }), new RegExp(`/cases/${caseId}#citation-\\d+$`));
    await expectFlash(page, 'Source cited.');

    // One photograph through the evidence upload page, supporting the allegation.
    await page.locator('#evidence').getByRole('link', { name: 'Add evidence' }).click();
    await page.getByLabel('Files').setInputFiles([photo('Canon_40D.jpg')]);
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Photograph: before and after his arrest and torture in 2005');
    await page.getByRole('textbox', { name: 'Description', exact: true }).fill('Test stand-in for the photograph credited to Amnesty International.');
    await page.getByRole('textbox', { name: 'Received from', exact: true }).fill('Amnesty International');
    await page.getByRole('checkbox', { name: `Allegation: ${ALLEGATION}` }).check();
    await submit(page, page.getByRole('button', { name: 'Upload and save' }), /\/evidence\/\d+$/);
    await evidenceJobsIdle(stage.t.ds);

    // The parent institution shows on the directorate's page.
    await page.goto(`${stage.url}/institutions/${directorate}`);
    await page.getByRole('link', { name: PGO }).first().waitFor();

    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('a lawyer reads the case page: timeline picture and list, allegation, retracted statements, refusals, trial, people, institutions', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.lawyer.email);
    await openCaseFromList(page, stage.url, code);
    expect(page.url()).toBe(`${stage.url}/cases/${caseId}`);

    // Header.
    const header = page.locator('header.case-header');
    expect(await text(header.locator('h1'))).toBe('Rasul Kudaev: torture in custody after the Nalchik attack');
    await header.getByRole('link', { name: KUDAEV }).waitFor();
    expect(await text(header.locator('dt:has-text("Region") + dd'))).toBe('Kabardino-Balkarian Republic');
    expect(await text(header.locator('dt:has-text("Investigation") + dd'))).toBe('2 refusals, dates not recorded');

    // The timeline picture loads as an SVG image.
    const picture = await timelinePicture(page);
    expect(picture.src).toBe(`${stage.url}/cases/${caseId}/timeline.svg`);
    expect(picture.status).toBe(200);
    expect(picture.contentType).toMatch(/^image\/svg\+xml/);
    expect(picture.naturalWidth).toBeGreaterThan(0);
    expect(await page.locator('#events img.tl-picture').getAttribute('alt')).toMatch(/^Timeline picture: 5 events and 2 other records from .* to ≈ 2014\./);

    // The list: the arrest to the day, everything else visibly uncertain. ("c. Nov 2005" is sorted
    // at its centre, mid-November.) The other families' records are entries of their own (below).
    const titles = await page.locator('#events li.tl-item.tl-fam-event h3.tl-title').allTextContents();
    expect(titles).toHaveLength(5);
    expect(titles.filter((x) => x !== 'Injuries photographed and medically documented')).toEqual([
      'Arrested in Nalchik',
      ALLEGATION,
      'Investigation into the torture refused',
      'Trial coming to a close',
    ]);
    const arrest = eventItem(page, 'Arrested in Nalchik');
    expect(await arrest.locator('time').textContent()).toBe('23 Oct 2005');
    expect(await arrest.locator('time').getAttribute('datetime')).toBe('2005-10-23');
    expect(await arrest.locator('.tl-precision').count()).toBe(0);
    expect(await arrest.locator('svg.tl-mark.is-uncertain').count()).toBe(0);
    expect(await text(arrest.locator('dt:has-text("Place") + dd'))).toBe('Nalchik');
    expect(await text(arrest.locator('dt:has-text("Institutions") + dd'))).toBe(POLICE);
    expect(await text(arrest.locator('dt:has-text("People") + dd'))).toBe(`${KUDAEV} (Victim)`);
    expect(await text(arrest.locator('dt:has-text("Caused") + dd'))).toContain(ALLEGATION);
    const beaten = eventItem(page, ALLEGATION);
    expect(await text(beaten.locator('.tl-when'))).toBe('23 Oct 2005 – 30 Nov 2005 range');
    expect(await text(eventItem(page, 'Injuries photographed').locator('.tl-when'))).toBe('c. Nov 2005 ≈ approximate');
    expect(await text(eventItem(page, 'Trial coming to a close').locator('.tl-when'))).toBe('2014 ≈ year only');
    expect(await page.locator('#events li.tl-fam-event svg.tl-mark.is-uncertain').count()).toBe(4);
    // The other families are on the timeline too, read from their records: the dated complaint and the trial's hearing.
    const records = page.locator('#events li.tl-record');
    expect(await records.count()).toBe(2);
    expect(await text(records.filter({ hasText: 'Complaints and responses' }).locator('.tl-when'))).toBe('c. Apr 2014 ≈ approximate');
    expect(await text(records.filter({ hasText: 'Proceedings in court' }).locator('.tl-when'))).toBe('2014 ≈ year only');
    // A reader hides a family: with script, at once and remembered in the address.
    await page.locator('#events input[name="show"][value="complaint"]').uncheck();
    await page.waitForFunction(() => window.location.search.includes('tl=1'));
    expect(page.url()).toContain('show=event');
    expect(page.url()).not.toContain('show=complaint');
    expect(await page.locator('#events li.tl-fam-complaint:visible').count()).toBe(0);
    expect(await page.locator('#events img.tl-picture').getAttribute('src')).toContain('show=proceeding');
    await page.locator('#events input[name="show"][value="complaint"]').check();
    expect(await page.locator('#events li.tl-fam-complaint:visible').count()).toBe(1);

    // The allegation: method, purpose, perpetrator and how we know.
    const allegation = page.locator('#allegations li.al-item').filter({ hasText: ALLEGATION });
    expect(await text(allegation.locator('.al-head'))).toBe(`${ALLEGATION} Corroborated`);
    expect(await text(allegation.locator('dt:has-text("Victim") + dd'))).toBe(KUDAEV);
    expect(await text(allegation.locator('dt:has-text("Methods") + dd'))).toBe('Beating');
    expect(await text(allegation.locator('dt:has-text("Purpose") + dd'))).toBe('Extract a confession');
    expect(await text(allegation.locator('.al-perpetrators li'))).toBe(`${POLICE} — carried out — ? alleged by the victim`);

    // The statement: who incriminates whom, and the retraction.
    const statement = page.locator('#statements li.statement');
    expect(await statement.count()).toBe(1);
    expect(await statement.getAttribute('class')).toContain('is-retracted');
    expect(await text(statement.locator('.record-title'))).toContain('Confession by Other detainees in the Nalchik case');
    expect(await text(statement.locator('.retraction'))).toBe('Retracted at trial: Extracted under torture');
    expect(await text(statement.locator('p').filter({ hasText: 'Incriminates:' }))).toBe(`Incriminates: ${KUDAEV}`);

    // Complaints: the count of refusals at a glance, and each response.
    const complaints = page.locator('#complaints');
    expect(await text(complaints.locator('.complaint-summary'))).toBe('2 refusals, dates not recorded');
    expect(await text(complaints.locator('.complaint-overview > p.muted'))).toBe('3 complaints, 2 responses, 1 without any response recorded.');
    expect(await complaints.locator('.response-timeline li.is-refusal').count()).toBe(2);
    const petition = complaints.locator('li').filter({ hasText: 'Amnesty International (public petition)' }).first();
    expect(await text(petition.locator('.record-title'))).toBe(`Open a criminal investigation — to ${DIRECTORATE}, c. Apr 2014 (not known to the day)`);

    // The trial.
    const trial = page.locator('#proceedings li').filter({ hasText: 'The Nalchik trial' }).first();
    expect(await text(trial)).toContain(`Defendants: ${KUDAEV}`);
    expect(await text(trial.locator('.stage-chain'))).toBe('hearing (2014)');

    // Evidence and sources.
    const card = page.locator('#evidence').getByRole('link', { name: /Photograph: before and after/ });
    await card.scrollIntoViewIfNeeded();
    const thumb = card.locator('img');
    await thumb.evaluate((img: HTMLImageElement) => (img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })));
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.locator('#evidence').screenshot({ path: screenshotPath('acceptance-kudaev-evidence.png') });
    const source = page.locator('#sources li').filter({ hasText: 'Human Rights Watch' }).first();
    expect(await text(source)).toContain(`Supports: Allegation: ${ALLEGATION} (${KUDAEV}) — “Kudaev was repeatedly beaten`);

    // People and institutions.
    const people = await text(page.locator('#people'));
    expect(people).toContain(`${KUDAEV} — Victim`);
    expect(people).toContain(`${KUDAEV} — Defendant`);
    expect(people).toContain(`${TSUKANOV} — Official`);
    const institutions = page.locator('#institutions');
    for (const name of [POLICE, PROSECUTOR, DIRECTORATE, COURT]) await institutions.getByRole('link', { name, exact: true }).waitFor();

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('acceptance-kudaev.png'), fullPage: true });
    await page.locator('#events figure').screenshot({ path: screenshotPath('acceptance-kudaev-timeline.png') });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForFunction(() => (document.querySelector('#events img.tl-picture') as HTMLImageElement | null)?.currentSrc.includes('layout=narrow'));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The person's page shows every spelling and the profile.
    await page.setViewportSize(VIEWPORT);
    await Promise.all([page.waitForURL(/\/people\/\d+$/), page.locator('#people').getByRole('link', { name: KUDAEV }).first().click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const personPage = await text(page.locator('main'));
    for (const s of ['Rasul Kudaev', 'Rasul Kudayev', 'Former Guantanamo detainee']) expect(personPage).toContain(s);

    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});

/** The full label of the option of a select whose text contains every part. */
async function optionLabel(scope: Locator, select: string, ...parts: string[]): Promise<string> {
  const options = await scope.getByRole('combobox', { name: select, exact: true }).locator('option').allTextContents();
  const match = options.find((o) => parts.every((p) => o.includes(p)));
  if (!match) throw new Error(`no option of "${select}" with ${JSON.stringify(parts)} among ${JSON.stringify(options)}`);
  return match;
}
