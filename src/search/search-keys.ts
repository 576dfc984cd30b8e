import { matchTokens } from '../people/transliterate';
import { registerSearchStemsFunction } from './word-forms';

/**
 * The match keys of free text, for the index's `keys` column: every word of a record's title and
 * text in the shared spelling of names (transliterate.ts), so that a name written in free text —
 * a provenance "received from Rasul Kudaev", a statement quoting "Кудаев" — is found by any
 * spelling of it, as names are: Кудаев finds Kudaev, Kudayev finds Кудаев. Only the keys that
 * differ from the word as the index already holds it are kept (an English word is usually its
 * own key). Computed by SQLite through the function below, from the same triggers that write
 * the row, so the column can never disagree with the text.
 *
 * The column is free text: a word of a protected person's names that the user is not cleared
 * for matches the names column only (search-access.ts), never this one.
 */
export const SEARCH_KEYS_FUNCTION = 'casebook_search_keys';

const WORD = /[\p{L}\p{N}\p{M}'’ʼ`ʹʺ]+/gu;
const fold = (w: string) => w.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/ё/g, 'е');

const keysOfWord = new Map<string, string[]>();
const KEPT = 100_000;

function wordKeys(word: string): string[] {
  let keys = keysOfWord.get(word);
  if (!keys) {
    const own = new Set(fold(word).split(/[^\p{L}\p{N}]+/u));
    keys = matchTokens(word).filter((k) => !own.has(k));
    if (keysOfWord.size >= KEPT) keysOfWord.clear();
    keysOfWord.set(word, keys);
  }
  return keys;
}

/** The distinct keys of the words of the texts that the words themselves do not already spell, space-separated. */
export function searchKeys(...texts: (string | null | undefined)[]): string {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of text.matchAll(WORD)) for (const k of wordKeys(m[0])) out.add(k);
  }
  return [...out].join(' ');
}

/**
 * Registers the SQL functions the search triggers call on a better-sqlite3 connection (every
 * connection: data-source.ts): this one, and the word forms' (word-forms.ts).
 */
export function registerSearchKeysFunction(db: { function: (name: string, opts: { deterministic: boolean }, fn: (...args: unknown[]) => unknown) => unknown }): void {
  db.function(SEARCH_KEYS_FUNCTION, { deterministic: true }, (title: unknown, body: unknown) => searchKeys(typeof title === 'string' ? title : null, typeof body === 'string' ? body : null));
  registerSearchStemsFunction(db);
}
