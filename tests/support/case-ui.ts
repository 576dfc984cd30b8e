/**
 * What a researcher does in the browser to enter a case, step by step, through the real forms:
 * sign in, create institutions and people, the case, its events, allegations, statements,
 * complaints and proceedings. Used by the acceptance tests in tests/browser/acceptance-*.test.ts.
 * Every helper goes through labels and roles, like a user (and a screen reader) would.
 */
import { Locator, Page, Response } from 'playwright-core';
import { readFileSync } from 'fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { PASSWORD } from './app';

export type PartialDateEntry =
  | { precision: 'day' | 'month' | 'year' | 'approximate'; value: string }
  | { precision: 'range'; start: string; end: string };

/** Console errors and uncaught page errors, gathered while a page is used. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  return errors;
}

/** Responses of 500 and above (pages, scripts, pictures, picker searches) while a page is used. */
export function watchServerErrors(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (res: Response) => {
    if (res.status() >= 500) failures.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return failures;
}

export async function signInAs(page: Page, baseUrl: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(baseUrl + '/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(baseUrl + '/');
}

/** Clicks a submit button and waits for the page the server answers with (after its redirect). */
export async function submit(page: Page, button: Locator, expectedUrl: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(expectedUrl), button.click()]);
}

/** The flash message shown after a save (role=status). */
export async function expectFlash(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

/**
 * Types into a search-as-you-type picker (a combobox) and clicks the suggestion whose text
 * contains `option`. Returns the record number the picker put in its hidden field.
 */
export async function pick(scope: Page | Locator, label: string, query: string, option: string | RegExp): Promise<string> {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(query);
  const listboxId = await box.getAttribute('aria-controls');
  if (!listboxId) throw new Error(`picker "${label}" has no listbox`);
  const page = 'page' in scope ? scope.page() : scope;
  const choice = page.locator(`[id="${listboxId}"]`).getByRole('option').filter({ hasText: option }).first();
  await choice.waitFor();
  await choice.click();
  const root = box.locator('xpath=ancestor::*[@data-picker][1]');
  const chosen = await root.locator('input[type="hidden"]').inputValue();
  if (!/^[1-9][0-9]*$/.test(chosen)) throw new Error(`picker "${label}" did not take "${String(option)}" (hidden value "${chosen}")`);
  return chosen;
}

/** Fills a partial-date fieldset (views/partials/partial-date.ejs) found by its legend. */
export async function fillDate(scope: Page | Locator, legend: string, d: PartialDateEntry): Promise<void> {
  const group = scope.getByRole('group', { name: legend, exact: true });
  await group.getByRole('combobox', { name: 'Precision', exact: true }).selectOption(d.precision);
  if (d.precision === 'range') {
    await group.getByRole('textbox', { name: 'From', exact: true }).fill(d.start);
    await group.getByRole('textbox', { name: 'To', exact: true }).fill(d.end);
  } else {
    await group.getByRole('textbox', { name: 'Date', exact: true }).fill(d.value);
  }
}

export async function checkAll(scope: Page | Locator, legend: string, labels: string[]): Promise<void> {
  const group = scope.getByRole('group', { name: legend, exact: true });
  for (const l of labels) await group.getByRole('checkbox', { name: l, exact: true }).check();
}

const idFrom = (url: string, pattern: RegExp) => {
  const m = pattern.exec(url);
  if (!m) throw new Error(`no id in ${url}`);
  return Number(m[1]);
};

export interface InstitutionEntry {
  name: string;
  aliases?: string[];
  type: string; // label, e.g. "Police unit"
  region?: string; // label
  locality?: string;
  parent?: { query: string; option: string };
  notes?: string;
}

/** Institutions › Add an institution. Fails if the duplicate warning appears. Returns the id. */
export async function createInstitution(page: Page, baseUrl: string, i: InstitutionEntry): Promise<number> {
  await page.goto(baseUrl + '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Institutions' }).click();
  await page.getByRole('link', { name: 'Add an institution' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(i.name);
  for (const [n, alias] of (i.aliases ?? []).entries()) await page.getByRole('textbox', { name: `Alias ${n + 1}`, exact: true }).fill(alias);
  await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption({ label: i.type });
  if (i.parent) await pick(page, 'Part of (parent institution)', i.parent.query, i.parent.option);
  if (i.region) await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ label: i.region });
  if (i.locality) await page.getByRole('textbox', { name: 'Locality', exact: true }).fill(i.locality);
  if (i.notes) await page.getByRole('textbox', { name: 'Notes', exact: true }).fill(i.notes);
  await submit(page, page.getByRole('button', { name: 'Create institution' }), /\/institutions(\/\d+)?$/);
  if (await page.getByRole('heading', { name: 'This institution may already be recorded' }).count()) {
    throw new Error(`duplicate warning while creating institution ${i.name}`);
  }
  await expectFlash(page, 'Institution added.');
  return idFrom(page.url(), /\/institutions\/(\d+)$/);
}

