import http from 'node:http';
import { Browser, Page } from 'playwright-core';
import { PASSWORD, TestApp, makeUser, startTestApp } from '../support/app';
import { launchBrowser, listen, screenshotPath } from '../support/browser';
import { User } from '../../src/users/user.entity';

let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let admin: User;

beforeAll(async () => {
  t = await startTestApp();
  admin = await makeUser(t.ds, 'admin', { email: 'admin@example.org', name: 'Amina Admin' });
  server = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

async function signInAs(page: Page, email: string, password = PASSWORD) {
  await page.goto(server.url + '/');
  await page.waitForURL(/\/login/);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/');
}

describe('in a browser', () => {
  it('an admin signs in, adds a researcher (after fixing the form), changes the role, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') cspErrors.push(msg.text());
    });
    await signInAs(page, admin.email);
    await page.getByRole('heading', { name: 'Welcome, Amina Admin' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: /^Users/ }).click();
    await page.getByRole('link', { name: 'Add a user' }).click();
    await page.getByLabel('Full name').fill('Rustam Researcher');
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Add user' }).click();
    // Errors are summarised at the top (focused) and shown next to each field.
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter a valid e-mail address');
    expect(await page.locator('#f-email-error').textContent()).toContain('Enter a valid e-mail address');
    expect(await page.locator('#f-password-error').textContent()).toContain('at least 12 characters');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Rustam Researcher');
    await page.screenshot({ path: screenshotPath('add-user-errors.png'), fullPage: true });

    await page.getByLabel('E-mail address').fill('rustam@example.org');
    await page.getByLabel('Researcher').check();
    await page.getByLabel('Initial password').fill('a long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Rustam Researcher as researcher.' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'rustam@example.org' });
    expect(await row.textContent()).toContain('Researcher');

    await row.getByRole('link', { name: 'Rustam Researcher' }).first().click();
    await page.getByLabel('Role').selectOption('lawyer');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Rustam Researcher.' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'rustam@example.org' }).textContent()).toContain('Lawyer');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: /^Audit trail/ }).click();
    await page.getByRole('cell', { name: 'user.role_change' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('audit.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(server.url + '/admin/users');
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers/);
    expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await context.close();

    // The new account works.
    const second = await browser.newContext();
    const p2 = await second.newPage();
    await signInAs(p2, 'rustam@example.org', 'a long enough password');
    await p2.getByText('Lawyer', { exact: false }).first().waitFor();
    await second.close();
  });

  it('a forged cross-site POST is refused and changes nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, admin.email);
    // A hostile page on another site that submits a form to Casebook as soon as it loads.
    const evil = http.createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(`<!doctype html><form id="f" method="post" action="${server.url}/admin/users">
        <input name="email" value="mallory@example.org"><input name="name" value="Mallory">
        <input name="role" value="admin"><input name="password" value="mallory's password!">
        </form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, 'localhost', resolve));
    const evilUrl = `http://localhost:${(evil.address() as import('node:net').AddressInfo).port}/`;
    try {
      const response = page.waitForResponse((r) => r.url().startsWith(server.url + '/admin/users') && r.request().method() === 'POST');
      await page.goto(evilUrl);
      const res = await response;
      expect([401, 403]).toContain(res.status());
      expect(await t.ds.getRepository(User).countBy({ email: 'mallory@example.org' })).toBe(0);
    } finally {
      evil.closeAllConnections();
      await new Promise((resolve) => evil.close(resolve));
      await context.close();
    }
  });

  it('a viewer who opens an admin page is told it is not allowed, and sees no admin links', async () => {
    const viewer = await makeUser(t.ds, 'viewer', { email: 'viewer@example.org', name: 'Vera Viewer' });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, viewer.email);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Users/ }).count()).toBe(0);
    const res = await page.goto(server.url + '/admin/users');
    expect(res?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await context.close();
  });

  it('is usable from the keyboard and fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await signInAs(page, admin.email);
    await page.goto(server.url + '/admin/users');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.screenshot({ path: screenshotPath('users-phone.png'), fullPage: true });
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
