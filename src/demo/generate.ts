import { DataSource } from 'typeorm';
import { rawDb } from '../search/sqlite';
import { dropSearchTriggers, rebuildSearchIndex } from '../search/search-index';
import { parsePartialDate } from '../db/partial-date';
import { Rng } from './rng';
import { DemoWriter } from './demo-writer';
import { createInstitutions } from './demo-institutions';
import { createPerson } from './demo-people';
import { Pools, createCase } from './demo-case';
import { ORGANISATIONS, REGION_PLACES } from './demo-words';

export const DEMO_MAX_CASES = 1_000_000;
/** Changes whenever a seed starts making different records (the bench keys its cached databases by it). */
export const DEMO_VERSION = 2;

export interface DemoOptions {
  cases: number;
  seed: number;
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  cases: number;
  rows: Record<string, number>;
  generateMs: number;
  indexMs: number;
}

const BATCH = 2_000;
/** Regions weighted the way the records are: most cases come from the North Caucasus. */
const REGION_WEIGHTS: Record<string, number> = { chechnya: 14, kabardino_balkaria: 10, dagestan: 12, ingushetia: 8, north_ossetia: 3, crimea: 8, tatarstan: 4, bashkortostan: 4 };

/**
 * Fills the database with `cases` synthetic cases, reproducibly for a seed (on an empty database
 * the same seed gives the same rows and ids). Written for speed: prepared statements on the
 * raw connection, a transaction per 2,000 cases, and the search triggers dropped while loading,
 * then the index rebuilt once at the end (much faster than a trigger per row). If the load fails,
 * the index and its triggers are rebuilt before the error is passed on; if the process dies
 * half-way, the next openDatabase() notices the missing triggers and rebuilds.
 */
export async function generateDemo(ds: DataSource, opts: DemoOptions): Promise<DemoSummary> {
  if (!Number.isInteger(opts.cases) || opts.cases < 1 || opts.cases > DEMO_MAX_CASES) throw new Error(`cases must be between 1 and ${DEMO_MAX_CASES}`);
  const db = rawDb(ds);
  const rng = new Rng(opts.seed);
  const more = new Rng((opts.seed ^ 0x5bd1e995) >>> 0);
  const w = new DemoWriter(db);
  const started = Date.now();
  const cacheSize = db.pragma('cache_size', { simple: true });
  // Random keys (dates, names) land all over the indexes: a large cache keeps them in memory.
  db.pragma('cache_size = -524288');
  db.pragma('synchronous = OFF');
  try {
    db.transaction(() => dropSearchTriggers(db))();
    const regionCount = Math.min(Object.keys(REGION_PLACES).length, Math.max(3, Math.ceil(opts.cases / 40)));
    const regions = Object.keys(REGION_PLACES).sort((a, b) => (REGION_WEIGHTS[b] ?? 1) - (REGION_WEIGHTS[a] ?? 1)).slice(0, regionCount);
    const { institutions, pools } = db.transaction(() => {
      const institutions = createInstitutions(w, rng, regions);
      const pools: Pools = {
        lawyers: Array.from({ length: Math.max(5, Math.ceil(opts.cases / 60)) }, () => createPerson(w, rng, { region: rng.pick(regions), profiles: false })),
        officials: Array.from({ length: Math.max(5, Math.ceil(opts.cases / 25)) }, () => createPerson(w, rng, { region: rng.pick(regions), gender: 'male' })),
        sources: Array.from({ length: Math.max(5, Math.min(500, Math.ceil(opts.cases / 20))) }, (_v, i) => createSource(w, rng, i)),
      };
      return { institutions, pools };
    })();
    const weights = institutions.map((inst) => [inst, REGION_WEIGHTS[inst.region] ?? 1] as const);
    const sequence = nextSequences(db);
    for (let done = 0; done < opts.cases; ) {
      const size = Math.min(BATCH, opts.cases - done);
      db.transaction(() => {
        for (let i = 0; i < size; i++) {
          const year = rng.int(2000, 2024);
          const seq = (sequence.get(year) ?? 0) + 1;
          sequence.set(year, seq);
          createCase({ w, rng, more, regions: institutions, inst: rng.weighted(weights), pools, year, code: `RU-${year}-${String(seq).padStart(4, '0')}` });
        }
      })();
      done += size;
      opts.onProgress?.(done, opts.cases);
    }
  } catch (err) {
    // The search triggers were dropped for the load: put them back, with the rows written so far
    // indexed, before failing (search would otherwise run on an index nothing keeps in step).
    try {
      await rebuildSearchIndex(ds);
    } catch (restoreErr) {
      throw new AggregateError([err, restoreErr], 'The demo load failed, and restoring the search index failed too: run `casebook search rebuild`.');
    }
    throw err;
  } finally {
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${Number(cacheSize)}`);
  }
  const generateMs = Date.now() - started;
  const indexStarted = Date.now();
  await rebuildSearchIndex(ds);
  return { cases: opts.cases, rows: Object.fromEntries(w.counts), generateMs, indexMs: Date.now() - indexStarted };
}

/** The last sequence number used in each year's case codes, so a second run appends. */
function nextSequences(db: ReturnType<typeof rawDb>): Map<number, number> {
  const rows = db.prepare(`SELECT substr(code, 4, 4) AS year, max(CAST(substr(code, 9) AS INTEGER)) AS seq FROM case_record WHERE code LIKE 'RU-____-%' GROUP BY year`).all() as { year: string; seq: number }[];
  return new Map(rows.map((r) => [Number(r.year), Number(r.seq)]));
}

function createSource(w: DemoWriter, rng: Rng, i: number): number {
  const org = rng.pick(ORGANISATIONS);
  const year = rng.int(2000, 2024);
  const date = parsePartialDate({ precision: 'month', value: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}` });
  return w.insert('source', {
    kind: 'organisation',
    name: org,
    title: `${rng.pick(['Report', 'Appeal', 'Bulletin', 'Statement'])} no. ${i + 1}: ${rng.pick(['torture in police custody', 'fabricated cases', 'refusals to investigate', 'conditions in SIZO', 'persecution of activists'])}`,
    url: `https://example.org/${org.toLowerCase().replace(/[^a-z]+/g, '-')}/${year}/${i + 1}`,
    reliability: rng.weighted([['usually_reliable', 5], ['fairly_reliable', 3], ['completely_reliable', 1], ['cannot_be_judged', 1]] as const),
    relation: rng.weighted([['ngo', 6], ['media', 3], ['lawyer', 1]] as const),
    note: null,
    ...DemoWriter.date('date', date.ok ? date.date : null),
  });
}
