/**
 * `npm run search:forms-measure [-- --db PATH]`
 *
 * Which Russian dictionary serves the search's word forms better (word-forms.ts): the Snowball
 * stemmer alone (the floor), Snowball with OpenCorpora's dictionary (the `az` package: the
 * lexemes of each word, russian-lemmas.ts), or Snowball with Hunspell's Russian dictionary (the
 * `dictionary-ru` package's index.aff and index.dic, read here with fs: each word taken back
 * through the affix rules to the dictionary words it may be a form of). Each runs in a process
 * of its own, so that load time and memory are its own:
 * - recall on the fixed list (scripts/search-word-forms.json): a pair is met when the word and
 *   its form share a normal form;
 * - recall on forms the dictionaries generate themselves, for a sample of 2,000 words both know
 *   (every form of each word, from Hunspell's affix rules and from OpenCorpora's paradigms): each
 *   dictionary meets its own forms, the other's tell how it does on forms it was not made from;
 * - surnames of the demo data (src/demo/demo-words.ts) that meet a given name (Иванов ~ Иван);
 * - load time, memory once loaded (heap and resident, after a collection), time per word not
 *   seen before;
 * - with --db (a copy is used, never the file itself): the time to rebuild the search index
 *   with the variant's forms, and the size of the index, against no forms at all.
 * Hunspell's part is skipped when dictionary-ru is not installed.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lemma, loadRussianDictionary, russianLemmas } from '../src/search/russian-lemmas';
import { SEARCH_STEMS_FUNCTION, russianStems, snowballRussian, stemsByScript } from '../src/search/word-forms';
import { tokenize } from '../src/search/tokens';
import { openDatabase } from '../src/db/data-source';
import { rebuildSearchIndex } from '../src/search/search-index';
import { rawDb } from '../src/search/sqlite';
import { loadFormsList } from './search-recall';

type Variant = 'none' | 'snowball' | 'opencorpora' | 'hunspell';
const VARIANTS: Variant[] = ['snowball', 'opencorpora', 'hunspell'];

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

// --- Hunspell: a word taken back through the suffix rules (dictionary-ru has no prefixes) -----

interface Hunspell {
  /** Suffix rules by what they add: the flag, what they strip, the condition on the stem. */
  byAdd: Map<string, { flag: string; strip: string; cond: RegExp | null }[]>;
  rules: Map<string, { strip: string; add: string; cond: RegExp | null }[]>;
  maxAdd: number;
  /** Word -> its flags (words lower case; a capitalised entry is a name). */
  dic: Map<string, { flags: string; name: boolean }>;
}

function hunspellDir(): string | null {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'dictionary-ru');
    if (fs.existsSync(path.join(candidate, 'index.aff'))) return candidate;
  }
  return null;
}

function loadHunspell(dir: string): Hunspell {
  const byAdd: Hunspell['byAdd'] = new Map();
  const rules: Hunspell['rules'] = new Map();
  let maxAdd = 0;
  for (const line of fs.readFileSync(path.join(dir, 'index.aff'), 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SFX' || f.length < 5) continue;
    const [, flag, stripRaw, addRaw, condRaw] = f;
    const strip = stripRaw === '0' ? '' : fold(stripRaw);
    const add = addRaw === '0' ? '' : fold(addRaw.split('/')[0]);
    const cond = condRaw === '.' ? null : new RegExp(`(?:${fold(condRaw)})$`);
    if (!byAdd.has(add)) byAdd.set(add, []);
    byAdd.get(add)!.push({ flag, strip, cond });
    if (!rules.has(flag)) rules.set(flag, []);
    rules.get(flag)!.push({ strip, add, cond });
    maxAdd = Math.max(maxAdd, add.length);
  }
  const dic: Hunspell['dic'] = new Map();
  const lines = fs.readFileSync(path.join(dir, 'index.dic'), 'utf8').split('\n');
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (!line) continue;
    const slash = line.indexOf('/');
    const written = slash < 0 ? line : line.slice(0, slash);
    const word = fold(written);
    const prev = dic.get(word);
    dic.set(word, { flags: (prev?.flags ?? '') + (slash < 0 ? '' : line.slice(slash + 1)), name: (prev?.name ?? false) || written[0] !== written[0].toLowerCase() });
  }
  return { byAdd, rules, maxAdd, dic };
}

