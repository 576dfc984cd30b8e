import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { runCli } from '../support/cli';
import { PASSWORD, TestApp, signIn, startTestApp } from '../support/app';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('casebook command line', () => {
  it('creates the first admin from a piped password on a fresh data directory, and lists users', () => {
    const add = runCli(dir, ['user', 'add', 'Admin@Example.org', '--role', 'admin', '--name', 'First Admin'], PASSWORD + '\n');
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/Added admin@example\.org \(admin\), id 1\./);
    const list = runCli(dir, ['user', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('admin@example.org\tadmin\tactive\tFirst Admin');
  });

  it('exits 1 with a message for a failure, and 2 for wrong usage', () => {
    runCli(dir, ['user', 'add', 'a@example.org', '--role', 'admin', '--name', 'A'], PASSWORD);
    const dup = runCli(dir, ['user', 'add', 'a@example.org', '--role', 'viewer', '--name', 'B'], PASSWORD);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const short = runCli(dir, ['user', 'add', 'b@example.org', '--role', 'viewer', '--name', 'B'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    const badEmail = runCli(dir, ['user', 'add', 'not-an-email', '--role', 'viewer', '--name', 'B'], PASSWORD);
    expect(badEmail.status).toBe(1);
    expect(runCli(dir, ['user', 'disable', 'nobody@example.org']).status).toBe(1);
    expect(runCli(dir, ['token', 'revoke', 'abc']).status).toBe(1);
    expect(runCli(dir, ['token', 'revoke', '999']).status).toBe(1);

    for (const args of [['bogus'], ['user'], ['user', 'add'], ['user', 'add', 'c@example.org', '--role', 'emperor', '--name', 'C'], ['user', 'add', 'c@example.org', '--role', 'viewer'], ['token', 'create'], ['audit', 'verify', '--loud'], ['audit', 'verify', '--against']]) {
      const res = runCli(dir, args, PASSWORD);
      expect([args, res.status]).toEqual([args, 2]);
      expect(res.stderr.length).toBeGreaterThan(0);
    }
  });

  it('has --help everywhere', () => {
    for (const args of [['--help'], ['user', '--help'], ['user', 'add', '--help'], ['user', 'list', '--help'], ['user', 'disable', '--help'], ['token', '--help'], ['token', 'create', '--help'], ['token', 'revoke', '--help'], ['audit', '--help'], ['audit', 'verify', '--help'], ['audit', 'checkpoint', '--help'], ['audit', 'checkpoints', '--help']]) {
      const res = runCli(dir, args);
      expect([args, res.status]).toEqual([args, 0]);
      expect(res.stdout).toContain('Usage: casebook');
    }
  });

  it('is also reachable as `npm run casebook -- ...`', () => {
    const res = spawnSync('npm', ['run', '--silent', 'casebook', '--', 'user', 'list'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, CASEBOOK_DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('No users yet');
  });

  describe('against a running app', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp();
    });
    afterEach(() => t.close());

    it('creates a token that works once printed, and revokes it', async () => {
      runCli(t.dir, ['user', 'add', 'r@example.org', '--role', 'researcher', '--name', 'R'], PASSWORD);
      const created = runCli(t.dir, ['token', 'create', 'r@example.org', '--name', 'laptop']);
      expect(created.status).toBe(0);
      const token = created.stdout.trim();
      expect(token).toMatch(/^cbk_[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).toMatch(/Token (\d+) for r@example\.org/);
      const id = /Token (\d+)/.exec(created.stderr)![1];
      const me = await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body.data).toMatchObject({ email: 'r@example.org', role: 'researcher' });
      expect(runCli(t.dir, ['token', 'revoke', id]).status).toBe(0);
      await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('disables a user and ends their sessions at once', async () => {
      runCli(t.dir, ['user', 'add', 'd@example.org', '--role', 'lawyer', '--name', 'D'], PASSWORD);
      const { agent } = await signIn(t.app, 'd@example.org');
      await agent.get('/').expect(200);
      const res = runCli(t.dir, ['user', 'disable', 'd@example.org']);
      expect(res.status).toBe(0);
      await agent.get('/').expect(303);
    });
  });
});
