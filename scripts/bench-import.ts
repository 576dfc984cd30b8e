/**
 * `npm run bench:import [-- --rows 100000 --runs 1 --dir DIR]`
 *
 * Spreadsheet import (issue 13, "Measured"): N case rows, one person per case (linked to it as a
 * victim) and one event per case, as three flat CSV sheets (cases.csv, people.csv, events.csv:
 * the engine imports one kind per CSV sheet), generated deterministically and cached under DIR
 * (default <tmp>/casebook-bench-import). Each run, in one process:
 * - imports them through the real service (createBatch → saveMapping → checkBatch → commitBatch,
 *   cases first, since people and events refer to the cases committed before them) into a fresh
 *   migrated database, timing check and commit separately;
 * - inserts the same records raw, in ONE transaction, through better-sqlite3 prepared statements
 *   (DemoWriter), into another fresh migrated database: the records, their dependent rows
 *   (case member, tags, person names, participants), the import links (import_record) and the
 *   audit entries (hash-chained with the same entryHash), so the ratio compares like with like.
 *   The raw rows are read from the same CSV files beforehand (reading is not in the raw time);
 * - samples memory (live heap after a collection, and RSS) at 10%, 50% and 100% of the rows
 *   gone through (checked + committed), for N and for N/10, to show it stays flat as rows grow.
 * - reads a case page (loadCasePage) every 250 ms for 3 s while nothing is written, and during the
 *   people and events commits: p50 / p99 of how long a request arriving then waits;
 * - `--sizes 10000,50000,100000` runs those sizes (default N/10 and N) and prints the peak RSS of each.
 * Temporary databases are removed at the end; the CSV files stay cached.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { openDatabase } from '../src/db/data-source';
import { rawDb } from '../src/search/sqlite';
import { createUser } from '../src/users/user.service';
import { CLI_ACTOR, verifyAudit } from '../src/audit/audit.service';
import { GENESIS_HASH, entryHash } from '../src/audit/audit-chain';
import { CurrentUser } from '../src/http/context';
import * as service from '../src/imports/import.service';
import { loadCasePage } from '../src/cases/case-page';
import { openImportFile } from '../src/imports/import-file';
import { rowHashOf } from '../src/imports/import-values';
import { DemoWriter } from '../src/demo/demo-writer';
import { Rng } from '../src/demo/rng';
import { FEMALE_NAMES, MALE_NAMES, REGION_PLACES, SURNAMES } from '../src/demo/demo-words';
import { latinize, matchKey } from '../src/people/transliterate';

interface Options {
  rows: number;
  sizes: number[];
  runs: number;
  dir: string;
}

function options(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number) => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 10) throw new Error(`--${name} must be a whole number of at least 10`);
    return n;
  };
  const rows = int('rows', 100_000);
  const sizes = get('sizes') ? get('sizes')!.split(',').map((v) => Number(v)) : [Math.max(10, Math.round(rows / 10)), rows];
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes takes whole numbers of at least 10, comma-separated');
  return { rows, sizes, runs: Math.max(1, Number(get('runs') ?? 1) | 0), dir: get('dir') ?? path.join(os.tmpdir(), 'casebook-bench-import') };
}

/** Bump when the generated sheets change, so a cached set is not reused. */
const SHEETS_VERSION = 1;
const KINDS = ['cases', 'people', 'events'] as const;
type Kind = (typeof KINDS)[number];

const HEADERS: Record<Kind, string[]> = {
  cases: ['external_id', 'title', 'status', 'region', 'summary', 'tags', 'year'],
  people: ['external_id', 'name', 'gender', 'birth', 'region', 'case_ref', 'case_role'],
  events: ['external_id', 'case_ref', 'type', 'date', 'place', 'description'],
};

