/**
 * `npm run search:recall`
 *
 * How many word forms the search finds, on the fixed list of scripts/search-word-forms.json
 * (Russian and English words of torture documentation, each with other forms of itself): on a
 * fresh database holding one record per word and per form (a case whose summary is that word
 * alone), every listed word is searched through the search service as a researcher, first with
 * the words as written only (the search before issue 12), then with their forms (word-forms.ts).
 * A pair (word, form) is found when the form's record is among the word's results. Also checks
 * that the word's own record ranks above every record of another form of it.
 * tests/integration/search-forms.test.ts runs the same measure and holds its floor.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabase } from '../src/db/data-source';
import { createUser } from '../src/users/user.service';
import { CLI_ACTOR } from '../src/audit/audit.service';
import { CurrentUser } from '../src/http/context';
import { parseSearchText } from '../src/search/search-text';
import { PAGE_SIZE, textSearch } from '../src/search/search.service';
import { rawDb } from '../src/search/sqlite';

export interface FormsEntry {
  query: string;
  forms: string[];
  context: string;
}
export interface FormsList {
  ru: FormsEntry[];
  en: FormsEntry[];
}
export type Language = keyof FormsList;
export const LANGUAGES: Language[] = ['ru', 'en'];

/** The list, from the source tree (scripts/) whether run from there (jest) or from dist/scripts. */
export function loadFormsList(): FormsList {
  const candidates = [path.join(__dirname, 'search-word-forms.json'), path.resolve(__dirname, '../../scripts/search-word-forms.json')];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`search-word-forms.json not found (looked in ${candidates.join(', ')})`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FormsList;
}

export interface RecallRecords {
  /** Case id of each word's own record, and of each form's: `${lang}:${word}`. */
  ids: Map<string, number>;
}

const key = (lang: Language, word: string) => `${lang}:${word}`;

/** One case per listed word and per form, its summary the word alone (a word listed twice gets one record). */
export function insertRecallRecords(ds: DataSource, list: FormsList): RecallRecords {
  const db = rawDb(ds);
  const insert = db.prepare(`INSERT INTO case_record (code, title, summary, status, restricted) VALUES (?, ?, ?, 'open', 0)`);
  const ids = new Map<string, number>();
  let n = 0;
  db.transaction(() => {
    for (const lang of LANGUAGES) {
      for (const entry of list[lang]) {
        for (const word of [entry.query, ...entry.forms]) {
          if (ids.has(key(lang, word))) continue;
          n++;
          ids.set(key(lang, word), Number(insert.run(`WF-${String(n).padStart(4, '0')}`, `Record ${n}`, word).lastInsertRowid));
        }
      }
    }
  })();
  return { ids };
}

export interface RecallFigures {
  pairs: number;
  found: number;
  recall: number;
}
export interface RecallResult {
  byLanguage: Record<Language, RecallFigures>;
  all: RecallFigures;
  /** Pairs not found: "word → form". */
  missed: string[];
  /** Words whose own record did not rank above all of their forms' records found: "word: form ranked first". */
  rankedBelow: string[];
  /** Milliseconds per search (p50). */
  msPerSearch: number;
}

const figures = (pairs: number, found: number): RecallFigures => ({ pairs, found, recall: pairs ? found / pairs : 1 });

/** Case ids of every result of a search, best first (all pages). */
function resultCaseIds(ds: DataSource, user: CurrentUser, q: string, withForms: boolean): number[] {
  const parsed = parseSearchText(q);
  if (!parsed.ok) throw new Error(parsed.message);
  const terms = withForms ? parsed.terms : parsed.terms.map((t) => ({ ...t, stems: [] }));
  const out: number[] = [];
  for (let page = 1; ; page++) {
    const r = textSearch(ds, user, { terms, filter: {}, page });
    out.push(...r.hits.filter((h) => h.kind === 'case').map((h) => h.recordId));
    if (r.hits.length < PAGE_SIZE) return out;
  }
}

/** Recall of the list's pairs through the search service, with the words' forms or (withForms false) as written only. */
export function measureRecall(ds: DataSource, user: CurrentUser, list: FormsList, records: RecallRecords, withForms: boolean): RecallResult {
  const missed: string[] = [];
  const rankedBelow: string[] = [];
  const times: number[] = [];
  const byLanguage = {} as Record<Language, RecallFigures>;
  for (const lang of LANGUAGES) {
    let pairs = 0;
    let found = 0;
    for (const entry of list[lang]) {
      const started = performance.now();
      const results = resultCaseIds(ds, user, entry.query, withForms);
      times.push(performance.now() - started);
      const own = results.indexOf(records.ids.get(key(lang, entry.query))!);
      for (const form of entry.forms) {
        pairs++;
        const at = results.indexOf(records.ids.get(key(lang, form))!);
        if (at >= 0) found++;
        else missed.push(`${entry.query} → ${form}`);
        if (at >= 0 && (own < 0 || at < own)) rankedBelow.push(`${entry.query}: ${form} ranked above it`);
      }
    }
    byLanguage[lang] = figures(pairs, found);
  }
  const all = figures(byLanguage.ru.pairs + byLanguage.en.pairs, byLanguage.ru.found + byLanguage.en.found);
  times.sort((a, b) => a - b);
  return { byLanguage, all, missed, rankedBelow, msPerSearch: times[Math.floor(times.length / 2)] ?? 0 };
}

/** A researcher (not an admin: the search runs with every permission check). */
export async function recallUser(ds: DataSource): Promise<CurrentUser> {
  const u = await createUser(ds, CLI_ACTOR, { email: 'recall@example.org', name: 'Recall', role: 'researcher', password: 'recall password not used' });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-recall-'));
  const ds = await openDatabase({ databasePath: path.join(dir, 'recall.sqlite') });
  try {
    const list = loadFormsList();
    const records = insertRecallRecords(ds, list);
    const user = await recallUser(ds);
    const before = measureRecall(ds, user, list, records, false);
    const after = measureRecall(ds, user, list, records, true);
    const pct = (f: RecallFigures) => `${f.found}/${f.pairs} = ${(100 * f.recall).toFixed(1)}%`;
    const words = (lang: Language) => list[lang].length;
    console.log(`Recall of word forms on scripts/search-word-forms.json: ${words('ru')} Russian words with ${before.byLanguage.ru.pairs} forms, ${words('en')} English words with ${before.byLanguage.en.pairs} forms`);
    console.log('');
    console.log(`                       Russian              English              all`);
    console.log(`before (as written)    ${pct(before.byLanguage.ru).padEnd(21)}${pct(before.byLanguage.en).padEnd(21)}${pct(before.all)}`);
    console.log(`after (word forms)     ${pct(after.byLanguage.ru).padEnd(21)}${pct(after.byLanguage.en).padEnd(21)}${pct(after.all)}`);
    console.log('');
    console.log(`not found after: ${after.missed.length ? after.missed.join('; ') : 'none'}`);
    console.log(`a form ranked above the word itself: ${after.rankedBelow.length ? after.rankedBelow.join('; ') : 'never'}`);
    console.log(`search time per word (all pages, p50): ${before.msPerSearch.toFixed(2)} ms before, ${after.msPerSearch.toFixed(2)} ms after`);
  } finally {
    await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
    process.exit(1);
  });
}