export interface PersonEntry {
  names: { name: string; script?: string; language?: string; kind?: 'spelling' | 'alias' | 'transliteration' }[];
  gender?: 'female' | 'male' | 'other' | 'unknown';
  region?: string; // label
  profiles?: string[]; // labels
  birth?: PartialDateEntry;
  notes?: string;
}

/** People › Add a person, with every spelling. Fails if the duplicate warning appears. Returns the id. */
export async function createPerson(page: Page, baseUrl: string, p: PersonEntry): Promise<number> {
  await page.goto(baseUrl + '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Add a person' }).click();
  for (const [n, entry] of p.names.entries()) {
    const row = page.getByRole('group', { name: n === 0 ? 'Primary name' : `Other name or spelling ${n}`, exact: true });
    await row.getByRole('textbox', { name: 'Name', exact: true }).fill(entry.name);
    if (entry.script) await row.getByRole('combobox', { name: 'Script', exact: true }).selectOption({ label: entry.script });
    if (entry.language) await row.getByRole('textbox', { name: 'Language', exact: true }).fill(entry.language);
    if (n > 0 && entry.kind) await row.getByRole('combobox', { name: 'Kind', exact: true }).selectOption(entry.kind);
  }
  if (p.birth) await fillDate(page, 'Date of birth', p.birth);
  if (p.gender) await page.getByRole('combobox', { name: 'Gender', exact: true }).selectOption(p.gender);
  if (p.region) await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ label: p.region });
  if (p.profiles) await checkAll(page, 'Profiles and groups', p.profiles);
  if (p.notes) await page.getByRole('textbox', { name: 'Notes', exact: true }).fill(p.notes);
  await submit(page, page.getByRole('button', { name: 'Create person' }), /\/people(\/\d+)?$/);
  if (await page.getByRole('heading', { name: 'This person may already be recorded' }).count()) {
    throw new Error(`duplicate warning while creating person ${p.names[0].name}`);
  }
  await expectFlash(page, 'Person added.');
  return idFrom(page.url(), /\/people\/(\d+)$/);
}

export interface CaseEntry {
  title: string;
  year?: string;
  status?: string; // label
  region?: string; // label
  summary?: string;
  group?: { description?: string; countPrecision?: string; count?: string; deathPrecision?: string; deaths?: string };
  tags?: string;
}

/** Cases › New case. Returns the id and the assigned code. */
export async function createCase(page: Page, baseUrl: string, c: CaseEntry): Promise<{ id: number; code: string }> {
  await page.goto(baseUrl + '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('link', { name: 'New case' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(c.title);
  if (c.year) await page.getByRole('spinbutton', { name: 'Year the case began', exact: true }).fill(c.year);
  if (c.status) await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: c.status });
  if (c.region) await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ label: c.region });
  if (c.summary) await page.getByRole('textbox', { name: 'Summary', exact: true }).fill(c.summary);
  if (c.group) {
    const g = page.getByRole('group', { name: 'Group of victims' });
    if (c.group.description) await g.getByRole('textbox', { name: 'Description of the group', exact: true }).fill(c.group.description);
    if (c.group.countPrecision) await g.getByRole('combobox', { name: 'How many people', exact: true }).selectOption({ label: c.group.countPrecision });
    if (c.group.count) await g.getByRole('spinbutton', { name: 'Number of people', exact: true }).fill(c.group.count);
    if (c.group.deathPrecision) await g.getByRole('combobox', { name: 'How many died', exact: true }).selectOption({ label: c.group.deathPrecision });
    if (c.group.deaths) await g.getByRole('spinbutton', { name: 'Number of deaths', exact: true }).fill(c.group.deaths);
  }
  if (c.tags) await page.getByRole('textbox', { name: 'Tags', exact: true }).fill(c.tags);
  await submit(page, page.getByRole('button', { name: 'Create case' }), /\/cases\/\d+$/);
  const id = idFrom(page.url(), /\/cases\/(\d+)$/);
  const code = (await page.locator('.case-code').textContent())!.trim();
  await expectFlash(page, `Case ${code} created.`);
  return { id, code };
}

