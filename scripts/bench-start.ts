/**
 * How soon a server answers after it starts (issue 18: "a server with 100,000 cases answers
 * /healthz and pages within 2 s of start"). Starts the built server as a new user would
 * (`node dist/src/server.js`) on a copy of a data directory, asks /healthz and the sign-in page
 * every 20 ms from the moment the process is spawned, and reports when each first answered, when
 * the search index's check (which runs meanwhile, in a worker thread) finished, and what a
 * /healthz costs while that check runs, against one asked after it.
 *
 *   npm run bench:start -- --data-dir DIR [--runs 3]
 *
 * DIR's database is first brought up to date with the migrations (as `npm run bench` does when it
 * opens it), then copied for each run (the server sweeps what it opens); the copies are removed.
 * A bench database: `npm run bench -- --cases 100000` keeps one under the system temp directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';

interface Args {
  dataDir: string;
  runs: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dataDir = get('--data-dir');
  if (!dataDir || !fs.existsSync(path.join(dataDir, 'casebook.sqlite'))) {
    process.stderr.write('bench:start needs --data-dir DIR holding a casebook.sqlite (e.g. one made by `npm run bench`)\n');
    process.exit(2);
  }
  const runs = Number(get('--runs') ?? '3');
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
    process.stderr.write('--runs must be a whole number from 1 to 20\n');
    process.exit(2);
  }
  return { dataDir, runs };
}

async function status(url: string): Promise<{ code: number; ms: number } | null> {
  const started = performance.now();
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return { code: res.status, ms: performance.now() - started };
  } catch {
    return null;
  }
}

interface Run {
  healthz: number;
  page: number;
  indexChecked: number | null;
  healthzDuringCheck: number[];
  healthzAfter: number[];
}

async function oneRun(source: string, port: number): Promise<Run> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-bench-start-'));
  try {
    for (const name of fs.readdirSync(source)) {
      if (/^casebook\.sqlite(-wal|-shm)?$/.test(name)) fs.copyFileSync(path.join(source, name), path.join(copy, name));
    }
    const spawned = performance.now();
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'server.js')], {
      env: { ...process.env, CASEBOOK_DATA_DIR: copy, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let indexChecked: number | null = null;
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (indexChecked === null && log.includes('Search index checked')) indexChecked = performance.now() - spawned;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const base = `http://127.0.0.1:${port}`;
    let healthz = -1;
    let page = -1;
    const during: number[] = [];
    const deadline = spawned + 600_000;
    while ((healthz < 0 || page < 0) && performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server stopped (${child.exitCode}): ${log.slice(-500)}`);
      if (healthz < 0 && (await status(base + '/healthz'))?.code === 200) healthz = performance.now() - spawned;
      if (page < 0 && (await status(base + '/login'))?.code === 200) page = performance.now() - spawned;
      if (healthz < 0 || page < 0) await new Promise((r) => setTimeout(r, 20));
    }
    while (indexChecked === null && performance.now() < deadline) {
      const r = await status(base + '/healthz');
      if (r && indexChecked === null) during.push(r.ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    const after: number[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await status(base + '/healthz');
      if (r) after.push(r.ms);
    }
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return { healthz, page, indexChecked, healthzDuringCheck: during, healthzAfter: after };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : `${x.toFixed(0)} ms`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cases = (() => {
    try {
      const ready = JSON.parse(fs.readFileSync(path.join(args.dataDir, 'ready.json'), 'utf8')) as { cases?: number };
      return ready.cases ?? null;
    } catch {
      return null;
    }
  })();
  const migrated = performance.now();
  await (await openDatabase({ databasePath: path.join(args.dataDir, 'casebook.sqlite') })).destroy();
  console.log(`migrations checked in ${ms(performance.now() - migrated)}`);
  console.log(`bench:start on ${args.dataDir}${cases ? ` (${cases.toLocaleString('en')} cases)` : ''}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const runs: Run[] = [];
  for (let i = 0; i < args.runs; i++) {
    const r = await oneRun(args.dataDir, 39_000 + i);
    runs.push(r);
    console.log(`run ${i + 1}: /healthz ${ms(r.healthz)}, sign-in page ${ms(r.page)}, index check done ${ms(r.indexChecked)}; /healthz during the check p50 ${ms(pct(r.healthzDuringCheck, 50))} p99 ${ms(pct(r.healthzDuringCheck, 99))} (${r.healthzDuringCheck.length} asked), after p50 ${ms(pct(r.healthzAfter, 50))} p99 ${ms(pct(r.healthzAfter, 99))}`);
  }
  const med = (f: (r: Run) => number) => pct(runs.map(f), 50);
  console.log(`median of ${runs.length}: /healthz after ${ms(med((r) => r.healthz))}, a page after ${ms(med((r) => r.page))} (target ≤ 2000 ms); index check finished after ${ms(med((r) => r.indexChecked ?? NaN))}`);
  console.log(`/healthz p99 during the check ÷ after it: ${(pct(runs.flatMap((r) => r.healthzDuringCheck), 99) / pct(runs.flatMap((r) => r.healthzAfter), 99)).toFixed(2)}×`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
