/**
 * Issue 15, "fewer clicks" (recording): the same well-documented case — a victim with three
 * spellings, three institutions, four events, an allegation, two statements, two complaints with
 * refusals, a proceeding, two files — recorded twice in a real browser: through the pages as
 * before (institutions and the person on their own pages first, then the case), and through the
 * quick case with the institutions created from inside the forms that pick them. Every click and
 * every page load is counted; the counts go to test-results/recording-clicks.json for the note.
 * Then the inline creation without script (a page of its own, coming back to the half-filled
 * form), with the duplicate warning in the dialog, at 390 px and by keyboard alone.
 */
import fs from 'node:fs';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { VIEWPORT, useAcceptanceStage } from '../support/acceptance-stage';
import { screenshotPath } from '../support/browser';
import {
  addAllegation, addComplaint, addEvent, addParticipant, addProceeding, addStatement, createCase, createInstitution, createPerson, EventEntry, expectFlash, fillEvent, fillStatement, StatementEntry,
  horizontalOverflow, pick, signInAs, submit, text, watchConsole, watchServerErrors,
} from '../support/case-ui';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { photo } from '../unit/media-fixtures';
import { caseSummary, CaseSummary } from '../support/case-summary';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { createPerson as createPersonRecord } from '../../src/people/person.service';
import { personSchema } from '../../src/people/person.schema';
import { createInstitution as createInstitutionRecord } from '../../src/institutions/institution.service';
import { institutionSchema } from '../../src/institutions/institution.schema';
import { createCase as createCaseRecord } from '../../src/cases/case.service';
import { createCaseSchema } from '../../src/cases/case.schema';

jest.setTimeout(300_000);

const stage = useAcceptanceStage();

interface Names {
  police: string;
  prosecutor: string;
  court: string;
  victim: [string, string, string];
}

/** Two cases, so that neither run meets the other's people and institutions in a duplicate warning. */
const BEFORE: Names = {
  police: 'Ministry of Internal Affairs of the Kabardino-Balkarian Republic',
  prosecutor: 'Prosecutor’s Office of the Kabardino-Balkarian Republic',
  court: 'Supreme Court of the Kabardino-Balkarian Republic',
  victim: ['Кудаев Расул', 'Rasul Kudaev', 'Rasul Kudayev'],
};
const AFTER: Names = {
  police: 'Department of Internal Affairs of Nalchik',
  prosecutor: 'Nalchik City Prosecutor’s Office',
  court: 'Nalchik City Court',
  victim: ['Бжамбеев Анзор', 'Anzor Bzhambeev', 'Anzor Bzhambeyev'],
};

/** Clicks (trusted, as a user makes them) and page loads in one browser context. */
async function countInteractions(context: BrowserContext, page: Page) {
  const n = { clicks: 0, loads: 0 };
  await context.exposeBinding('__casebookCountClick', () => void n.clicks++);
  await context.addInitScript(() => {
    document.addEventListener('click', (e) => { if (e.isTrusted) (window as unknown as { __casebookCountClick: () => void }).__casebookCountClick(); }, true);
  });
  page.on('load', () => void n.loads++);
  return {
    now: () => ({ ...n, total: n.clicks + n.loads }),
  };
}
type Count = { clicks: number; loads: number; total: number };
const minus = (a: Count, b: Count): Count => ({ clicks: a.clicks - b.clicks, loads: a.loads - b.loads, total: a.total - b.total });