/** The case page's "Add a person to this case" form. */
export async function addParticipant(page: Page, caseId: number, query: string, option: string, role: string, note?: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a person to this case' });
  await pick(form, 'Person', query, option);
  await form.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: role });
  if (note) await form.getByRole('textbox', { name: 'Note', exact: true }).fill(note);
  await submit(page, form.getByRole('button', { name: 'Add person' }), new RegExp(`/cases/${caseId}#people$`));
  await expectFlash(page, 'Person added to the case.');
}

export interface EventEntry {
  type: string; // label
  title: string;
  date: PartialDateEntry;
  place?: string;
  institutions?: { query: string; option: string }[];
  people?: { query: string; option: string; role: string }[];
  description?: string;
  followsFrom?: string[]; // labels of earlier events' checkboxes (matched as substrings)
}

/** Timeline › Add event, from the case page; comes back to the event on the case page. Returns its id. */
export async function addEvent(page: Page, caseId: number, e: EventEntry): Promise<number> {
  await page.locator('#events').getByRole('link', { name: 'Add event' }).click();
  await fillEvent(page, e);
  await submit(page, page.getByRole('button', { name: 'Add event', exact: true }), new RegExp(`/cases/${caseId}#event-\\d+$`));
  await expectFlash(page, 'Event added.');
  return idFrom(page.url(), /#event-(\d+)$/);
}

/** Fills the open "Add an event" form (without saving it). */
export async function fillEvent(page: Page, e: EventEntry): Promise<void> {
  await page.getByRole('heading', { name: 'Add an event' }).waitFor();
  await page.getByRole('combobox', { name: 'Type of event', exact: true }).selectOption({ label: e.type });
  await page.getByRole('textbox', { name: 'Short title', exact: true }).fill(e.title);
  await fillDate(page, 'Date', e.date);
  if (e.place) await page.getByRole('textbox', { name: 'Place', exact: true }).fill(e.place);
  for (const [n, i] of (e.institutions ?? []).entries()) await pick(page, `Institution ${n + 1}`, i.query, i.option);
  for (const [n, p] of (e.people ?? []).entries()) {
    await pick(page, `Person ${n + 1}`, p.query, p.option);
    await page.getByRole('combobox', { name: `Role of person ${n + 1}`, exact: true }).selectOption({ label: p.role });
  }
  if (e.description) await page.getByRole('textbox', { name: 'What happened', exact: true }).fill(e.description);
  for (const f of e.followsFrom ?? []) {
    await page.getByRole('group', { name: 'This event follows from' }).getByRole('checkbox', { name: f }).check();
  }
}

export interface AllegationEntry {
  summary: string;
  victim?: { query: string; option: string };
  status: string; // label
  events?: string[]; // checkbox labels (substrings)
  methods: string[]; // labels
  purposes: string[]; // labels
  perpetrators: { institution?: { query: string; option: string }; description?: string; involvement: string; attribution: string }[];
  places?: { query: string; option: string }[];
  duration?: string;
  physical?: string;
  description?: string;
}

export async function addAllegation(page: Page, caseId: number, a: AllegationEntry): Promise<number> {
  await page.locator('#allegations').getByRole('link', { name: 'Add allegation' }).click();
  await page.getByRole('heading', { name: 'Add an allegation' }).waitFor();
  await page.getByRole('textbox', { name: 'Summary', exact: true }).fill(a.summary);
  if (a.victim) await pick(page, 'Victim', a.victim.query, a.victim.option);
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: a.status });
  for (const e of a.events ?? []) await page.getByRole('group', { name: 'When: events of this case in which it happened' }).getByRole('checkbox', { name: e }).check();
  await checkAll(page, 'Methods', a.methods);
  await checkAll(page, 'Purpose', a.purposes);
  for (const [n, p] of a.perpetrators.entries()) {
    if (n > 0) throw new Error('one perpetrator row is offered; add more with "Add another perpetrator" (not needed yet)');
    const row = page.getByRole('group', { name: `Perpetrator ${n + 1}`, exact: true });
    if (p.institution) await pick(row, 'Institution', p.institution.query, p.institution.option);
    if (p.description) await row.getByRole('textbox', { name: 'Description', exact: true }).fill(p.description);
    await row.getByRole('combobox', { name: 'Involvement', exact: true }).selectOption({ label: p.involvement });
    await row.getByRole('combobox', { name: 'Attribution', exact: true }).selectOption({ label: p.attribution });
  }
  for (const [n, i] of (a.places ?? []).entries()) await pick(page, `Place ${n + 1}`, i.query, i.option);
  if (a.duration) await page.getByRole('textbox', { name: 'Duration', exact: true }).fill(a.duration);
  if (a.physical) await page.getByRole('textbox', { name: 'Physical consequences', exact: true }).fill(a.physical);
  if (a.description) await page.getByRole('textbox', { name: 'What happened', exact: true }).fill(a.description);
  await submit(page, page.getByRole('button', { name: 'Add allegation', exact: true }), new RegExp(`/cases/${caseId}#allegation-\\d+$`));
  await expectFlash(page, 'Allegation added.');
  return idFrom(page.url(), /#allegation-(\d+)$/);
}

