import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Config, loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { createApp } from '../../src/app';
import { createUser } from '../../src/users/user.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';
import { Role, User } from '../../src/users/user.entity';
import { SecondFactorRole } from '../../src/second-factor/second-factor.entity';
import { DB_ENGINE } from '../../src/db/columns';
import { createTestDatabase } from './postgres';
import type { Express } from 'express';

export interface TestApp {
  app: Express;
  ds: DataSource;
  config: Config;
  dir: string;
  engine: Engine;
  close: () => Promise<void>;
}

export type Engine = 'sqlite' | 'postgres';

/** The engine of this test file: jest's "postgres" project runs its files on PostgreSQL (jest.config.js). */
export const TEST_ENGINE: Engine = DB_ENGINE;

/**
 * A real app on a freshly migrated database: SQLite in a temporary data directory, or, in the
 * postgres project, a new database of the run's PostgreSQL cluster (dropped by close).
 *
 * The migration makes admins and lawyers use a second factor (issue 14's default for a new
 * instance). Most tests sign in as one of them to test something else, so here no role must,
 * unless a test asks: `startTestApp({}, { secondFactorRoles: ['admin', 'lawyer'] })`.
 */
export async function startTestApp(env: Record<string, string> = {}, opts: { secondFactorRoles?: Role[]; engine?: Engine } = {}): Promise<TestApp> {
  const engine = opts.engine ?? TEST_ENGINE;
  if (engine !== DB_ENGINE) throw new Error(`this test process loaded the entities for ${DB_ENGINE}: ${engine} tests run in jest's ${engine} project`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-test-'));
  const database = engine === 'postgres' ? await createTestDatabase() : null;
  const config = loadConfig({ CASEBOOK_DATA_DIR: dir, LOG_LEVEL: 'silent', LOGIN_IP_LIMIT: '10000', ...(database ? { DATABASE_URL: database.url } : {}), ...env });
  const ds = await openDatabase({ databasePath: config.databasePath, databaseUrl: config.databaseUrl });
  await ds.createQueryBuilder().delete().from(SecondFactorRole).execute();
  if (opts.secondFactorRoles?.length) await ds.getRepository(SecondFactorRole).insert(opts.secondFactorRoles.map((role) => ({ role })));
  const app = createApp({ ds, config });
  return {
    app,
    ds,
    config,
    dir,
    engine,
    close: async () => {
      if (ds.isInitialized) await ds.destroy();
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
export async function makeUser(ds: DataSource, role: Role, overrides: Partial<{ email: string; name: string; password: string }> = {}): Promise<User> {
  counter++;
  return createUser(ds, CLI_ACTOR, {
    email: overrides.email ?? `${role}${counter}@example.org`,
    name: overrides.name ?? `Test ${role} ${counter}`,
    role,
    password: overrides.password ?? PASSWORD,
  });
}

export function hiddenField(html: string, name = '_csrf'): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no hidden field ${name} in page`);
  return m[1];
}

export type Agent = ReturnType<typeof request.agent>;

/** Signs in through the login form like a browser; returns the agent and the session's CSRF token. */
export async function signIn(app: Express, email: string, password = PASSWORD): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const res = await agent.post('/login').type('form').send({ _csrf: hiddenField(page.text), email, password, next: '/' });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  // A user who must enrol a second factor lands on enrolment instead of the start page.
  const first = await agent.get('/');
  const home = first.status === 303 && first.headers.location?.startsWith('/account/second-factor/') ? await agent.get(first.headers.location) : first;
  if (home.status !== 200) throw new Error(`the first page after sign-in answered ${home.status}`);
  return { agent, csrf: hiddenField(home.text) };
}