/** "New institution…" beside a picker: the dialog, filled and saved; the picker then shows it chosen. */
async function newInstitutionInDialog(page: Page, scope: Page | Locator, pickerLabel: string, name: string, type: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: pickerLabel, exact: true });
  const picker = box.locator('xpath=ancestor::*[@data-picker][1]');
  await picker.getByRole('button', { name: 'New institution…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New institution' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('combobox', { name: 'Type', exact: true }).selectOption({ label: type });
  await dialog.getByRole('button', { name: 'Create institution' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await box.inputValue()).toBe(name);
  expect(await picker.locator('input[type="hidden"]').inputValue()).toMatch(/^[1-9]\d*$/);
}

const TORTURE = (n: Names): EventEntry => ({
  type: 'Torture or ill-treatment',
  title: 'Beaten in custody to force a confession',
  date: { precision: 'range', start: '2005-10-23', end: '2005-11' },
  institutions: [{ query: n.police.slice(0, 12), option: n.police }],
  people: [{ query: n.victim[1], option: n.victim[0], role: 'Victim' }],
});
const MEDICAL = (n: Names): EventEntry => ({
  type: 'Medical examination',
  title: 'Injuries photographed and medically documented',
  date: { precision: 'approximate', value: '2005-11' },
  people: [{ query: n.victim[2], option: n.victim[0], role: 'Victim' }],
});
const HEARING = (n: Names): EventEntry => ({ type: 'Hearing', title: 'Trial coming to a close', date: { precision: 'year', value: '2014' }, people: [{ query: n.victim[1], option: n.victim[0], role: 'Defendant' }] });
const ALLEGATION = (n: Names) => ({
  summary: 'Beaten in custody to force a confession',
  victim: { query: n.victim[1], option: n.victim[0] },
  status: 'Corroborated',
  events: ['Beaten in custody'],
  methods: ['Beating'],
  purposes: ['Extract a confession'],
  perpetrators: [{ institution: { query: n.police.slice(0, 12), option: n.police }, involvement: 'Carried out', attribution: 'Alleged by the victim' }],
});
const STATEMENTS = ['Confession of a co-defendant accusing him.', 'A second co-defendant’s confession.'];
const STATEMENT = (n: Names, content: string): StatementEntry => ({ makerDescription: 'Another detainee', kind: 'Confession', content, conditions: ['Made under duress (alleged)'], incriminates: [{ query: n.victim[2], option: n.victim[0] }] });
const COMPLAINTS = ['Complaint about the beatings in custody.', 'A further complaint about the torture.'];

/** Everything after the case and its first detention, through the pages as they were: a form per record, a page per response. */
async function recordTheRest(page: Page, caseId: number, n: Names): Promise<void> {
  await addEvent(page, caseId, TORTURE(n));
  await addEvent(page, caseId, MEDICAL(n));
  await addEvent(page, caseId, HEARING(n));
  await addAllegation(page, caseId, ALLEGATION(n));
  for (const content of STATEMENTS) await addStatement(page, caseId, STATEMENT(n, content));
  for (const description of COMPLAINTS) {
    await addComplaint(page, caseId, {
      filedByText: 'His defence',
      to: { query: n.prosecutor.slice(0, 10), option: n.prosecutor },
      request: 'Open a criminal investigation',
      description,
      responses: [{ outcome: 'Refused to open a criminal case', by: { query: n.prosecutor.slice(0, 10), option: n.prosecutor } }],
    });
  }
  await addProceeding(page, caseId, { title: 'Trial of the Nalchik defendants', court: { query: n.court.slice(0, 10), option: n.court }, defendants: [{ query: n.victim[1], option: n.victim[0] }], stages: [] });
  await addFiles(page);
}

async function addFiles(page: Page): Promise<void> {
  await page.locator('#evidence').getByRole('link', { name: 'Add evidence' }).click();
  await page.getByLabel('Files').setInputFiles([photo('Canon_40D.jpg'), photo('gps-DSCN0010.jpg')]);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Photographs before and after his arrest');
  await submit(page, page.getByRole('button', { name: 'Upload and save' }), /\/evidence\/\d+$/);
  await evidenceJobsIdle(stage.t.ds);
}

/**
 * The same records, the way the forms now allow: "Save and add another" for the events, "like it"
 * for the second statement and the second complaint (what repeats carries over), each complaint's
 * refusal in the complaint's own form (the responding institution defaulting to the addressee),
 * and the institutions created from inside the forms that first need them.
 */
async function recordTheRestQuickly(page: Page, caseId: number, n: Names): Promise<void> {
  const victim = n.victim[0];
  await page.locator('#events').getByRole('link', { name: 'Add event' }).click();
  await fillEvent(page, TORTURE(n));
  await submit(page, page.getByRole('button', { name: 'Save and add another event', exact: true }), new RegExp(`/cases/${caseId}/events/new$`));
  await expectFlash(page, 'Event added.');
  await fillEvent(page, MEDICAL(n));
  await submit(page, page.getByRole('button', { name: 'Save and add another event', exact: true }), new RegExp(`/cases/${caseId}/events/new$`));
  await fillEvent(page, HEARING(n));
  await submit(page, page.getByRole('button', { name: 'Add event', exact: true }), new RegExp(`/cases/${caseId}#event-\\d+$`));
  await expectFlash(page, 'Event added.');

  // The case has one victim: the allegation's victim is filled in with him (compared at the end).
  await addAllegation(page, caseId, { ...ALLEGATION(n), victim: undefined });

  await page.locator('#statements').getByRole('link', { name: 'Add statement' }).click();
  await fillStatement(page, STATEMENT(n, STATEMENTS[0]));
  await submit(page, page.getByRole('button', { name: 'Save and add another like it', exact: true }), new RegExp(`/cases/${caseId}/statements/new\\?like=\\d+$`));
  await expectFlash(page, 'Statement added.');
  expect(await text(page.getByRole('note'))).toContain('Filled in from the statement just saved');
  // Carried over: the kind, the conditions and whom it incriminates; not who made it or what it says.
  expect(await page.getByRole('textbox', { name: 'What it says', exact: true }).inputValue()).toBe('');
  expect(await page.getByRole('group', { name: 'Conditions under which it was made' }).getByRole('checkbox', { name: 'Made under duress (alleged)' }).isChecked()).toBe(true);
  expect(await page.getByRole('group', { name: 'People it incriminates' }).getByRole('combobox', { name: 'Person 1', exact: true }).inputValue()).toBe(victim);
  await page.getByRole('group', { name: 'Who made it' }).getByRole('textbox', { name: 'Description of the maker', exact: true }).fill('Another detainee');
  await page.getByRole('textbox', { name: 'What it says', exact: true }).fill(STATEMENTS[1]);
  await submit(page, page.getByRole('button', { name: 'Add statement', exact: true }), new RegExp(`/cases/${caseId}#statement-\\d+$`));

  // The prosecutor's office is first needed here: created from inside the complaint form; the refusal in the same form.
  await page.locator('#complaints').getByRole('link', { name: 'Add complaint' }).click();
  await page.getByRole('heading', { name: 'New complaint' }).waitFor();
  await page.getByRole('group', { name: 'Filed by' }).getByRole('textbox', { name: 'Filer, in words', exact: true }).fill('His defence');
  await newInstitutionInDialog(page, page, 'To which institution', n.prosecutor, 'Prosecutor\'s office');
  await page.getByRole('combobox', { name: 'What it asked for', exact: true }).selectOption({ label: 'Open a criminal investigation' });
  await page.getByRole('textbox', { name: 'Description', exact: true }).fill(COMPLAINTS[0]);
  const firstResponse = page.getByRole('group', { name: 'First response, if already known' });
  await firstResponse.getByRole('combobox', { name: 'Outcome', exact: true }).selectOption({ label: 'Refused to open a criminal case' });
  await submit(page, page.getByRole('button', { name: 'Save and add another like it', exact: true }), new RegExp(`/cases/${caseId}/complaints/new\\?like=\\d+$`));
  await expectFlash(page, 'Complaint and its response added.');
  expect(await page.getByRole('textbox', { name: 'Description', exact: true }).inputValue()).toBe('');
  expect(await page.getByRole('combobox', { name: 'To which institution', exact: true }).inputValue()).toBe(n.prosecutor);
  await page.getByRole('textbox', { name: 'Description', exact: true }).fill(COMPLAINTS[1]);
  await submit(page, page.getByRole('button', { name: 'Add complaint', exact: true }), new RegExp(`/cases/${caseId}#complaint-\\d+$`));
  await expectFlash(page, 'Complaint and its response added.');

  await page.locator('#proceedings').getByRole('link', { name: 'Add proceeding' }).click();
  await page.getByRole('heading', { name: 'New proceeding' }).waitFor();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Trial of the Nalchik defendants');
  await newInstitutionInDialog(page, page, 'Court', n.court, 'Court');
  await pick(page.getByRole('group', { name: 'Defendants' }), 'Defendant 1', n.victim[1], victim);
  await submit(page, page.getByRole('button', { name: 'Add proceeding', exact: true }), new RegExp(`/cases/${caseId}#proceeding-\\d+$`));
  await expectFlash(page, 'Proceeding added.');
  await addFiles(page);
}

/** One case's records with the other run's names put in, to compare the two runs. */
function withNames(summary: CaseSummary, from: Names, to: Names): CaseSummary {
  let json = JSON.stringify(summary);
  const pairs: [string, string][] = [[from.police, to.police], [from.prosecutor, to.prosecutor], [from.court, to.court], ...from.victim.map((v, i): [string, string] => [v, to.victim[i]])];
  for (const [a, b] of pairs) json = json.split(a).join(b);
  return JSON.parse(json) as CaseSummary;
}

let afterCaseId = 0;
let beforeCaseId = 0;

describe('recording a case: before and after (issue 15)', () => {
  const counts: Record<string, Count> = {};

  it('records the same case through the old pages and through the quick case, inline creation, "save and add another" and the first response in the complaint form: the same records in at most half the clicks and page loads', async () => {
    // Before: the pages as they were.
    {
      const context = await stage.browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const consoleErrors = watchConsole(page);
      const serverErrors = watchServerErrors(page);
      await signInAs(page, stage.url, stage.researcher.email);
      const counter = await countInteractions(context, page);
      const start = counter.now();
      await createInstitution(page, stage.url, { name: BEFORE.police, type: 'Police unit', region: 'Kabardino-Balkarian Republic' });
      await createInstitution(page, stage.url, { name: BEFORE.prosecutor, type: 'Prosecutor\'s office' });
      await createInstitution(page, stage.url, { name: BEFORE.court, type: 'Court' });
      await createPerson(page, stage.url, {
        names: [
          { name: BEFORE.victim[0] },
          { name: BEFORE.victim[1], kind: 'spelling' },
          { name: BEFORE.victim[2], kind: 'spelling' },
        ],
      });
      const { id } = await createCase(page, stage.url, { title: 'Rasul Kudaev: torture in custody', year: '2005', status: 'Open' });
      await addParticipant(page, id, BEFORE.victim[1], BEFORE.victim[0], 'Victim');
      await addEvent(page, id, {
        type: 'Arrest',
        title: 'Arrested in Nalchik',
        date: { precision: 'day', value: '2005-10-23' },
        place: 'Nalchik',
        institutions: [{ query: BEFORE.police.slice(0, 12), option: BEFORE.police }],
        people: [{ query: BEFORE.victim[1], option: BEFORE.victim[0], role: 'Victim' }],
      });
      counts.beforeStarted = minus(counter.now(), start);
      await recordTheRest(page, id, BEFORE);
      beforeCaseId = id;
      counts.beforeWhole = minus(counter.now(), start);
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }

    // After: the quick case, the institutions created from inside the forms that pick them.
    {
      const context = await stage.browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const consoleErrors = watchConsole(page);
      const serverErrors = watchServerErrors(page);
      await signInAs(page, stage.url, stage.researcher.email);
      const counter = await countInteractions(context, page);
      const start = counter.now();
      await page.goto(stage.url + '/');
      await page.getByRole('link', { name: 'Quick case' }).click();
      await page.getByRole('heading', { name: 'Quick case: from the source text' }).waitFor();
      await page.getByRole('textbox', { name: 'Text of the source', exact: true }).fill('Amnesty International, 2014: “Anzor Bzhambeev was arrested on 23 October 2005 on suspicion of participating in an armed group attack … in Nalchik.”');
      await page.getByRole('textbox', { name: 'Published by', exact: true }).fill('Amnesty International');
      await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Anzor Bzhambeev: torture in custody');
      await page.getByRole('spinbutton', { name: 'Year the case began', exact: true }).fill('2005');
      const victim = page.getByRole('group', { name: 'Victim 1', exact: true });
      await victim.getByRole('textbox', { name: 'Name', exact: true }).fill(AFTER.victim[0]);
      await victim.getByRole('textbox', { name: 'Other spellings', exact: true }).fill(`${AFTER.victim[1]}\n${AFTER.victim[2]}`);
      await page.getByRole('textbox', { name: 'Date', exact: true }).last().fill('23.10.2005');
      await page.getByRole('textbox', { name: 'Place', exact: true }).fill('Nalchik');
      await newInstitutionInDialog(page, page, 'Institution', AFTER.police, 'Police unit');
      await submit(page, page.getByRole('button', { name: 'Create case', exact: true }).last(), /\/cases\/\d+$/);
      const id = Number(/\/cases\/(\d+)$/.exec(page.url())![1]);
      afterCaseId = id;
      await expectFlash(page, 'created.');
      expect(await text(page.locator('#people'))).toContain(AFTER.victim[0]);
      counts.afterStarted = minus(counter.now(), start);
      await recordTheRestQuickly(page, id, AFTER);
      counts.afterWhole = minus(counter.now(), start);
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }

    fs.writeFileSync(screenshotPath('recording-clicks.json'), JSON.stringify(counts, null, 2) + '\n');

    // The same recording both ways: the same records at the end (the first detention's title aside: the quick case leaves it to the type).
    const before = withNames(await caseSummary(stage.t.ds, beforeCaseId), BEFORE, AFTER);
    const after = await caseSummary(stage.t.ds, afterCaseId);
    for (const s of [before, after]) for (const e of s.events) if (e.type === 'arrest') e.title = null;
    expect(after).toEqual(before);
    expect(after.victimNames).toEqual([...AFTER.victim].sort());
    expect(after.events.map((e) => e.type).sort()).toEqual(['arrest', 'hearing', 'medical_examination', 'torture_ill_treatment']);
    expect(after.allegations).toHaveLength(1);
    expect(after.statements.map((s) => [s.content, s.incriminates])).toEqual(STATEMENTS.map((c) => [c, [AFTER.victim[0]]]));
    expect(after.complaints.map((c) => [c.description, c.to, c.responses])).toEqual(COMPLAINTS.map((d) => [d, AFTER.prosecutor, [`refused_to_open by ${AFTER.prosecutor}`]]));
    expect(after.proceedings).toEqual([{ title: 'Trial of the Nalchik defendants', court: AFTER.court, defendants: [AFTER.victim[0]] }]);
    expect(after.evidence.map((e) => e.files.length)).toEqual([2]);
    // The part the quick case and inline creation replace: from the start page to a case with its victim and first detention.
    expect({ ...counts.afterStarted, halfOfBefore: counts.beforeStarted.total / 2 }).toEqual(expect.objectContaining({ total: expect.any(Number) }));
    expect(counts.afterStarted.total).toBeLessThanOrEqual(counts.beforeStarted.total / 2);
    expect(counts.afterStarted.clicks).toBeLessThanOrEqual(counts.beforeStarted.clicks / 2);
    // The whole case: at most half the clicks and page loads together (the target), fewer of each.
    expect(counts.afterWhole.total).toBeLessThanOrEqual(counts.beforeWhole.total / 2);
    expect(counts.afterWhole.clicks).toBeLessThan(counts.beforeWhole.clicks);
    expect(counts.afterWhole.loads).toBeLessThan(counts.beforeWhole.loads);
  });
});

const NARROW = { width: 390, height: 844 };

/** Whether the focused element shows a focus ring. */
const focusVisible = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  const style = getComputedStyle(el);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
});