/** The three sheets for `n` cases, generated once per (n, version) and kept. */
function sheets(o: Options, n: number): Record<Kind, string> {
  const dir = path.join(o.dir, `rows-${n}-v${SHEETS_VERSION}`);
  const files = Object.fromEntries(KINDS.map((k) => [k, path.join(dir, `${k}.csv`)])) as Record<Kind, string>;
  if (fs.existsSync(path.join(dir, 'ready'))) return files;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const rng = new Rng(n);
  const regions = Object.keys(REGION_PLACES);
  const out = Object.fromEntries(KINDS.map((k) => [k, fs.openSync(files[k], 'w')])) as Record<Kind, number>;
  for (const k of KINDS) fs.writeSync(out[k], stringify([HEADERS[k]]));
  const statuses = ['open', 'Мониторинг', 'closed'];
  const types = ['arrest', 'detention', 'Обыск', 'abduction'];
  const batch: Record<Kind, string[][]> = { cases: [], people: [], events: [] };
  const write = () => {
    for (const k of KINDS) {
      if (batch[k].length) fs.writeSync(out[k], stringify(batch[k]));
      batch[k] = [];
    }
  };
  for (let i = 1; i <= n; i++) {
    const region = rng.pick(regions);
    const town = rng.pick(REGION_PLACES[region]);
    const female = rng.chance(0.3);
    const surname = rng.pick(SURNAMES);
    const name = `${female ? surname + 'а' : surname} ${rng.pick(female ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(MALE_NAMES)}${female ? 'овна' : 'ович'}`;
    const year = rng.int(2000, 2024);
    const month = String(rng.int(1, 12)).padStart(2, '0');
    const day = String(rng.int(1, 28)).padStart(2, '0');
    const id = String(i).padStart(7, '0');
    batch.cases.push([`case-${id}`, `Detention of ${latinize(name)} in ${town}`, rng.pick(statuses), region, `${latinize(name)} was detained in ${town} and reported beatings in custody. Case ${i}.`, rng.chance(0.3) ? `${town.toLowerCase()}|${year} arrests` : '', String(year)]);
    batch.people.push([`person-${id}`, name, female ? 'ж' : 'male', rng.chance(0.6) ? `${rng.int(1950, 2000)}` : '', region, `case-${id}`, 'victim']);
    batch.events.push([`event-${id}`, `case-${id}`, rng.pick(types), `${year}-${month}-${day}`, town, `Detained in ${town} by police officers.`]);
    if (i % 5000 === 0) write();
  }
  write();
  for (const k of KINDS) fs.closeSync(out[k]);
  fs.writeFileSync(path.join(dir, 'ready'), '');
  return files;
}

const mib = (b: number) => b / 2 ** 20;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface Memory {
  at: string;
  heap: number;
  rss: number;
}

/** Live memory (after a collection: npm run bench:import passes --expose-gc) at 10%, 50% and 100% of `total` steps. */
class MemorySampler {
  readonly samples: Memory[] = [];
  peakRss = 0;
  peakHeap = 0;
  private marks = [0.1, 0.5, 1];
  constructor(private readonly total: number) {}
  at(done: number) {
    const m = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
    while (this.marks.length && done >= this.marks[0] * this.total) {
      const mark = this.marks.shift()!;
      global.gc?.();
      const live = process.memoryUsage();
      this.samples.push({ at: `${mark * 100}%`, heap: mib(live.heapUsed), rss: mib(live.rss) });
    }
  }
}

/**
 * A case page read (loadCasePage, what GET /cases/:id renders from) every PROBE_EVERY_MS: how long a
 * request arriving then waits for its answer, counting the time the event loop was busy before
 * the read could start (the timer's lateness) and the read itself.
 */
/**
 * Every 250 ms: at every 25 ms the reads themselves took half of the thread during a commit
 * (8,134 reads of ~46 ms in a 713 s commit at load 12), and the commit's rate measured the probe.
 */
const PROBE_EVERY_MS = 250;

class LatencyProbe {
  readonly ms: number[] = [];
  private stopped = false;
  private done: Promise<void> = Promise.resolve();

