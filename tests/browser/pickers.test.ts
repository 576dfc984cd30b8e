import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { PASSWORD, TestApp, makeUser, startTestApp } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { insertPerson } from '../support/records';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let researcher: User;
let token: string;
const people: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  researcher = await makeUser(t.ds, 'researcher', { email: 'rita@example.org', name: 'Rita Researcher' });
  const admin = await makeUser(t.ds, 'admin');
  token = (await createApiToken(t.ds, CLI_ACTOR, researcher.id, 'browser test')).token;
  people.cyrillic = (await insertPerson(t.ds, 'Кудаев Расул')).id;
  people.latin = (await insertPerson(t.ds, 'Timur Kudayev')).id;
  people.hidden = (await insertPerson(t.ds, 'Кудаев Засекреченный', { protectedIdentity: true, createdById: admin.id })).id;
  server = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function newCase(title: string): Promise<number> {
  const res = await request(t.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send({ title, status: 'open' }).expect(201);
  return res.body.data.id;
}

async function signInAs(page: Page, email: string) {
  await page.goto(server.url + '/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/');
}

describe('the person picker in a browser', () => {
  it('finds the Cyrillic-named person by a Latin spelling, is chosen with the keyboard, and adds them to the case', async () => {
    const caseId = await newCase('Kudaev: torture in custody');
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    await signInAs(page, researcher.email);
    await page.goto(`${server.url}/cases/${caseId}`);

    const form = page.getByRole('form', { name: 'Add a person to this case' });
    const box = form.getByRole('combobox', { name: 'Person' });
    await box.click();
    await box.pressSequentially('Kudaev', { delay: 20 });
    const listbox = form.getByRole('listbox');
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    await options.filter({ hasText: 'Кудаев Расул' }).waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const texts = await options.allTextContents();
    expect(texts.some((s) => s.includes('Timur Kudayev'))).toBe(true);
    expect(texts.join(' ')).not.toContain('Засекреченный');
    expect(texts.join(' ')).not.toContain(`P-${String(people.hidden).padStart(4, '0')}`);
    await page.screenshot({ path: screenshotPath('person-picker.png'), fullPage: true });

    // Down the list until the Cyrillic name is the active option, then Enter.
    for (let i = 0; i < texts.length; i++) {
      await box.press('ArrowDown');
      const activeId = await box.getAttribute('aria-activedescendant');
      expect(activeId).toBeTruthy();
      const active = page.locator(`#${activeId}`);
      expect(await active.getAttribute('aria-selected')).toBe('true');
      if ((await active.textContent())!.includes('Кудаев Расул')) break;
    }
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Кудаев Расул');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await form.locator('input[type="hidden"][name="personId"]').inputValue()).toBe(String(people.cyrillic));
    expect(page.url()).toBe(`${server.url}/cases/${caseId}`); // Enter chose; it did not submit

    await form.getByLabel('Role').selectOption('victim');
    await form.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('status').filter({ hasText: 'Person added to the case.' }).waitFor();
    const section = page.locator('#people');
    await section.getByRole('link', { name: 'Кудаев Расул' }).waitFor();
    expect(await section.textContent()).toContain('Victim');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('Escape closes the suggestions, and a name that matches nothing says so', async () => {
    const caseId = await newCase('Escape test');
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, researcher.email);
    await page.goto(`${server.url}/cases/${caseId}`);
    const form = page.getByRole('form', { name: 'Add a person to this case' });
    const box = form.getByRole('combobox', { name: 'Person' });
    await box.pressSequentially('Кудаев');
    await form.getByRole('listbox').waitFor();
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await form.getByRole('listbox').isHidden()).toBe(true);
    await box.fill('');
    await box.pressSequentially('Zzyzx');
    await form.locator('.picker-message').filter({ hasText: 'Nothing found.' }).waitFor();
    expect(await form.getByRole('status').textContent()).toContain('Nothing found.');
    await context.close();
  });

  it('the case picker finds another case by words of its title and links it', async () => {
    const caseId = await newCase('Gumarov: sleep deprivation');
    const other = await newCase('Ishmuratov: shackled in a cage');
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, researcher.email);
    await page.goto(`${server.url}/cases/${caseId}`);
    const form = page.getByRole('form', { name: 'Link another case' });
    const box = form.getByRole('combobox', { name: 'Other case' });
    await box.pressSequentially('Ishmuratov');
    await form.getByRole('option').filter({ hasText: 'shackled in a cage' }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    expect(await form.locator('input[type="hidden"][name="otherCaseId"]').inputValue()).toBe(String(other));
    await form.getByRole('button', { name: 'Link case' }).click();
    await page.getByRole('status').filter({ hasText: 'Cases linked.' }).waitFor();
    await page.locator('#links').getByRole('link', { name: /shackled in a cage/ }).waitFor();
    await context.close();
  });

  it('works without JavaScript: the box takes the person’s number', async () => {
    const caseId = await newCase('No-script case');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, researcher.email);
    await page.goto(`${server.url}/cases/${caseId}`);
    const form = page.getByRole('form', { name: 'Add a person to this case' });
    expect(await form.getByText('Enter the person’s number').isVisible()).toBe(true);
    await form.getByLabel('Person').fill(String(people.latin));
    await form.getByRole('button', { name: 'Add person' }).click();
    await page.locator('#people').getByRole('link', { name: 'Timur Kudayev' }).waitFor();
    await context.close();
  });
});
