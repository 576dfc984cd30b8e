/**
 * `node --expose-gc dist/scripts/bench-case-page.js --db FILE [--passes 3] [--queries]`
 *
 * The case page model (loadCasePage) over the bench's sample of cases (the same 100+ cases
 * `npm run bench` reads), pass after pass: the first pass reads cases nobody has read since the
 * database was opened (cold: SQLite's page cache, the OS cache and statement preparation), the
 * later ones the same cases again (warm). Prints p50 / p90 / p99 / max per pass, the slowest
 * cases with their size, time spent in garbage collection, and (with --queries) the queries one
 * page asks, grouped by shape. For iterating on the case page without running the whole bench.
 */
import 'reflect-metadata';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { openDatabase } from '../src/db/data-source';
import { rawDb } from '../src/search/sqlite';
import { loadCasePage } from '../src/cases/case-page';
import { CurrentUser } from '../src/http/context';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const file = arg('db');
  if (!file) throw new Error('--db FILE: a bench database (a copy: the bench user may be added)');
  const passes = Number(arg('passes') ?? 3);
  const ds = await openDatabase({ databasePath: file });
  const db = rawDb(ds);
  const researcher = db.prepare(`SELECT id, email, name, role FROM user WHERE role = 'researcher' ORDER BY id LIMIT 1`).get() as CurrentUser;
  if (!researcher) throw new Error('no researcher in this database: run the bench on it once');
  const caseIds = (db.prepare('SELECT id FROM case_record WHERE restricted = 0 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const sample = Array.from({ length: 100 }, (_v, i) => caseIds[Math.floor((i * 7919) % caseIds.length)]);

  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });

  // Queries through TypeORM, counted per page and grouped by shape (IN lists folded).
  let queries: string[] = [];
  const logger = ds.logger as unknown as { logQuery: (q: string) => void };
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (q: string) => {
    queries.push(q);
    original(q);
  };

  // Statements prepared (SQLite compiling a query text not seen before), counted per pass.
  let preparedTexts: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    preparedTexts.push(sql);
    return prepare(sql);
  };
  // Time inside SQLite per query shape (--sql): which reads cost, as opposed to TypeORM around them.
  const sqlMs = new Map<string, { ms: number; n: number }>();
  if (process.argv.includes('--sql')) {
    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<'all' | 'get', (...a: unknown[]) => unknown>;
    for (const method of ['all', 'get'] as const) {
      const run = proto[method];
      proto[method] = function (this: { source: string }, ...a: unknown[]) {
        const t = performance.now();
        try {
          return run.apply(this, a);
        } finally {
          const key = countShapes([this.source])[0][0];
          const m = sqlMs.get(key) ?? { ms: 0, n: 0 };
          m.ms += performance.now() - t;
          m.n++;
          sqlMs.set(key, m);
        }
      };
    }
  }
  const size = db.prepare(
    `SELECT (SELECT count(*) FROM case_event WHERE case_id = @id) AS events, (SELECT count(*) FROM allegation WHERE case_id = @id) AS allegations,
            (SELECT count(*) FROM case_participant WHERE case_id = @id) AS people, (SELECT count(*) FROM citation WHERE case_id = @id) AS citations`,
  );
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${sample.length} cases`);
  for (let pass = 1; pass <= passes; pass++) {
    const times: { id: number; ms: number; queries: number }[] = [];
    const gcBefore = gcMs;
    const cpuBefore = process.cpuUsage();
    preparedTexts = [];
    for (const id of sample) {
      queries = [];
      const t = performance.now();
      await loadCasePage(ds, researcher, id);
      times.push({ id, ms: performance.now() - t, queries: queries.length });
    }
    await new Promise((resolve) => setImmediate(resolve)); // GC entries arrive on a later turn
    const cpu = process.cpuUsage(cpuBefore);
    const s = times.map((t) => t.ms).sort((a, b) => a - b);
    const total = s.reduce((a, b) => a + b, 0);
    console.log(
      `pass ${pass} (${pass === 1 ? 'cold' : 'warm'}): p50 ${pct(s, 50).toFixed(1)}  p90 ${pct(s, 90).toFixed(1)}  p99 ${pct(s, 99).toFixed(1)}  max ${s[s.length - 1].toFixed(1)} ms; ` +
        `total ${total.toFixed(0)} ms of which GC ${(gcMs - gcBefore).toFixed(0)} ms; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; statements prepared ${preparedTexts.length}; queries per page ${Math.min(...times.map((t) => t.queries))}–${Math.max(...times.map((t) => t.queries))}; load ${os.loadavg()[0].toFixed(1)}`,
    );
    for (const t of [...times].sort((a, b) => b.ms - a.ms).slice(0, 3)) console.log(`    case ${t.id}: ${t.ms.toFixed(1)} ms, ${t.queries} queries, ${JSON.stringify(size.get({ id: t.id }))}`);
  }
  if (sqlMs.size) {
    console.log(`\ntime inside SQLite over all passes, by shape (ms, runs):`);
    for (const [shape, m] of [...sqlMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`${m.ms.toFixed(0).padStart(6)} ${String(m.n).padStart(5)}  ${shape}`);
  }
  if (process.argv.includes('--prepares')) {
    console.log(`\nstatements prepared in the last pass, by shape:`);
    for (const [shape, n] of countShapes(preparedTexts)) console.log(`${String(n).padStart(4)}  ${shape}`);
  }
  if (process.argv.includes('--queries')) {
    queries = [];
    await loadCasePage(ds, researcher, sample[0]);
    console.log(`\n${queries.length} queries for case ${sample[0]}:`);
    for (const [shape, n] of countShapes(queries)) console.log(`${String(n).padStart(3)}  ${shape}`);
  }
  await ds.destroy();
}

/** Query texts grouped by shape: lists of placeholders or of numbers folded, most frequent first. */
function countShapes(texts: string[]): [string, number][] {
  const shapes = new Map<string, number>();
  for (const q of texts) {
    const shape = q
      .replace(/\((\?|\d+)(, ?(\?|\d+))*\)/g, '(…)')
      .replace(/= \d+/g, '= N')
      .replace(/\s+/g, ' ')
      .slice(0, 240);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  }
  return [...shapes].sort((a, b) => b[1] - a[1]);
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
