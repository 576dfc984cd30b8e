import { Browser } from 'playwright-core';
import { TestApp, makeUser, startTestApp, PASSWORD } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { totpCode } from '../support/second-factor';
import { clock } from '../../src/second-factor/clock';
import { User } from '../../src/users/user.entity';

/**
 * Issue 14: an admin (a role that must use a second factor) is sent to enrolment at sign-in,
 * scans nothing but reads the key the page shows, confirms a code, keeps the recovery codes,
 * signs out, and signs in again with password and code. The server's code clock is pinned to
 * the middle of a step so the codes typed never straddle a step boundary.
 */
let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let admin: User;
const STEP = 30_000;
const base = Math.floor(Date.now() / STEP) * STEP + STEP / 2;

beforeAll(async () => {
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(base));
  t = await startTestApp({}, { secondFactorRoles: ['admin', 'lawyer'] });
  admin = await makeUser(t.ds, 'admin', { email: 'totp-admin@example.org', name: 'Tamara Totp' });
  server = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await browser?.close();
  await server?.close();
  await t?.close();
});

it('enrols TOTP when the role requires it, and signs in with a code', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The refused code answers 401, which the console reports; what must not appear is a CSP refusal.
  const errors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()) && errors.push(msg.text()));

  await page.goto(server.url + '/');
  await page.getByLabel('E-mail address').fill(admin.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account\/second-factor\/totp\?required=1$/);
  await page.getByText('Your role must use a second factor').waitFor();
  // The QR is drawn by the server and shown under the CSP (an SVG data URI in an <img>).
  const qr = page.getByRole('img', { name: 'QR code to add Casebook to an authenticator app' });
  await qr.waitFor();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // Elsewhere is refused until enrolled.
  await page.goto(server.url + '/cases');
  await page.waitForURL(/\/account\/second-factor\/totp\?required=1$/);

  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Code from the app').fill(totpCode(secret, new Date(base - STEP)));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  expect(await page.locator('.recovery-codes li').count()).toBe(10);
  await page.screenshot({ path: screenshotPath('second-factor-recovery-codes.png'), fullPage: true });
  await page.getByRole('link', { name: 'I have kept them' }).click();
  await page.waitForURL(server.url + '/');

  // Sign out, then in again: password, then the code.
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel('E-mail address').fill(admin.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/login\/second-factor$/);
  const code = page.getByLabel('Code');
  await code.fill('000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('This code is not right').waitFor();
  await page.getByLabel('Code').fill(totpCode(secret, new Date(base)));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/');
  await page.goto(server.url + '/cases');
  await page.waitForURL(server.url + '/cases');
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
