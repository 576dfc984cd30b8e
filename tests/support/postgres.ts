/**
 * A throwaway PostgreSQL cluster for the test run: initdb + pg_ctl in a temporary directory,
 * started once per jest run (globalSetup), one database per test file (createTestDatabase),
 * stopped and removed at the end (globalTeardown). initdb refuses to run as root, so as root the
 * cluster belongs to Debian's `postgres` user (or `nobody`), in a directory that user owns.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../../src/db/postgres';

/** Set by startCluster in the jest process; workers inherit it. */
export const CLUSTER_URL_VAR = 'CASEBOOK_TEST_POSTGRES_URL';
const CLUSTER_DIR_VAR = 'CASEBOOK_TEST_POSTGRES_DIR';
export const MIN_MAJOR = 15;

/** The bin directory of PostgreSQL >= 15: CASEBOOK_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  if (env.CASEBOOK_PG_BIN) return has(env.CASEBOOK_PG_BIN) ? env.CASEBOOK_PG_BIN : null;
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).map(Number).filter((n) => n >= MIN_MAJOR).sort((a, b) => b - a) : [];
  for (const major of majors) if (has(path.join(root, String(major), 'bin'))) return path.join(root, String(major), 'bin');
  return null;
}

/**
 * Whether this run tests on PostgreSQL: CASEBOOK_TEST_POSTGRES=1 demands it (CI), =0 refuses it;
 * unset, it runs when the binaries are there.
 */
export function postgresWanted(env: NodeJS.ProcessEnv = process.env): { run: boolean; why: string } {
  const flag = env.CASEBOOK_TEST_POSTGRES;
  const bin = findPostgresBin(env);
  if (flag === '0') return { run: false, why: 'CASEBOOK_TEST_POSTGRES=0' };
  if (flag === '1') return { run: true, why: bin ? `PostgreSQL from ${bin}` : 'CASEBOOK_TEST_POSTGRES=1 but no PostgreSQL binaries' };
  return bin
    ? { run: true, why: `PostgreSQL from ${bin}` }
    : { run: false, why: `no PostgreSQL ${MIN_MAJOR}+ binaries (apt-get install postgresql, or set CASEBOOK_PG_BIN) and CASEBOOK_TEST_POSTGRES unset` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** The account the cluster runs as, when this process is root (initdb refuses root). */
function clusterUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    if (spawnSync('id', ['-u', name]).status === 0) return name;
  }
  throw new Error('PostgreSQL tests run as root need an unprivileged user (postgres or nobody) to own the cluster');
}

function run(bin: string, args: string[], user: string | null): void {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`);
  }
}

export interface Cluster {
  url: string;
  dir: string;
}

/** initdb + pg_ctl start on a free port of 127.0.0.1, password auth, durability off (a throwaway). */
export async function startCluster(bin: string): Promise<Cluster> {
  const user = clusterUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-pg-'));
  const data = path.join(dir, 'data');
  const password = crypto.randomBytes(18).toString('base64url');
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  if (user) {
    execFileSync('chown', ['-R', user, dir]);
  }
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'casebook', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], user);
  fs.rmSync(pwfile, { force: true });
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200'].join(' ');
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'], user);
  return { url: `postgres://casebook:${password}@127.0.0.1:${port}/postgres`, dir };
}

export function stopCluster(bin: string, dir: string): void {
  const user = clusterUser();
  try {
    run(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], user);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** jest globalSetup of the postgres project. */
export async function globalSetup(): Promise<void> {
  const wanted = postgresWanted();
  const bin = findPostgresBin();
  if (!wanted.run || !bin) throw new Error(`PostgreSQL tests cannot run: ${wanted.why}`);
  const cluster = await startCluster(bin);
  process.env[CLUSTER_URL_VAR] = cluster.url;
  process.env[CLUSTER_DIR_VAR] = cluster.dir;
}

/** jest globalTeardown of the postgres project. */
export async function globalTeardown(): Promise<void> {
  const dir = process.env[CLUSTER_DIR_VAR];
  const bin = findPostgresBin();
  if (dir && bin) stopCluster(bin, dir);
}

/** A new empty database in the run's cluster; drop() removes it (connections still open are ended). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const clusterUrl = process.env[CLUSTER_URL_VAR];
  if (!clusterUrl) throw new Error(`${CLUSTER_URL_VAR} is not set: PostgreSQL tests run in jest's "postgres" project (see jest.config.js)`);
  return createScratchDatabase(clusterUrl, 'casebook_test_');
}
