import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { TestApp, makeUser, startTestApp, PASSWORD } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { generateKeyPair } from '../../src/backups/backup-crypto';
import { verifyBackup } from '../../src/backups/backup-read.service';
import { User } from '../../src/users/user.entity';
import ru from '../../locales/ru.json';

/**
 * Issue 14, clicked through as an admin would: from the administration page to Backups, "Back up
 * now", the last good backup on the page, in English and in Russian on a phone's width; the file
 * the click made decrypts with the organisation's key and verifies.
 */
jest.setTimeout(120_000);

let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let admin: User;
let work: string;
let identity: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-backup-page-'));
  const keys = await generateKeyPair();
  identity = keys.identity;
  t = await startTestApp({ CASEBOOK_BACKUP_DIR: path.join(work, 'backups'), CASEBOOK_BACKUP_RECIPIENTS: keys.recipient, CASEBOOK_BACKUP_INTERVAL_HOURS: '24', CASEBOOK_BACKUP_KEEP: '3' });
  admin = await makeUser(t.ds, 'admin', { email: 'backup-admin@example.org', name: 'Backup Admin' });
  server = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function signIn(page: Page, labels: { email: string; password: string; submit: string }) {
  await page.goto(server.url + '/login');
  await page.getByLabel(labels.email).fill(admin.email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(server.url + '/');
}

const backupFiles = () => (fs.existsSync(path.join(work, 'backups')) ? fs.readdirSync(path.join(work, 'backups')).filter((n) => n.endsWith('.age')).sort() : []);

it('an admin finds Backups from the administration page, backs up now, and sees the last good backup', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, { email: 'E-mail address', password: 'Password', submit: 'Sign in' });
  await page.goto(server.url + '/admin');
  await page.getByRole('link', { name: 'Backups' }).click();
  await page.waitForURL(/\/admin\/backups$/);
  await expect(page.locator('#backup-last-good').innerText()).resolves.toBe('None yet.');
  expect(backupFiles()).toEqual([]);

  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.waitForURL(/\/admin\/backups/);
  const files = backupFiles();
  expect(files).toHaveLength(1);
  const lastGood = await page.locator('#backup-last-good').innerText();
  expect(lastGood).toContain(files[0]);
  expect(lastGood).not.toBe('None yet.');
  await expect(page.locator('table.data tbody tr').count()).resolves.toBe(1);
  await page.screenshot({ path: screenshotPath('backups-page.png'), fullPage: true });

  // What the click wrote is a backup the organisation's key opens, intact.
  const report = await verifyBackup(path.join(work, 'backups', files[0]), [identity]);
  expect(report.objectsHere + report.objectsEarlier).toBe(0); // no evidence yet: the database alone, intact
  expect(report.manifest).toBeTruthy();
  await context.close();
});

it('reads in Russian on a 390 px screen without sideways scrolling, and a second click makes a second file', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, { email: ru.auth.email, password: ru.auth.password, submit: ru.auth.submit });
  await page.goto(server.url + '/admin/backups');
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(ru.backup.page.heading);
  await page.getByRole('button', { name: ru.backup.page.runNow }).click();
  await page.waitForURL(/\/admin\/backups/);
  expect(backupFiles()).toHaveLength(2);
  await expect(page.locator('table.data tbody tr').count()).resolves.toBe(2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: screenshotPath('backups-page-ru-390.png'), fullPage: true });
  await context.close();
});