describe('creating people and institutions from inside a form (issue 15)', () => {
  // What the first test leaves behind, when it has not run (jest -t): a case and the records the warnings find.
  beforeAll(async () => {
    if (afterCaseId) return;
    const user = { id: stage.researcher.id, role: 'researcher' } as never;
    await createPersonRecord(stage.t.ds, CLI_ACTOR, user, personSchema.parse({ names: [{ name: BEFORE.victim[0] }, { name: BEFORE.victim[2], kind: 'spelling' }], birth: {}, deathDate: {} }));
    await createPersonRecord(stage.t.ds, CLI_ACTOR, user, personSchema.parse({ names: [{ name: AFTER.victim[0] }, { name: AFTER.victim[1], kind: 'spelling' }], birth: {}, deathDate: {} }));
    await createInstitutionRecord(stage.t.ds, CLI_ACTOR, user, institutionSchema.parse({ name: AFTER.police, type: 'police_unit' }));
    afterCaseId = (await createCaseRecord(stage.t.ds, CLI_ACTOR, user, createCaseSchema.parse({ title: 'Inline creation', status: 'open' }))).id;
  });
  it('without script: a page of its own, with the duplicate warning, back to the half-filled form with the record chosen, at 390 px', async () => {
    const context = await stage.browser.newContext({ viewport: NARROW, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await page.goto(`${stage.url}/cases/${afterCaseId}/events/new`);
    await page.getByRole('combobox', { name: 'Type of event', exact: true }).selectOption({ label: 'Transfer' });
    await page.getByRole('textbox', { name: 'Short title', exact: true }).fill('Moved to the temporary detention facility');
    await page.getByRole('textbox', { name: 'Date', exact: true }).fill('24.10.2005');
    await page.getByRole('textbox', { name: 'What happened', exact: true }).fill('Typed before leaving the form: must come back.');

    // A person: the name resembles someone recorded, so the warning comes first.
    const person1 = page.locator('[data-picker]').filter({ has: page.getByRole('textbox', { name: 'Person 1', exact: true }) });
    await person1.getByRole('button', { name: 'New person…' }).click();
    await page.getByRole('heading', { name: 'New person' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Rasul Kudayev');
    await page.getByRole('button', { name: 'Create person' }).click();
    await page.getByRole('heading', { name: 'This person may already be recorded' }).waitFor();
    await page.getByRole('button', { name: `Choose ${BEFORE.victim[0]}` }).click();
    await page.getByRole('heading', { name: 'Add an event' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Short title', exact: true }).inputValue()).toBe('Moved to the temporary detention facility');
    expect(await page.getByRole('textbox', { name: 'What happened', exact: true }).inputValue()).toBe('Typed before leaving the form: must come back.');
    expect(await text(person1)).toContain(`Chosen: ${BEFORE.victim[0]}`);

    // An institution, new: created on its page, then chosen in the form.
    const institution1 = page.locator('[data-picker]').filter({ has: page.getByRole('textbox', { name: 'Institution 1', exact: true }) });
    await institution1.getByRole('button', { name: 'New institution…' }).click();
    await page.getByRole('heading', { name: 'New institution' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('ИВС УВД г. Нальчика');
    await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption({ label: 'Temporary detention facility (IVS)' });
    await page.getByRole('button', { name: 'Create institution' }).click();
    await page.getByRole('heading', { name: 'Add an event' }).waitFor();
    expect(await text(institution1)).toContain('Chosen: ИВС УВД г. Нальчика');
    expect(await text(person1)).toContain(`Chosen: ${BEFORE.victim[0]}`);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.getByRole('combobox', { name: 'Role of person 1', exact: true }).selectOption({ label: 'Victim' });
    await submit(page, page.getByRole('button', { name: 'Add event', exact: true }), new RegExp(`/cases/${afterCaseId}#event-\\d+$`));
    const item = page.locator('#events li.tl-item').filter({ hasText: 'Moved to the temporary detention facility' });
    expect(await text(item)).toContain('ИВС УВД г. Нальчика');
    expect(await text(item)).toContain(BEFORE.victim[0]);

    // The quick case without script at 390 px: the page fits.
    await page.goto(`${stage.url}/cases/quick`);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('with script: the dialog shows the duplicate warning, works by keyboard alone with visible focus, in Russian at 390 px', async () => {
    const context = await stage.browser.newContext({ viewport: NARROW });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const consoleErrors = watchConsole(page);
    const serverErrors = watchServerErrors(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await page.goto(`${stage.url}/language/ru?back=%2Fcases%2Fquick`);
    await page.goto(`${stage.url}/cases/quick`);
    await page.getByRole('heading', { name: 'Быстрое дело: по тексту источника' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);

    // Keyboard only: the button beside the event's institution picker opens the dialog.
    const opener = page.getByRole('button', { name: 'Новое учреждение…' });
    await page.getByRole('textbox', { name: 'Место', exact: true }).focus();
    await page.keyboard.press('Tab'); // the institution box
    await page.keyboard.press('Tab'); // "New institution…"
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Новое учреждение' });
    await dialog.getByRole('textbox', { name: 'Название', exact: true }).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Название', exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.getByRole('textbox', { name: 'Название', exact: true }).waitFor();
    await page.keyboard.type(AFTER.police); // recorded: the warning
    await page.keyboard.press('Tab');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('ArrowDown'); // the first type
    await page.keyboard.press('Tab'); // region
    await page.keyboard.press('Tab'); // locality
    await page.keyboard.press('Enter'); // submits the small form
    await dialog.getByRole('heading', { name: 'Возможно, это учреждение уже внесено' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    const choose = dialog.getByRole('button', { name: `Выбрать: ${AFTER.police}` });
    await choose.focus();
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const box = page.getByRole('combobox', { name: 'Орган или учреждение', exact: true });
    expect(await box.inputValue()).toBe(AFTER.police);
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

    // A person from the event form's picker, by the dialog: the warning names the recorded person in any spelling.
    await page.goto(`${stage.url}/cases/${afterCaseId}/events/new`);
    const person1 = page.locator('[data-picker]').filter({ has: page.getByRole('combobox', { name: 'Человек 1', exact: true }) });
    await person1.getByRole('button', { name: 'Новый человек…' }).click();
    const personDialog = page.getByRole('dialog', { name: 'Новый человек' });
    await personDialog.getByRole('textbox', { name: 'Имя', exact: true }).fill('Anzor Bzhambeyev');
    await personDialog.getByRole('button', { name: 'Добавить человека' }).click();
    await personDialog.getByRole('button', { name: `Выбрать: ${AFTER.victim[0]}` }).waitFor();
    await page.screenshot({ path: screenshotPath('recording-dialog-duplicate-ru-390.png') });
    await personDialog.getByRole('button', { name: 'Всё равно добавить нового человека' }).click();
    await personDialog.waitFor({ state: 'detached' });
    expect(await person1.getByRole('combobox', { name: 'Человек 1', exact: true }).inputValue()).toBe('Anzor Bzhambeyev');
    expect(await person1.locator('input[type="hidden"]').inputValue()).toMatch(/^[1-9]\d*$/);

    expect(consoleErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('the allegation form: methods under their groups with a filter, one perpetrator row to start, the picker hint once', async () => {
    const context = await stage.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const consoleErrors = watchConsole(page);
    await signInAs(page, stage.url, stage.researcher.email);
    await page.goto(`${stage.url}/cases/${afterCaseId}/allegations/new`);
    const methods = page.getByRole('group', { name: 'Methods', exact: true });
    expect(await methods.getByRole('group').evaluateAll((gs) => gs.map((g) => g.querySelector('legend')!.textContent!.trim()))).toEqual([
      'Physical violence', 'Positions and restraints', 'Deprivation and conditions of detention', 'Sexual violence', 'Threats and psychological methods', 'Other methods',
    ]);
    await methods.getByRole('checkbox', { name: 'Sleep deprivation', exact: true }).check();
    await methods.getByRole('searchbox', { name: 'Filter the methods' }).fill('elect');
    expect(await methods.getByRole('checkbox').evaluateAll((cs) => cs.filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => c.parentElement!.textContent!.trim()))).toEqual(['Electric shock', 'Sleep deprivation']);
    await page.keyboard.press('Enter'); // filters, never submits
    expect(page.url()).toMatch(/\/allegations\/new$/);
    await methods.getByRole('searchbox', { name: 'Filter the methods' }).fill('');
    expect(await methods.getByRole('checkbox').evaluateAll((cs) => cs.filter((c) => (c as HTMLElement).offsetParent !== null).length)).toBeGreaterThan(30);

    expect(await page.getByRole('group', { name: 'Perpetrator 1', exact: true }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Perpetrator 2', exact: true }).count()).toBe(0);
    const hints = await page.locator('[data-picker-hint-js]').evaluateAll((hs) => hs.filter((h) => (h as HTMLElement).offsetParent !== null).length);
    expect(hints).toBe(1);
    expect(await page.locator('[data-picker]').count()).toBeGreaterThan(3);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