  start(read: () => Promise<unknown>): void {
    this.stopped = false;
    this.done = (async () => {
      while (!this.stopped) {
        const due = performance.now() + PROBE_EVERY_MS;
        await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
        if (this.stopped) break;
        await read();
        this.ms.push(performance.now() - due);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  summary(): { n: number; p50: number; p99: number; max: number } {
    const xs = [...this.ms].sort((a, b) => a - b);
    const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
    return { n: xs.length, p50: at(0.5), p99: at(0.99), max: xs[xs.length - 1] ?? NaN };
  }
}

interface ImportRun {
  idle: ReturnType<LatencyProbe['summary']>;
  duringCommit: ReturnType<LatencyProbe['summary']>;
  rows: number;
  checkMs: number;
  commitMs: number;
  perKind: Record<Kind, { checkMs: number; commitMs: number; rows: number }>;
  memory: MemorySampler;
  load: string;
}

async function freshDatabase(o: Options, label: string): Promise<{ ds: DataSource; dir: string; user: CurrentUser }> {
  fs.mkdirSync(o.dir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(o.dir, `${label}-`));
  const ds = await openDatabase({ databasePath: path.join(dir, 'casebook.sqlite') });
  const u = await createUser(ds, CLI_ACTOR, { email: 'bench-importer@example.org', name: 'Bench importer', role: 'researcher', password: 'bench password not used' });
  return { ds, dir, user: { id: u.id, email: u.email, name: u.name, role: u.role } };
}

async function close(db: { ds: DataSource; dir: string }) {
  if (db.ds.isInitialized) await db.ds.destroy();
  fs.rmSync(db.dir, { recursive: true, force: true });
}

async function importRun(o: Options, files: Record<Kind, string>, n: number): Promise<ImportRun> {
  const db = await freshDatabase(o, 'import');
  try {
    const { ds, user } = db;
    const total = 2 * KINDS.length * n; // every row checked, then committed
    const memory = new MemorySampler(total);
    let base = 0;
    const progress = (p: { done: number }) => memory.at(base + p.done);
    const perKind = {} as ImportRun['perKind'];
    const idle = new LatencyProbe();
    const during = new LatencyProbe();
    const readCase = () => loadCasePage(ds, user, 1);
    global.gc?.();
    for (const kind of KINDS) {
      let batch = await service.createBatch(ds, user, { path: files[kind], originalName: `${kind}.csv` });
      const sheet = batch.sheets[0];
      batch = await service.saveMapping(ds, user, batch.id, { source: 'bench', sheets: [{ name: sheet.name, kind, columns: sheet.header }] });
      let t = performance.now();
      batch = await service.checkBatch(ds, user, batch.id, progress);
      const checkMs = performance.now() - t;
      base += n;
      if (batch.status !== 'checked' || batch.counts.create !== n) {
        const problems = await service.previewRows(ds, user, batch.id, { page: 1, perPage: 3, only: 'problems' });
        throw new Error(`${kind}: check ended ${batch.status} with ${JSON.stringify(batch.counts)}; first problems ${JSON.stringify(problems.rows.map((r) => [r.line, r.problems]))}`);
      }
      // Case page reads while nothing is written, then while the commit of every sheet after the cases' is written.
      if (kind !== 'cases') {
        if (kind === 'people') {
          idle.start(readCase);
          await new Promise((resolve) => setTimeout(resolve, 3000));
          await idle.stop();
        }
        during.start(readCase);
      }
      t = performance.now();
      batch = await service.commitBatch(ds, user, batch.id, progress);
      const commitMs = performance.now() - t;
      await during.stop();
      base += n;
      memory.at(base);
      perKind[kind] = { checkMs, commitMs, rows: n };
    }
    const count = (table: string) => Number((rawDb(ds).prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n);
    for (const [table, want] of [['case_record', n], ['person', n], ['case_event', n], ['case_participant', n]] as const) {
      if (count(table) !== want) throw new Error(`import: ${table} has ${count(table)} rows, expected ${want}`);
    }
    const chain = await verifyAudit(ds);
    if (chain.problem) throw new Error(`import: the audit chain is broken: ${JSON.stringify(chain.problem)}`);
    const checkMs = KINDS.reduce((s, k) => s + perKind[k].checkMs, 0);
    const commitMs = KINDS.reduce((s, k) => s + perKind[k].commitMs, 0);
    return { idle: idle.summary(), duringCommit: during.summary(), rows: KINDS.length * n, checkMs, commitMs, perKind, memory, load: load() };
  } finally {
    await close(db);
  }
}

/** The sheets' rows by field code, read with the engine's own reader (not timed). */
async function readSheet(file: string): Promise<Record<string, string>[]> {
  const f = await openImportFile(file, { originalName: path.basename(file) });
  const sheet = f.sheets[0];
  const rows: Record<string, string>[] = [];
  for await (const r of sheet.rows()) rows.push(Object.fromEntries(sheet.header.map((h, i) => [h, r.cells[i] ?? ''])));
  return rows;
}

interface RawRun {
  rows: number;
  ms: number;
  recordsMs: number;
  auditMs: number;
  load: string;
}

const STATUS: Record<string, string> = { open: 'open', Мониторинг: 'monitoring', closed: 'closed' };
const EVENT_TYPE: Record<string, string> = { arrest: 'arrest', detention: 'detention', Обыск: 'search', abduction: 'abduction' };

async function rawRun(o: Options, files: Record<Kind, string>): Promise<RawRun> {
  const sheetsRows = { cases: await readSheet(files.cases), people: await readSheet(files.people), events: await readSheet(files.events) };
  const db = await freshDatabase(o, 'raw');
  try {
    const conn = rawDb(db.ds);
    const w = new DemoWriter(conn);
    const userId = db.user.id;
    const audits: { action: string; recordType: string; recordId: number; fields: string[]; detail: Record<string, unknown> }[] = [];
    const detail = { importBatchId: 1, importFile: 'bench.csv' };
    const link = (kind: string, recordId: number, row: Record<string, string>) =>
      w.insert('import_record', { batch_id: 1, kind, record_id: recordId, external_id: row.external_id, row_hash: rowHashOf(row), source: 'bench', created: 1 });
    conn.prepare(`INSERT INTO import_batch (id, user_id, file_name, sha256, bytes, format, status, sheets, notices, mapping, counts) VALUES (1, ?, 'bench.csv', '', 0, 'csv', 'committed', '[]', '[]', '{}', '{}')`).run(userId);
    let recordsMs = 0;
    let auditMs = 0;
    const t0 = performance.now();
    conn.transaction(() => {
      const caseIds = new Map<string, number>();
      const perYear = new Map<number, number>();
      for (const r of sheetsRows.cases) {
        const year = Number(r.year);
        const seq = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, seq);
        const id = w.insert('case_record', { code: `RU-${year}-${String(seq).padStart(4, '0')}`, title: r.title, summary: r.summary || null, status: STATUS[r.status], region: r.region, restricted: 0, created_by_id: userId, updated_by_id: userId });
        w.insert('case_member', { case_id: id, user_id: userId });
        for (const tag of r.tags ? r.tags.split('|') : []) w.insert('case_tag', { case_id: id, tag });
        link('cases', id, r);
        caseIds.set(r.external_id, id);
        audits.push({ action: 'case.create', recordType: 'case', recordId: id, fields: ['code', 'title', 'summary', 'status', 'region'], detail: { caseId: id, ...detail } });
      }
      for (const r of sheetsRows.people) {
        const id = w.insert('person', { primary_name: r.name, gender: r.gender === 'male' ? 'male' : 'female', region: r.region, notes: null, protected_identity: 0, ...DemoWriter.date('birth', r.birth ? { precision: 'year', start: `${r.birth}-01-01`, end: `${r.birth}-12-31` } : null), created_by_id: userId, updated_by_id: userId });
        w.insert('person_name', { person_id: id, name: r.name, kind: 'primary', script: 'cyrillic', language: null, name_latin: latinize(r.name), match_key: matchKey(r.name) });
        const caseId = caseIds.get(r.case_ref)!;
        w.insert('case_participant', { case_id: caseId, person_id: id, role: r.case_role, note: null });
        link('people', id, r);
        audits.push({ action: 'person.create', recordType: 'person', recordId: id, fields: ['names', 'gender', 'region', 'birth'], detail });
        audits.push({ action: 'case.participant_add', recordType: 'case', recordId: caseId, fields: ['participants'], detail: { caseId, personId: id, ...detail } });
      }
      for (const r of sheetsRows.events) {
        const caseId = caseIds.get(r.case_ref)!;
        const id = w.insert('case_event', { case_id: caseId, type: EVENT_TYPE[r.type], title: null, place: r.place, description: r.description, region: null, ...DemoWriter.date('date', { precision: 'day', start: r.date, end: r.date }), created_by_id: userId, updated_by_id: userId });
        link('events', id, r);
        audits.push({ action: 'event.create', recordType: 'event', recordId: id, fields: ['type', 'date', 'place', 'description'], detail: { caseId, ...detail } });
      }
      recordsMs = performance.now() - t0;
      const t1 = performance.now();
      let prevHash = GENESIS_HASH;
      let seq = (conn.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number } | undefined)?.seq ?? 0;
      const head = conn.prepare('SELECT hash FROM audit_head WHERE id = 1').get() as { hash: string } | undefined;
      if (head) prevHash = head.hash;
      const at = new Date().toISOString();
      for (const a of audits) {
        seq++;
        const content = { seq, at, actorUserId: userId, actorLabel: db.user.email, action: a.action, recordType: a.recordType, recordId: String(a.recordId), fields: JSON.stringify([...a.fields].sort()), detail: JSON.stringify(a.detail), ip: null };
        const hash = entryHash(prevHash, content);
        w.insert('audit_entry', { seq, at, actor_user_id: userId, actor_label: content.actorLabel, action: a.action, record_type: a.recordType, record_id: content.recordId, fields: content.fields, detail: content.detail, ip: null, prev_hash: prevHash, hash });
        prevHash = hash;
      }
      conn.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(seq, prevHash);
      auditMs = performance.now() - t1;
    })();
    const ms = performance.now() - t0;
    return { rows: sheetsRows.cases.length + sheetsRows.people.length + sheetsRows.events.length, ms, recordsMs, auditMs, load: load() };
  } finally {
    await close(db);
  }
}

const perSecond = (rows: number, ms: number) => rows / (ms / 1000);
const rate = (r: number) => Math.round(r).toLocaleString('en');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const started = Date.now();
  const sizes = o.sizes;
  const results: { n: number; imports: ImportRun[]; raws: RawRun[] }[] = [];
  for (const n of sizes) {
    const files = sheets(o, n);
    const imports: ImportRun[] = [];
    const raws: RawRun[] = [];
    for (let run = 0; run < o.runs; run++) {
      process.stderr.write(`${n.toLocaleString('en')} cases: import run ${run + 1}/${o.runs} ...\n`);
      imports.push(await importRun(o, files, n));
      process.stderr.write(`${n.toLocaleString('en')} cases: raw run ${run + 1}/${o.runs} ...\n`);
      raws.push(await rawRun(o, files));
    }
    results.push({ n, imports, raws });
  }

  const conn = (await import('better-sqlite3')).default;
  const version = (new conn(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const cpus = os.cpus();
  console.log(`Casebook import benchmark: N case rows + N people rows (each a victim of its case) + N event rows, as three CSV sheets; ${o.runs} run(s) per size, median shown`);
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, SQLite ${version}; load average at the end ${load()}`);
  console.log(`command: npm run bench:import -- --sizes ${o.sizes.join(',')} --runs ${o.runs}${process.argv.includes('--dir') ? ` --dir ${o.dir}` : ''}`);
  console.log('');
  const out: string[][] = [];
  for (const { n, imports, raws } of results) {
    const rows = imports[0].rows;
    const check = median(imports.map((r) => perSecond(r.rows, r.checkMs)));
    const commit = median(imports.map((r) => perSecond(r.rows, r.commitMs)));
    const both = median(imports.map((r) => perSecond(r.rows, r.checkMs + r.commitMs)));
    const raw = median(raws.map((r) => perSecond(r.rows, r.ms)));
    const rawRecords = median(raws.map((r) => perSecond(r.rows, r.recordsMs)));
    const loads = `import ${imports.map((r) => r.load).join('; ')} / raw ${raws.map((r) => r.load).join('; ')}`;
    const label = `${n.toLocaleString('en')} cases (${rows.toLocaleString('en')} rows)`;
    out.push([label, 'check', rate(check), rate(raw), `${(check / raw).toFixed(3)}×`, '', loads]);
    out.push(['', 'commit', rate(commit), rate(raw), `${(commit / raw).toFixed(3)}×`, '', '']);
    out.push(['', 'check + commit', rate(both), rate(raw), `${(both / raw).toFixed(3)}×`, '≥ 0.25× raw', '']);
    out.push(['', '  (raw without audit entries)', '', rate(rawRecords), `${(both / rawRecords).toFixed(3)}×`, 'informational', '']);
    for (const k of KINDS) {
      const pk = median(imports.map((r) => perSecond(r.perKind[k].rows, r.perKind[k].checkMs)));
      const pc = median(imports.map((r) => perSecond(r.perKind[k].rows, r.perKind[k].commitMs)));
      out.push(['', `  ${k}: check / commit`, `${rate(pk)} / ${rate(pc)}`, '', '', 'informational', '']);
    }
    const last = imports[imports.length - 1];
    out.push(['', 'peak RSS (sampled every 100 rows)', `${mib(last.memory.peakRss).toFixed(0)} MiB`, '', '', 'flat as rows grow', '']);
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    out.push(['', 'case page read p50 / p99: idle', `${ms(last.idle.p50)} / ${ms(last.idle.p99)}`, '', '', `${last.idle.n} reads`, '']);
    out.push(['', '  during a commit', `${ms(last.duringCommit.p50)} / ${ms(last.duringCommit.p99)}`, '', '', `${last.duringCommit.n} reads, max ${ms(last.duringCommit.max)}`, '']);
  }
  const header = ['size', 'measure', 'import rows/s', 'raw rows/s', 'ratio', 'target', 'load average (1, 5, 15 min) at the end of each run'];
  const widths = header.map((h, i) => Math.max(h.length, ...out.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 2 || i === 3 || i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of out) console.log(line(r));
  console.log('');
  for (const { n, imports, raws } of results) {
    const r = imports[imports.length - 1];
    const raw = raws[raws.length - 1];
    console.log(
      `${n.toLocaleString('en')} cases: import ${(r.checkMs / 1000).toFixed(1)} s check + ${(r.commitMs / 1000).toFixed(1)} s commit, raw ${(raw.ms / 1000).toFixed(1)} s (audit ${(raw.auditMs / 1000).toFixed(1)} s of it); ` +
        `live heap (after a collection) at ${r.memory.samples.map((s) => s.at).join(' / ')} of rows: ${r.memory.samples.map((s) => `${s.heap.toFixed(0)}`).join(' / ')} MiB (rss ${r.memory.samples.map((s) => `${s.rss.toFixed(0)}`).join(' / ')} MiB); highest seen without collecting: heap ${mib(r.memory.peakHeap).toFixed(0)} MiB, rss ${mib(r.memory.peakRss).toFixed(0)} MiB`,
    );
  }
  console.log(`peak resident memory of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (the raw runs hold their rows in memory); CSV sheets cached in ${o.dir}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
