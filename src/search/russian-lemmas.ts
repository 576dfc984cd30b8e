import fs from 'node:fs';
import path from 'node:path';

/**
 * The dictionary forms of a Russian word, from OpenCorpora's dictionary through Az.js (the `az`
 * package: its DAWG of some 390,000 lexemes and their paradigms, with the corpus's probability
 * of each parse). Suffix-stripping alone cannot join "пыток" to "пытка", "сна" to "сон" or
 * "рёбер" to "ребро"; the dictionary knows the paradigm of each word. Chosen over Hunspell's
 * Russian dictionary by measurement (scripts/search-forms-measure.ts: recall on the fixed list,
 * load time, memory, speed).
 *
 * Only the dictionary's own parses are used (no guessing from suffixes of unknown words: that
 * is what the Snowball stemmer does, in word-forms.ts). Each parse says whether the lexeme is a
 * given name, surname or patronymic, so that "Иванов" is kept apart from "Иван".
 *
 * Az.js loads its dictionaries with callbacks (fs.readFile in Node). A SQLite function cannot
 * wait, so they are read synchronously here, once per process, the first time a word is looked
 * up (about 0.3 s and 50 MiB).
 */

interface AzTag {
  POST?: string;
  Name?: boolean;
  Surn?: boolean;
  Patr?: boolean;
}
interface AzParse {
  tag: AzTag;
  score: number;
  normalize(): { word: string };
}
interface AzModule {
  load: (url: string, responseType: string, callback: (err: Error | null, data?: unknown) => void) => void;
  Morph: ((word: string, config?: Record<string, unknown>) => AzParse[]) & {
    init: (dir: string, callback: (err: Error | null) => void) => void;
  };
}

export interface Lemma {
  /** The dictionary form, lower case, ё as е. */
  lemma: string;
  /** A given name, surname or patronymic: compared whole, never stemmed (word-forms.ts). */
  name: boolean;
}

const CONFIG = { parsers: ['Dictionary'], ignoreCase: true, stutter: 0, typos: 0 };

let morph: AzModule['Morph'] | null = null;

/** Az.js with its dictionaries read synchronously (the callbacks it passes are run in order once init has queued them all). */
function loadMorph(): AzModule['Morph'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const az = require('az') as AzModule;
  const dir = path.join(path.dirname(require.resolve('az/package.json')), 'dicts');
  const asyncLoad = az.load;
  const queued: (() => void)[] = [];
  az.load = (url, responseType, callback) => {
    queued.push(() => {
      let data: Buffer | string;
      try {
        data = fs.readFileSync(url, responseType === 'json' ? 'utf8' : null);
      } catch (err) {
        callback(err as Error);
        return;
      }
      if (typeof data === 'string') callback(null, JSON.parse(data));
      else callback(null, data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    });
  };
  let failed: Error | null = null;
  let ready = false;
  try {
    az.Morph.init(dir, (err) => {
      if (err) failed = err;
      else ready = true;
    });
    while (queued.length) queued.shift()!();
  } finally {
    az.load = asyncLoad;
  }
  if (failed || !ready) throw new Error(`The Russian dictionary (az) could not be loaded from ${dir}: ${failed ?? 'incomplete'}`);
  return az.Morph;
}

/** Loads the dictionary now (otherwise the first word looked up does). Returns the milliseconds it took, 0 when loaded already. */
export function loadRussianDictionary(): number {
  if (morph) return 0;
  const started = performance.now();
  morph = loadMorph();
  return performance.now() - started;
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/**
 * The lexemes a word (lower case, ё written as е or ё) may be a form of, each once; empty when
 * the dictionary does not know it. A word most likely a surname is not also taken for a given
 * name ("Петров" is Петров, not the genitive plural of Пётр, nor "Peter's"), nor for a common
 * word written alike ("Соколов": not the genitive plural of сокол), so that searching a surname
 * does not find every Peter; a word more likely something else keeps all its readings
 * ("пальцев": of палец, and the surname Пальцев).
 */
export function russianLemmas(word: string): Lemma[] {
  if (!morph) loadRussianDictionary();
  const parses = morph!(word, CONFIG);
  if (parses.length === 0) return [];
  // Scores: the parse's probability in the OpenCorpora corpus (equal among parses it has no counts for).
  const best = (surn: boolean) => Math.max(0, ...parses.filter((p) => Boolean(p.tag.Surn) === surn).map((p) => p.score));
  const surname = best(true) > 0 && best(true) >= best(false);
  const out = new Map<string, Lemma>();
  for (const p of parses) {
    const name = Boolean(p.tag.Name || p.tag.Surn || p.tag.Patr);
    if (surname && !p.tag.Surn) continue;
    const lemma = fold(p.normalize().word);
    const key = `${name ? 'n' : 'w'}${lemma}`;
    if (!out.has(key)) out.set(key, { lemma, name });
  }
  return [...out.values()];
}
