import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../../src/config';

/** Data directories made by these tests; each is removed after its test, so none is left in the system temp dir. */
const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-config-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('configuration', () => {
  it('reads scheduled backups: off by default; a directory needs age public keys, each checked', () => {
    const dir = tmp();
    const key = 'age14zmhswf6flz8yrl0zr63xrx9j52wdpc0dzdhu8hen6wfk5vm55gqvz03nz';
    expect(loadConfig({ CASEBOOK_DATA_DIR: dir }).backup).toEqual({ dir: null, recipients: [], intervalHours: 24, keep: 7 });
    const on = loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_BACKUP_DIR: path.join(dir, '..', 'b'), CASEBOOK_BACKUP_RECIPIENTS: ` ${key}, ${key.replace('4z', '5z')} `, CASEBOOK_BACKUP_INTERVAL_HOURS: '6', CASEBOOK_BACKUP_KEEP: '3' });
    expect(on.backup).toEqual({ dir: path.resolve(dir, '..', 'b'), recipients: [key, key.replace('4z', '5z')], intervalHours: 6, keep: 3 });
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_BACKUP_DIR: '/srv/b' })).toThrow(/CASEBOOK_BACKUP_RECIPIENTS is empty/);
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_BACKUP_DIR: '/srv/b', CASEBOOK_BACKUP_RECIPIENTS: 'AGE-SECRET-KEY-1ABC' })).toThrow(/"AGE-SECRET-KEY-1ABC" is not one/);
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_BACKUP_DIR: dir, CASEBOOK_BACKUP_RECIPIENTS: key })).toThrow(/must not be the data directory/);
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_BACKUP_KEEP: '0' })).toThrow(ConfigError);
  });

  it('has safe defaults and generates a session secret once, kept in the data directory', () => {
    const dir = tmp();
    const a = loadConfig({ CASEBOOK_DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.sessionIdleMs).toBe(30 * 60_000);
    expect(a.sessionMaxMs).toBe(12 * 3_600_000);
    expect(a.trustProxy).toBe(false);
    expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ CASEBOOK_DATA_DIR: dir }).sessionSecret).toBe(a.sessionSecret);
    expect(fs.statSync(path.join(dir, 'session-secret')).mode & 0o077).toBe(0);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid address/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must be a PostgreSQL address .* not mysql:\/\//],
    [{ DATABASE_URL: 'postgres://x:secret@y' }, /DATABASE_URL names no database/],
    [{ DATABASE_URL: 'postgres://x:secret@y:99999/z' }, /DATABASE_URL is not a valid address/],
    [{ TRUST_PROXY: 'maybe; rm -rf' }, /TRUST_PROXY must be/],
    [{ SESSION_IDLE_MINUTES: '-5' }, /SESSION_IDLE_MINUTES must be a positive whole number/],
  ])('refuses %p with one clear line', (env, message) => {
    const run = () => loadConfig({ CASEBOOK_DATA_DIR: tmp(), ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });

  it('takes a PostgreSQL address in DATABASE_URL, and keeps SQLite without one', () => {
    const dir = tmp();
    try {
      expect(loadConfig({ CASEBOOK_DATA_DIR: dir }).databaseUrl).toBeNull();
      expect(loadConfig({ CASEBOOK_DATA_DIR: dir, DATABASE_URL: 'postgresql://cb:pw@db.internal:5433/casebook' }).databaseUrl).toBe('postgresql://cb:pw@db.internal:5433/casebook');
      // The password never appears in a refusal.
      expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, DATABASE_URL: 'postgres://cb:hunter2secret@db' })).toThrow(/^(?!.*hunter2secret).*names no database/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the audit key in the data directory unless CASEBOOK_AUDIT_KEY says otherwise, and checks the checkpoint intervals', () => {
    const dir = tmp();
    try {
      const defaults = loadConfig({ CASEBOOK_DATA_DIR: dir });
      expect(defaults.audit).toEqual({ keyPath: path.join(dir, 'audit-key'), checkpointEveryEntries: 1000, checkpointEveryHours: 24 });
      const set = loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_AUDIT_KEY: 'keys/casebook.key', CASEBOOK_AUDIT_CHECKPOINT_EVERY: '50', CASEBOOK_AUDIT_CHECKPOINT_HOURS: '2' });
      expect(set.audit).toEqual({ keyPath: path.resolve('keys/casebook.key'), checkpointEveryEntries: 50, checkpointEveryHours: 2 });
      expect(fs.existsSync(path.join(dir, 'audit-key'))).toBe(false);
      expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_AUDIT_CHECKPOINT_EVERY: '0' })).toThrow(/CASEBOOK_AUDIT_CHECKPOINT_EVERY must be a positive whole number/);
      expect(() => loadConfig({ CASEBOOK_DATA_DIR: dir, CASEBOOK_AUDIT_CHECKPOINT_HOURS: 'daily' })).toThrow(/CASEBOOK_AUDIT_CHECKPOINT_HOURS must be a positive whole number/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the WebAuthn origin and relying party id from CASEBOOK_ORIGIN and CASEBOOK_RP_ID, checked', () => {
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp() }).webauthn).toEqual({ origin: null, rpId: null });
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp(), CASEBOOK_ORIGIN: 'https://Casebook.Example.org/' }).webauthn).toEqual({ origin: 'https://casebook.example.org', rpId: 'casebook.example.org' });
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp(), CASEBOOK_ORIGIN: 'https://cases.example.org:8443', CASEBOOK_RP_ID: 'example.org' }).webauthn).toEqual({ origin: 'https://cases.example.org:8443', rpId: 'example.org' });
    for (const origin of ['casebook.example.org', 'ftp://casebook.example.org', 'https://casebook.example.org/casebook', 'https://casebook.example.org/?x=1']) {
      expect(() => loadConfig({ CASEBOOK_DATA_DIR: tmp(), CASEBOOK_ORIGIN: origin })).toThrow(/CASEBOOK_ORIGIN must be the address Casebook is opened at/);
    }
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: tmp(), CASEBOOK_ORIGIN: 'https://casebook.example.org', CASEBOOK_RP_ID: 'evil.example' })).toThrow(/CASEBOOK_RP_ID "evil.example" must be the host of CASEBOOK_ORIGIN/);
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: tmp(), CASEBOOK_ORIGIN: 'https://casebook.example.org', CASEBOOK_RP_ID: 'ample.org' })).toThrow(/CASEBOOK_RP_ID/);
    expect(() => loadConfig({ CASEBOOK_DATA_DIR: tmp(), CASEBOOK_RP_ID: 'example.org' })).toThrow(/CASEBOOK_RP_ID needs CASEBOOK_ORIGIN/);
  });

  it('accepts proxy settings people actually use', () => {
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp(), TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ CASEBOOK_DATA_DIR: tmp(), TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
  });

  it('stops the server at start-up with one line on stderr for bad configuration', () => {
    const res = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/src/server.js')], {
      env: { PATH: process.env.PATH ?? '', CASEBOOK_DATA_DIR: tmp(), PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual(['Configuration error: PORT must be a whole number from 0 to 65535, got "eighty"']);
  });

  it('leaves none of its data directories behind', () => {
    expect(made.length).toBeGreaterThan(5);
    expect(made.filter((dir) => fs.existsSync(dir))).toEqual([]);
  });
});