function hunspellLemmas(h: Hunspell, word: string): Lemma[] {
  const out = new Map<string, Lemma>();
  const own = h.dic.get(word);
  if (own) out.set(word, { lemma: word, name: own.name });
  for (let n = 0; n <= Math.min(h.maxAdd, word.length - 1); n++) {
    const entries = h.byAdd.get(n === 0 ? '' : word.slice(-n));
    if (!entries) continue;
    const root = word.slice(0, word.length - n);
    for (const e of entries) {
      const base = root + e.strip;
      const entry = h.dic.get(base);
      if (!entry || !entry.flags.includes(e.flag) || (e.cond && !e.cond.test(base))) continue;
      out.set(base, { lemma: base, name: entry.name });
    }
  }
  return [...out.values()];
}

/** Every form Hunspell's rules make of a dictionary word. */
function hunspellForms(h: Hunspell, word: string): string[] {
  const entry = h.dic.get(word);
  const out = new Set<string>();
  for (const flag of entry?.flags ?? '') {
    for (const r of h.rules.get(flag) ?? []) {
      if (r.cond && !r.cond.test(word)) continue;
      if (r.strip && !word.endsWith(r.strip)) continue;
      out.add(word.slice(0, word.length - r.strip.length) + r.add);
    }
  }
  out.delete(word);
  return [...out];
}

/** Every form of the word's own lexeme in OpenCorpora (Az.js paradigms). */
function openCorporaForms(word: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const az = require('az') as { Morph: (w: string, c: object) => { formCnt?: number; normalize(): { word: string }; inflect(i: number): { word: string } }[] };
  loadRussianDictionary();
  const own = az.Morph(word, { parsers: ['Dictionary'], ignoreCase: true, stutter: 0, typos: 0 }).find((p) => fold(p.normalize().word) === word && p.formCnt);
  if (!own) return [];
  const out = new Set<string>();
  for (let i = 0; i < own.formCnt!; i++) out.add(fold(own.inflect(i).word));
  out.delete(word);
  return [...out];
}

// --- one variant, in its own process ----------------------------------------------------------

interface Measures {
  variant: Variant;
  loadMs: number;
  heapMiB: number;
  rssMiB: number;
  usPerWord: number;
  list: { ru: [number, number]; en: [number, number] };
  missed: string[];
  generated: Record<'hunspell' | 'opencorpora', [number, number]>;
  surnamesMeetingNames: number;
  examples: string[];
  index?: { rebuildMs: number; indexMiB: number; stemsMiB: number; rows: number };
}

const SAMPLE_WORDS = 2_000;

/** The sample: dictionary words (lower case, with rules) both dictionaries know, evenly spread over Hunspell's list. */
function sampleWords(h: Hunspell): string[] {
  const candidates = [...h.dic.entries()].filter(([w, e]) => e.flags && !e.name && /^[а-я]{3,}$/.test(w)).map(([w]) => w);
  const step = Math.max(1, Math.floor(candidates.length / (SAMPLE_WORDS * 3)));
  const out: string[] = [];
  for (let i = 0; i < candidates.length && out.length < SAMPLE_WORDS; i += step) {
    const w = candidates[i];
    if (openCorporaForms(w).length && hunspellForms(h, w).length) out.push(w);
  }
  return out;
}

