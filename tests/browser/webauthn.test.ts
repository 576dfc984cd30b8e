import { Browser, Page } from 'playwright-core';
import { TestApp, makeUser, startTestApp, PASSWORD } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { Session } from '../../src/sessions/session.entity';
import { User } from '../../src/users/user.entity';
import { WebauthnCredential } from '../../src/second-factor/webauthn.entity';

/**
 * Issue 14: a security key in Chromium's virtual authenticator (DevTools protocol). The user adds
 * a key on the account page, keeps the recovery codes, signs out, signs in with password and
 * key, confirms it is them with the key before /admin/security; a Casebook configured for another
 * origin refuses the key's answer. WebAuthn needs a secure context: http://localhost is one
 * (127.0.0.1 is not a valid relying party id), so the browser opens localhost.
 */
let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let url: string;
let browser: Browser;
let user: User;

beforeAll(async () => {
  t = await startTestApp();
  user = await makeUser(t.ds, 'admin', { email: 'key-admin@example.org', name: 'Kira Key' });
  server = await listen(t.app);
  url = server.url.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function withAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

async function password(page: Page) {
  await page.goto(url + '/login');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it('adds a key, signs in with password and key, confirms with the key; another origin is refused', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()) && errors.push(msg.text()));
  const { cdp, authenticatorId } = await withAuthenticator(page);

  await password(page);
  await page.waitForURL(url + '/');
  await page.goto(url + '/account/second-factor');
  await page.getByRole('link', { name: 'Add a security key or passkey' }).click();
  await page.waitForURL(/\/account\/second-factor\/keys\/new$/);
  await page.locator('#f-name').fill('Жёлтый ключ <b>');
  await page.getByRole('button', { name: 'Add the key' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  expect(await page.locator('.recovery-codes li').count()).toBe(10);
  await page.getByRole('link', { name: 'I have kept them' }).click();
  await page.goto(url + '/account/second-factor');
  await expect(page.locator('td.key-name').first().innerText()).resolves.toContain('Жёлтый ключ <b>');
  await page.screenshot({ path: screenshotPath('webauthn-keys.png'), fullPage: true });
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  const stored = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
  expect(Buffer.from(credentials[0].credentialId, 'base64').toString('base64url')).toBe(stored.credentialId);

  // Sign out, then in again: password, then the key.
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.waitForURL(/\/login/);
  await password(page);
  await page.waitForURL(/\/login\/second-factor$/);
  await page.getByRole('button', { name: 'Use my key' }).click();
  await page.waitForURL(url + '/');
  await page.goto(url + '/cases');
  await page.waitForURL(url + '/cases');
  const used = await t.ds.getRepository(WebauthnCredential).findOneByOrFail({ userId: user.id });
  expect(used.lastUsedAt).not.toBeNull();

  // Eleven minutes on, /admin/security asks again: password and the key.
  await t.ds.getRepository(Session).update({ userId: user.id }, { authenticatedAt: new Date(Date.now() - 11 * 60_000) });
  await page.goto(url + '/admin/security');
  await page.waitForURL(/\/reauth\?next=%2Fadmin%2Fsecurity$/);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Confirm with my key' }).click();
  await page.waitForURL(url + '/admin/security');

  // A Casebook that expects another address refuses what the key signed for this one.
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.waitForURL(/\/login/);
  t.config.webauthn = { origin: 'https://casebook.example.org', rpId: 'localhost' };
  try {
    await password(page);
    await page.waitForURL(/\/login\/second-factor$/);
    await page.getByRole('button', { name: 'Use my key' }).click();
    await page.getByText('The key answered for another web address than this Casebook').waitFor();
    expect(page.url()).toBe(url + '/login/second-factor/key');
    await page.goto(url + '/cases');
    await page.waitForURL(/\/login/);
  } finally {
    t.config.webauthn = { origin: null, rpId: null };
  }
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);

it('says a key needs JavaScript when scripts are off, and keeps the code form', async () => {
  const other = await makeUser(t.ds, 'researcher');
  await t.ds.getRepository(WebauthnCredential).insert({
    userId: other.id, credentialId: 'AAAA', publicKey: 'AAAA', counter: 0, transports: 'usb', deviceType: 'singleDevice', backedUp: false, name: 'Old key', createdAt: new Date(), lastUsedAt: null,
  });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url + '/login');
  await page.getByLabel('E-mail address').fill(other.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/login\/second-factor$/);
  // Without scripts the <noscript> message is part of the page (Playwright's text search skips noscript).
  const notice = page.locator('noscript p.notice');
  expect(await notice.isVisible()).toBe(true);
  expect(await notice.innerText()).toContain('A security key or passkey needs JavaScript');
  expect(await page.getByRole('button', { name: 'Use my key' }).isVisible()).toBe(false);
  expect(await page.getByLabel('Recovery code').isVisible()).toBe(true);
  await context.close();
}, 60_000);
