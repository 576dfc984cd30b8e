import { Browser } from 'playwright-core';
import { TestApp, makeUser, startTestApp } from './app';
import { launchBrowser, listen } from './browser';
import { evidenceJobsIdle } from '../../src/evidence/evidence-runtime';
import { User } from '../../src/users/user.entity';

/** What every browser acceptance test starts from: an app on loopback, a browser, a researcher and a lawyer. */
export interface AcceptanceStage {
  t: TestApp;
  url: string;
  browser: Browser;
  researcher: User;
  lawyer: User;
}

export const VIEWPORT = { width: 1280, height: 900 };

/** Registers the suite's set-up and tear-down; the returned object is filled in by beforeAll. */
export function useAcceptanceStage(): AcceptanceStage {
  const stage = {} as AcceptanceStage;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    stage.t = await startTestApp();
    stage.researcher = await makeUser(stage.t.ds, 'researcher', { email: 'rita@example.org', name: 'Rita Researcher' });
    stage.lawyer = await makeUser(stage.t.ds, 'lawyer', { email: 'lev@example.org', name: 'Lev Lawyer' });
    server = await listen(stage.t.app);
    stage.url = server.url;
    stage.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stage.browser?.close();
    await server?.close();
    // Post-upload jobs (previews) must finish before the database closes.
    if (stage.t) await evidenceJobsIdle(stage.t.ds);
    await stage.t?.close();
  });
  return stage;
}
