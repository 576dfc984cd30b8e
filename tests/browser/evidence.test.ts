import { Browser, Page } from 'playwright-core';
import { PASSWORD, TestApp, makeUser, startTestApp } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { CaseRecord } from '../../src/cases/case.entity';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { User } from '../../src/users/user.entity';
import { photo } from '../unit/media-fixtures';

let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let lawyer: User;
let caseId: number;

beforeAll(async () => {
  t = await startTestApp();
  lawyer = await makeUser(t.ds, 'lawyer', { email: 'lawyer@example.org', name: 'Lena Lawyer' });
  caseId = (await t.ds.getRepository(CaseRecord).save({ code: 'RU-2005-0001', title: 'Kudaev', status: 'open', restricted: false })).id;
  server = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await evidenceJobsIdle(t.ds);
  await t?.close();
});

async function signInAs(page: Page, email: string) {
  await page.goto(server.url + '/');
  await page.waitForURL(/\/login/);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/');
}

describe('evidence in a browser', () => {
  it.each([
    ['with script (progress bar, XMLHttpRequest)', true],
    ['without script (plain multipart form)', false],
  ])('a lawyer on a phone uploads two photos %s and sees them with their hashes', async (_label, javaScriptEnabled) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await signInAs(page, lawyer.email);
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.locator('#evidence').getByRole('link', { name: 'Add evidence' }).click();
    await page.locator('#f-files').setInputFiles([photo('orientation-portrait_6.jpg'), photo('gps-DSCN0010.jpg')]);
    await page.locator('#f-title').fill(`Injuries, photo series ${javaScriptEnabled ? 'A' : 'B'}`);
    await page.getByLabel('Received from').fill('the victim’s mother');
    await page.getByRole('button', { name: 'Upload and save' }).click();
    await page.waitForURL(/\/evidence\/\d+$/);
    await evidenceJobsIdle(t.ds);
    await page.reload();
    expect(await page.locator('.evidence-file').count()).toBe(2);
    expect(await page.locator('code.hash').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByText('GPS position').count()).toBe(1);
    const preview = page.locator('img.evidence-preview').first();
    await preview.waitFor();
    const size = await preview.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
    expect(size.h).toBeGreaterThan(size.w);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath(`evidence-item-${javaScriptEnabled ? 'js' : 'nojs'}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