async function child(variant: Variant, dbPath: string | undefined, sampleFile: string): Promise<Measures> {
  const dir = hunspellDir();
  global.gc?.();
  const m0 = process.memoryUsage();
  const t0 = performance.now();
  let russianOf: (w: string) => readonly string[];
  let h: Hunspell | null = null;
  if (variant === 'opencorpora') {
    loadRussianDictionary();
    russianOf = (w) => russianStems(w, russianLemmas);
  } else if (variant === 'hunspell') {
    h = loadHunspell(dir!);
    const hh = h;
    russianOf = (w) => russianStems(w, (x) => hunspellLemmas(hh, x));
  } else {
    russianOf = (w) => [snowballRussian(w)];
  }
  const loadMs = performance.now() - t0;
  global.gc?.();
  const m1 = process.memoryUsage();
  // Remembered per word, as word-forms.ts does.
  const known = new Map<string, readonly string[]>();
  const stems = (w: string): readonly string[] => {
    let out = known.get(w);
    if (!out) known.set(w, (out = variant === 'none' ? [] : stemsByScript(fold(w), russianOf)));
    return out;
  };
  const meet = (a: string, b: string) => {
    const sa = stems(a);
    return stems(b).some((s) => sa.includes(s));
  };

  // The fixed list.
  const list = loadFormsList();
  const missed: string[] = [];
  const score = (entries: { query: string; forms: string[] }[]): [number, number] => {
    let found = 0;
    let pairs = 0;
    for (const e of entries) {
      for (const f of e.forms) {
        pairs++;
        if (meet(e.query, f)) found++;
        else missed.push(`${e.query} → ${f}`);
      }
    }
    return [found, pairs];
  };
  const listScore = { ru: score(list.ru), en: score(list.en) };

  // Forms generated by each dictionary, for the shared sample (made by the parent).
  const sample = JSON.parse(fs.readFileSync(sampleFile, 'utf8')) as Record<'hunspell' | 'opencorpora', [string, string[]][]>;
  const generated = {} as Measures['generated'];
  for (const source of ['hunspell', 'opencorpora'] as const) {
    let found = 0;
    let pairs = 0;
    for (const [word, forms] of sample[source]) {
      for (const f of forms) {
        pairs++;
        if (meet(word, f)) found++;
      }
    }
    generated[source] = [found, pairs];
  }

  // Surnames meeting given names.
  const words = fs.readFileSync(path.resolve(__dirname, '../../src/demo/demo-words.ts'), 'utf8');
  const grab = (name: string) => (words.slice(words.indexOf(`export const ${name}`)).split('] as const')[0].match(/'[^']+'/g) ?? []).map((s) => s.slice(1, -1));
  const surnames = grab('SURNAMES').flatMap((s) => [s, `${s}а`]);
  const given = [...grab('MALE_NAMES'), ...grab('FEMALE_NAMES')];
  const examples: string[] = [];
  let surnamesMeetingNames = 0;
  for (const s of surnames) {
    for (const g of given) {
      if (meet(s, g)) {
        surnamesMeetingNames++;
        if (examples.length < 4) examples.push(`${s}~${g}`);
      }
    }
  }

  // Time per word not seen before (not remembered): every form of the sample, once each.
  const unseen = [...new Set(Object.values(sample).flatMap((pairs) => pairs.flatMap(([w, forms]) => [w, ...forms])))];
  const t1 = performance.now();
  if (variant !== 'none') for (const w of unseen) stemsByScript(w, russianOf);
  const usPerWord = ((performance.now() - t1) * 1000) / unseen.length;

  const out: Measures = {
    variant,
    loadMs,
    heapMiB: (m1.heapUsed - m0.heapUsed) / 2 ** 20,
    rssMiB: (m1.rss - m0.rss) / 2 ** 20,
    usPerWord,
    list: listScore,
    missed,
    generated,
    surnamesMeetingNames,
    examples,
  };
  if (dbPath) out.index = await indexWith(dbPath, (text) => textStemsWith(text, stems));
  return out;
}

function textStemsWith(text: unknown, stems: (w: string) => readonly string[]): string | null {
  if (typeof text !== 'string' || !text) return null;
  const out = new Set<string>();
  for (const t of tokenize(text)) for (const s of stems(t.folded)) out.add(s);
  return out.size ? [...out].join(' ') : null;
}

/** Rebuilds the index of a copy of the database with these forms: time, and size of the index (and of its forms' columns). */
async function indexWith(dbPath: string, fn: (text: unknown) => string | null): Promise<Measures['index']> {
  const ds = await openDatabase({ databasePath: dbPath });
  try {
    const db = rawDb(ds);
    db.function(SEARCH_STEMS_FUNCTION, { deterministic: true }, fn);
    const { ms, rows } = await rebuildSearchIndex(ds);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const size = (like: string) => (db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?`).pluck().get(like) as number) / 2 ** 20;
    // The forms' share: their text in the content table, and their tokens (measured as a whole index less an index without them, by the parent).
    const stemsText = (db.prepare(`SELECT coalesce(sum(length(c4) + length(c5)), 0) FROM search_index_content`).pluck().get() as number) / 2 ** 20;
    return { rebuildMs: ms, indexMiB: size('search_index%'), stemsMiB: stemsText, rows };
  } finally {
    await ds.destroy();
  }
}

// --- the parent: sample, children, table ------------------------------------------------------

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const childVariant = option('child') as Variant | undefined;
  if (childVariant) {
    const measures = await child(childVariant, option('db'), option('sample')!);
    process.stdout.write(JSON.stringify(measures));
    return;
  }
  const dir = hunspellDir();
  const variants = VARIANTS.filter((v) => v !== 'hunspell' || dir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-forms-'));
  try {
    const h = dir ? loadHunspell(dir) : null;
    const sampleFile = path.join(work, 'sample.json');
    const words = h ? sampleWords(h) : [];
    fs.writeFileSync(sampleFile, JSON.stringify({ hunspell: words.map((w) => [w, hunspellForms(h!, w)]), opencorpora: words.map((w) => [w, openCorporaForms(w)]) }));
    let source = option('db');
    if (source) {
      // Brought to the current schema once (migrations, with this tree's forms), then copied for each variant.
      const master = path.join(work, 'master.sqlite');
      fs.copyFileSync(source, master);
      process.stderr.write('migrating a copy of the database ...\n');
      await (await openDatabase({ databasePath: master })).destroy();
      source = master;
    }
    const results: Measures[] = [];
    for (const variant of [...(source ? (['none'] as Variant[]) : []), ...variants]) {
      let db: string | undefined;
      if (source) {
        db = path.join(work, `${variant}.sqlite`);
        fs.copyFileSync(source, db);
      }
      process.stderr.write(`measuring ${variant} ...\n`);
      const out = execFileSync(process.execPath, ['--expose-gc', __filename, '--child', variant, '--sample', sampleFile, ...(db ? ['--db', db] : [])], { maxBuffer: 64 * 2 ** 20 });
      results.push(JSON.parse(out.toString()) as Measures);
      if (db) for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    }
    const pct = ([found, pairs]: [number, number]) => `${found}/${pairs} ${((100 * found) / pairs).toFixed(1)}%`;
    const none = results.find((r) => r.variant === 'none');
    console.log(`Word forms: Snowball alone, with OpenCorpora (az), with Hunspell (dictionary-ru); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('');
    for (const r of results.filter((x) => x.variant !== 'none')) {
      console.log(`${r.variant}:`);
      console.log(`  fixed list: Russian ${pct(r.list.ru)}, English ${pct(r.list.en)}${r.missed.length ? `; missed ${r.missed.join(', ')}` : ''}`);
      if (words.length) console.log(`  forms of ${words.length} words generated by Hunspell: ${pct(r.generated.hunspell)}; by OpenCorpora: ${pct(r.generated.opencorpora)}`);
      console.log(`  demo surnames (and their feminine forms) meeting a given name: ${r.surnamesMeetingNames}${r.examples.length ? ` (${r.examples.join(', ')})` : ''}`);
      console.log(`  load ${r.loadMs.toFixed(0)} ms; memory once loaded: heap +${r.heapMiB.toFixed(0)} MiB, resident +${r.rssMiB.toFixed(0)} MiB; ${r.usPerWord.toFixed(1)} µs per word not seen before`);
      if (r.index) {
        const extra = none?.index ? ` (+${(r.index.indexMiB - none.index.indexMiB).toFixed(0)} MiB, +${((100 * (r.index.indexMiB - none.index.indexMiB)) / none.index.indexMiB).toFixed(0)}% over no forms; rebuild ${(none.index.rebuildMs / 1000).toFixed(0)} s without)` : '';
        console.log(`  index of ${r.index.rows.toLocaleString('en')} rows: ${r.index.indexMiB.toFixed(0)} MiB, forms' text ${r.index.stemsMiB.toFixed(0)} MiB, rebuilt in ${(r.index.rebuildMs / 1000).toFixed(0)} s${extra}`);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
