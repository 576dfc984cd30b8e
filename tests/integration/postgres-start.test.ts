/**
 * Issue 16: DATABASE_URL=postgres://… runs Casebook on PostgreSQL; bad input stops start-up with
 * one line saying which. Runs in jest's "postgres" project only (a cluster of its own per run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureBuilt } from '../support/build';
import { createTestDatabase } from '../support/postgres';
import { TestApp, makeUser, startTestApp } from '../support/app';

const SERVER = path.resolve(__dirname, '../../dist/src/server.js');
const dirs: string[] = [];

/** Starts the built server with this DATABASE_URL and returns what it printed when it stopped. */
function startServer(databaseUrl: string): { status: number | null; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-pgstart-'));
  dirs.push(dir);
  const result = spawnSync(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH, CASEBOOK_DATA_DIR: dir, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

const oneLine = (stderr: string) => stderr.trim().split('\n');

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('start-up on PostgreSQL', () => {
  it('refuses a malformed address, naming DATABASE_URL and never the password', () => {
    const run = startServer('postgres://casebook:s3cret-pw@/');
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toEqual([expect.stringMatching(/^Configuration error: DATABASE_URL is not a valid address: use postgres:\/\/user:password@host:5432\/database$/)]);
    expect(run.stderr).not.toContain('s3cret-pw');
  });

  it('says so when the server cannot be reached', async () => {
    const run = startServer(`postgres://casebook:s3cret-pw@127.0.0.1:${await closedPort()}/casebook`);
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toEqual([expect.stringMatching(/^Casebook could not start: Database error: cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/casebook \(ECONNREFUSED\)$/)]);
    expect(run.stderr).not.toContain('s3cret-pw');
  });

  it('says so when the password is wrong or the database does not exist', async () => {
    const db = await createTestDatabase();
    try {
      const wrong = new URL(db.url);
      wrong.password = 'not-the-password';
      expect(oneLine(startServer(wrong.toString()).stderr)).toEqual([expect.stringMatching(/refused the user name or password in DATABASE_URL$/)]);
      const missing = new URL(db.url);
      missing.pathname = '/no_such_casebook';
      expect(oneLine(startServer(missing.toString()).stderr)).toEqual([expect.stringMatching(/has no such database; create it first/)]);
    } finally {
      await db.drop();
    }
  });

  it('refuses a database that holds tables and is not Casebook’s, and leaves it untouched', async () => {
    const db = await createTestDatabase();
    try {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query('CREATE TABLE invoices (id integer primary key, total numeric)');
      const run = startServer(db.url);
      expect(run.status).toBe(1);
      expect(oneLine(run.stderr)).toEqual([expect.stringMatching(/^Casebook could not start: Database error: .* is not empty and not a Casebook database \(1 tables, no schema_migrations\)/)]);
      const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`);
      expect(tables.rows.map((r) => r.tablename)).toEqual(['invoices']);
      await client.end();
    } finally {
      await db.drop();
    }
  });

  it('refuses a Casebook database with migrations this version does not know', async () => {
    const db = await createTestDatabase();
    try {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query('CREATE TABLE schema_migrations (id serial primary key, timestamp bigint not null, name varchar not null)');
      await client.query(`INSERT INTO schema_migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`);
      await client.end();
      expect(oneLine(startServer(db.url).stderr)).toEqual([expect.stringMatching(/holds migrations this version of Casebook does not know \(FromTheFuture9999999999999\)/)]);
    } finally {
      await db.drop();
    }
  });
});

describe('a migrated PostgreSQL database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is PostgreSQL 15 or later, with every trigger of the registries and the seeded vocabulary', async () => {
    expect(t.engine).toBe('postgres');
    expect(t.ds.options.type).toBe('postgres');
    const [{ v }] = await t.ds.query("SELECT current_setting('server_version_num')::int AS v");
    expect(Number(v)).toBeGreaterThanOrEqual(150000);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgname ~ '^(audit_|redaction_|search_ppc_)'`);
    expect(n).toBe(59);
    const [{ terms }] = await t.ds.query(`SELECT count(*)::int AS terms FROM vocab_term`);
    expect(terms).toBeGreaterThan(300);
  });

  it('keeps the audit trail append-only: an entry written with a record cannot be changed or removed', async () => {
    await makeUser(t.ds, 'researcher');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'user.create'`);
    expect(n).toBe(1);
    await expect(t.ds.query(`UPDATE audit_entry SET actor_label = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    const [{ kept }] = await t.ds.query(`SELECT count(*)::int AS kept FROM audit_entry WHERE action = 'user.create'`);
    expect(kept).toBe(1);
  });
});