export interface StatementEntry {
  maker?: { query: string; option: string };
  makerDescription?: string;
  kind: string; // label
  date?: PartialDateEntry;
  beforeInstitution?: { query: string; option: string };
  content?: string;
  conditions?: string[];
  incriminates?: { query: string; option: string }[];
  /** How the court treated it (option label), e.g. "Submitted to the court". */
  court?: string;
  /** Recorded after the statement, from its retraction history on the case page. */
  retraction?: { date?: PartialDateEntry; forum: string; reason: string };
  allegation?: string; // option label (substring)
}

export interface RetractionEntry {
  kind: 'retraction' | 'reaffirmation';
  date?: PartialDateEntry;
  forum?: string; // option label
  reason?: string;
  pressureAlleged?: string; // option label
}

/** Adds a retraction or reaffirmation from the statement's history on the case page. */
export async function addRetraction(page: Page, caseId: number, statementId: number, r: RetractionEntry): Promise<number> {
  await page.locator(`#statement-${statementId}`).getByRole('link', { name: r.kind === 'retraction' ? 'Add retraction' : 'Add reaffirmation', exact: true }).click();
  await page.getByRole('heading', { name: r.kind === 'retraction' ? 'New retraction' : 'New reaffirmation' }).waitFor();
  if (r.date) await fillDate(page, 'When', r.date);
  if (r.forum) await page.getByRole('combobox', { name: 'Where (forum)', exact: true }).selectOption({ label: r.forum });
  if (r.reason) await page.getByRole('textbox', { name: 'Reason given', exact: true }).fill(r.reason);
  if (r.pressureAlleged) await page.getByRole('combobox', { name: 'Is pressure to reaffirm alleged?', exact: true }).selectOption({ label: r.pressureAlleged });
  await submit(page, page.getByRole('button', { name: r.kind === 'retraction' ? 'Add retraction' : 'Add reaffirmation', exact: true }), new RegExp(`/cases/${caseId}#retraction-\\d+$`));
  await expectFlash(page, r.kind === 'retraction' ? 'Retraction added.' : 'Reaffirmation added.');
  return idFrom(page.url(), /#retraction-(\d+)$/);
}

export async function addStatement(page: Page, caseId: number, s: StatementEntry): Promise<number> {
  await page.locator('#statements').getByRole('link', { name: 'Add statement' }).click();
  await fillStatement(page, s);
  await submit(page, page.getByRole('button', { name: 'Add statement', exact: true }), new RegExp(`/cases/${caseId}#statement-\\d+$`));
  await expectFlash(page, 'Statement added.');
  const id = idFrom(page.url(), /#statement-(\d+)$/);
  if (s.retraction) await addRetraction(page, caseId, id, { kind: 'retraction', ...s.retraction });
  return id;
}

/** Fills the open "New statement" form (without saving it); the fields not given are left as they are. */
export async function fillStatement(page: Page, s: StatementEntry): Promise<void> {
  await page.getByRole('heading', { name: 'New statement' }).waitFor();
  const who = page.getByRole('group', { name: 'Who made it' });
  if (s.maker) await pick(who, 'Person', s.maker.query, s.maker.option);
  if (s.makerDescription) await who.getByRole('textbox', { name: 'Description of the maker', exact: true }).fill(s.makerDescription);
  await page.getByRole('combobox', { name: 'Kind of statement', exact: true }).selectOption({ label: s.kind });
  if (s.date) await fillDate(page, 'When it was made', s.date);
  if (s.beforeInstitution) await pick(page.getByRole('group', { name: 'Before whom' }), 'Institution', s.beforeInstitution.query, s.beforeInstitution.option);
  if (s.content) await page.getByRole('textbox', { name: 'What it says', exact: true }).fill(s.content);
  if (s.conditions) await checkAll(page, 'Conditions under which it was made', s.conditions);
  const incriminates = page.getByRole('group', { name: 'People it incriminates' });
  for (const [n, p] of (s.incriminates ?? []).entries()) await pick(incriminates, `Person ${n + 1}`, p.query, p.option);
  if (s.court) await page.getByRole('combobox', { name: 'How the court treated it', exact: true }).selectOption({ label: s.court });
  if (s.allegation) {
    const select = page.getByLabel('The allegation of ill-treatment behind it');
    const options = await select.locator('option').allTextContents();
    const match = options.find((o) => o.includes(s.allegation!));
    if (!match) throw new Error(`no allegation option like "${s.allegation}" among ${JSON.stringify(options)}`);
    await select.selectOption({ label: match });
  }
}

export interface ComplaintEntry {
  filedByText?: string;
  filedBy?: { query: string; option: string };
  to: { query: string; option: string };
  date?: PartialDateEntry;
  request: string; // label
  description?: string;
  responses: { outcome: string; date?: PartialDateEntry; by?: { query: string; option: string }; note?: string }[];
}

/** Adds a complaint from the case page, then each response through the complaint's "Add response" link. */
export async function addComplaint(page: Page, caseId: number, c: ComplaintEntry): Promise<number> {
  await page.locator('#complaints').getByRole('link', { name: 'Add complaint' }).click();
  await page.getByRole('heading', { name: 'New complaint' }).waitFor();
  const filed = page.getByRole('group', { name: 'Filed by' });
  if (c.filedBy) await pick(filed, 'Person', c.filedBy.query, c.filedBy.option);
  if (c.filedByText) await filed.getByRole('textbox', { name: 'Filer, in words', exact: true }).fill(c.filedByText);
  await pick(page, 'To which institution', c.to.query, c.to.option);
  if (c.date) await fillDate(page, 'When it was filed', c.date);
  await page.getByRole('combobox', { name: 'What it asked for', exact: true }).selectOption({ label: c.request });
  if (c.description) await page.getByRole('textbox', { name: 'Description', exact: true }).fill(c.description);
  await submit(page, page.getByRole('button', { name: 'Add complaint', exact: true }), new RegExp(`/cases/${caseId}#complaint-\\d+$`));
  await expectFlash(page, 'Complaint added.');
  const id = idFrom(page.url(), /#complaint-(\d+)$/);
  for (const r of c.responses) {
    await page.locator(`#complaint-${id}`).getByRole('link', { name: 'Add response' }).click();
    await page.getByRole('heading', { name: 'New response to the complaint' }).waitFor();
    await page.getByRole('combobox', { name: 'Outcome', exact: true }).selectOption({ label: r.outcome });
    if (r.date) await fillDate(page, 'Date of the response', r.date);
    if (r.by) await pick(page, 'Responding institution', r.by.query, r.by.option);
    if (r.note) await page.getByRole('textbox', { name: 'Note', exact: true }).fill(r.note);
    await submit(page, page.getByRole('button', { name: 'Add response', exact: true }), new RegExp(`/cases/${caseId}#response-\\d+$`));
    await expectFlash(page, 'Response added.');
  }
  return id;
}

/** One defendant's verdict at a stage; the row is found by the defendant's name (a substring). */
export interface VerdictEntry {
  defendant: string;
  outcome?: string; // label
  sentenceKind?: string; // label
  years?: string;
  months?: string;
  suspended?: boolean;
  regime?: string; // label
  note?: string;
}

export interface StageEntry {
  kind: string; // label
  /** Shorthand: the same outcome on every defendant's row. */
  outcome?: string;
  date?: PartialDateEntry;
  court?: { query: string; option: string };
  /** Shorthand: the same sentence note on every defendant's row. */
  sentence?: string;
  verdicts?: VerdictEntry[];
  note?: string;
}

export interface ProceedingEntry {
  title: string;
  court: { query: string; option: string };
  caseNumber?: string;
  defendants: { query: string; option: string; charge?: string }[];
  note?: string;
  stages: StageEntry[];
}

/** A defendant's row of the stage form's verdict table. */
export function verdictRow(page: Page, defendant: string): Locator {
  return page.locator('table.verdict-table tbody tr').filter({ has: page.locator('th', { hasText: defendant }) });
}

/** Fills the verdict rows of an open stage form. */
export async function fillVerdicts(page: Page, verdicts: VerdictEntry[]): Promise<void> {
  for (const v of verdicts) {
    const row = verdictRow(page, v.defendant);
    if ((await row.count()) !== 1) throw new Error(`no single verdict row for "${v.defendant}"`);
    if (v.outcome) await row.locator('select[name$="[outcome]"]').selectOption({ label: v.outcome });
    if (v.sentenceKind) await row.locator('select[name$="[sentenceKind]"]').selectOption({ label: v.sentenceKind });
    if (v.years !== undefined) await row.locator('input[name$="[years]"]').fill(v.years);
    if (v.months !== undefined) await row.locator('input[name$="[months]"]').fill(v.months);
    if (v.suspended !== undefined) await row.locator('input[name$="[suspended]"]').setChecked(v.suspended);
    if (v.regime) await row.locator('select[name$="[regime]"]').selectOption({ label: v.regime });
    if (v.note !== undefined) await row.locator('input[name$="[note]"]').fill(v.note);
  }
}

/** Adds a stage from the proceeding's "Add stage" link on the case page; one verdict row per defendant. Returns its id. */
export async function addStage(page: Page, caseId: number, proceedingId: number, s: StageEntry): Promise<number> {
  await page.locator(`#proceeding-${proceedingId}`).getByRole('link', { name: 'Add stage' }).click();
  await page.getByRole('heading', { name: 'New stage of the proceeding' }).waitFor();
  await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: s.kind });
  const rows = page.locator('table.verdict-table tbody tr');
  await rows.first().waitFor();
  if (s.outcome) for (const row of await rows.all()) await row.locator('select[name$="[outcome]"]').selectOption({ label: s.outcome });
  if (s.date) await fillDate(page, 'Date', s.date);
  if (s.court) await pick(page, 'Court at this stage', s.court.query, s.court.option);
  if (s.sentence) for (const row of await rows.all()) await row.locator('input[name$="[note]"]').fill(s.sentence);
  if (s.verdicts) await fillVerdicts(page, s.verdicts);
  if (s.note) await page.getByRole('textbox', { name: 'Note on the stage', exact: true }).fill(s.note);
  await submit(page, page.getByRole('button', { name: 'Add stage', exact: true }), new RegExp(`/cases/${caseId}#stage-\\d+$`));
  await expectFlash(page, 'Stage added.');
  return idFrom(page.url(), /#stage-(\d+)$/);
}

/**
 * Adds a proceeding from the case page, then its stages through the proceeding's "Add stage" link.
 * The form offers a few empty defendant rows; for more defendants it is saved and edited again
 * (as its hint says), filling the new empty rows each time.
 */
export async function addProceeding(page: Page, caseId: number, p: ProceedingEntry): Promise<number> {
  await page.locator('#proceedings').getByRole('link', { name: 'Add proceeding' }).click();
  await page.getByRole('heading', { name: 'New proceeding' }).waitFor();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(p.title);
  await pick(page, 'Court', p.court.query, p.court.option);
  if (p.caseNumber) await page.getByRole('textbox', { name: 'Case number', exact: true }).fill(p.caseNumber);
  if (p.note) await page.getByRole('textbox', { name: 'Note', exact: true }).fill(p.note);
  const fillDefendants = async (from: number): Promise<number> => {
    const defendants = page.getByRole('group', { name: 'Defendants' });
    let n = from;
    while (n < p.defendants.length && (await defendants.getByRole('combobox', { name: `Defendant ${n + 1}`, exact: true }).count())) {
      const d = p.defendants[n];
      await pick(defendants, `Defendant ${n + 1}`, d.query, d.option);
      if (d.charge) await page.getByLabel(`Charge 1 of defendant ${n + 1}, as written`, { exact: true }).fill(d.charge);
      n++;
    }
    return n;
  };
  let done = await fillDefendants(0);
  await submit(page, page.getByRole('button', { name: 'Add proceeding', exact: true }), new RegExp(`/cases/${caseId}#proceeding-\\d+$`));
  await expectFlash(page, 'Proceeding added.');
  const id = idFrom(page.url(), /#proceeding-(\d+)$/);
  while (done < p.defendants.length) {
    await page.locator(`#proceeding-${id}`).getByRole('link', { name: 'Edit proceeding' }).click();
    await page.getByRole('heading', { name: 'Edit proceeding' }).waitFor();
    const before = done;
    done = await fillDefendants(done);
    if (done === before) throw new Error('the proceeding form offers no empty defendant row');
    await submit(page, page.getByRole('button', { name: 'Save proceeding', exact: true }), new RegExp(`/cases/${caseId}#proceeding-${id}$`));
    await expectFlash(page, 'Proceeding saved.');
  }
  for (const s of p.stages) await addStage(page, caseId, id, s);
  return id;
}

export interface DeathEntry {
  date?: PartialDateEntry;
  inCustody?: 'Yes, in custody' | 'No' | 'Not known';
  place?: string;
  institution?: { query: string; option: string };
  causeOfficial?: string;
  causeAlleged?: string;
}

/** Opens the person's edit form from their page and fills the Death fieldset (without saving). */
export async function fillDeath(page: Page, baseUrl: string, personId: number, d: DeathEntry): Promise<void> {
  await page.goto(`${baseUrl}/people/${personId}`);
  await page.getByRole('link', { name: 'Edit person' }).click();
  const death = page.getByRole('group', { name: 'Death', exact: true });
  await death.getByRole('checkbox', { name: 'This person has died' }).check();
  if (d.date) await fillDate(death, 'Date of death', d.date);
  if (d.inCustody) await death.getByRole('combobox', { name: 'Died in custody', exact: true }).selectOption({ label: d.inCustody });
  if (d.place) await death.getByRole('textbox', { name: 'Place of death', exact: true }).fill(d.place);
  if (d.institution) await pick(death, 'Institution where the person died', d.institution.query, d.institution.option);
  if (d.causeOfficial) await death.getByRole('textbox', { name: 'Cause of death as officially stated', exact: true }).fill(d.causeOfficial);
  if (d.causeAlleged) await death.getByRole('textbox', { name: 'Cause of death as alleged', exact: true }).fill(d.causeAlleged);
}

/** Records a person's death from their page (Edit person › Death) and saves. */
export async function recordDeath(page: Page, baseUrl: string, personId: number, d: DeathEntry): Promise<void> {
  await fillDeath(page, baseUrl, personId, d);
  await submit(page, page.getByRole('button', { name: 'Save person', exact: true }), new RegExp(`/people/${personId}$`));
  await expectFlash(page, 'Person saved.');
}

/**
 * Downloads an export through the export page's link ("Download <kind>.csv"), as a user would,
 * and returns its rows (header names as keys).
 */
export async function downloadCsv(page: Page, baseUrl: string, kind: string, query = ''): Promise<Record<string, string>[]> {
  await page.goto(`${baseUrl}/exports${query ? '?' + query : ''}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `${kind}.csv with column codes`, exact: true }).click()]);
  const path = await download.path();
  if (!path) throw new Error(`the ${kind} export did not download`);
  const body = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return parseCsv(body, { columns: true }) as Record<string, string>[];
}

/** Opens the "Filters" disclosure of the search, reports or export form (when closed). */
export async function openFilters(page: Page): Promise<Locator> {
  const filters = page.locator('details.search-filters');
  if (!(await filters.evaluate((el: HTMLDetailsElement) => el.open))) await filters.locator('summary').click();
  return filters;
}

/** Search › Filters: chooses a verdict outcome and applies the filters; returns the result heading and the results' text. */
export async function searchByVerdict(page: Page, baseUrl: string, outcome: string): Promise<{ heading: string; text: string }> {
  await page.goto(baseUrl + '/search');
  const filters = await openFilters(page);
  await filters.getByRole('combobox', { name: 'Verdict (any defendant)', exact: true }).selectOption({ label: outcome });
  await submit(page, filters.getByRole('button', { name: 'Apply filters' }), /\/search\?/);
  return { heading: await text(page.locator('#h-results')), text: await text(page.locator('section.search-results')) };
}

/** Opens a case page by going through the Cases list, as a user would. */
export async function openCaseFromList(page: Page, baseUrl: string, code: string): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('row').filter({ hasText: code }).getByRole('link').first().click();
  await page.locator('.case-code').filter({ hasText: code }).waitFor();
}

/** How far the page scrolls sideways (0 when it fits). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The timeline picture as the browser loaded it: its address, and the answer the server gave for it.
 * Waits until the image has finished loading.
 */
export async function timelinePicture(page: Page): Promise<{ src: string; naturalWidth: number; status: number; contentType: string }> {
  const img = page.locator('#events img.tl-picture');
  await img.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('#events img.tl-picture') as HTMLImageElement | null;
    return !!el && el.complete;
  });
  const { src, naturalWidth } = await img.evaluate((el: HTMLImageElement) => ({ src: el.currentSrc, naturalWidth: el.naturalWidth }));
  const res = await page.request.get(src);
  return { src, naturalWidth, status: res.status(), contentType: res.headers()['content-type'] ?? '' };
}

/** One event of the timeline list on the case page, found by its title. */
export function eventItem(page: Page, title: string): Locator {
  return page.locator('#events li.tl-item').filter({ has: page.locator('h3.tl-title', { hasText: title }) });
}

/** Text with runs of white space made single spaces. */
export async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The numbers of a report chart (bar or column chart, by its id), read from its table: label → value. */
export async function chartTable(page: Page, id: string): Promise<Record<string, number>> {
  return page.locator(`figure[aria-labelledby="${id}-title"]`).evaluate((fig) => {
    const out: Record<string, number> = {};
    fig.querySelectorAll('table tbody tr').forEach((tr) => {
      const cells = tr.querySelectorAll('td');
      out[(cells[0]?.textContent ?? '').trim()] = Number((cells[1]?.textContent ?? '').trim());
    });
    return out;
  });
}

/** The dossier item's facts as "term | description" lines, in order. */
export async function dossierFacts(item: Locator): Promise<string[]> {
  return item.locator('dl.facts').first().evaluate((dl) => {
    const out: string[] = [];
    dl.querySelectorAll('dt').forEach((dt) => out.push(`${(dt.textContent ?? '').trim()} | ${(dt.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim()}`));
    return out;
  });
}
