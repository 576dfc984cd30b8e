import { Markers } from './snippets';
import { SearchTerm } from './search-text';

/**
 * Highlights and snippets of a results page, made in JavaScript from the rows' stored text.
 *
 * Why not FTS5's highlight() and snippet(): they only work inside a MATCH query, so a page of
 * 20 results cost a second pass over every match of the words (at 100,000 cases about as long
 * as the ranking itself for a rare word, and tens of milliseconds for a common one). Reading the
 * page's 20 rows by rowid costs microseconds; marking them here costs a few more.
 *
 * Tokens are found and compared as the index's tokenizer (unicode61, remove_diacritics 2) does:
 * letters, digits and private-use characters form tokens (combining marks end them); case is folded; diacritics are removed
 * from Latin letters only (SQLite keeps й, ё, ї distinct from и, е, і, and so does this). A
 * difference here could only change what is marked, never what is found or who may see it.
 * The output uses the query's markers, exactly like FTS5's functions did (see snippets.ts).
 */

export type IndexColumn = 'title' | 'body' | 'names';

interface Token {
  start: number;
  end: number;
  folded: string;
}

const MARK = /\p{M}/gu;
/** Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional: where SQLite removes diacritics. */
const LATIN_WITH_DIACRITICS = /[\u00c0-\u024f\u1e00-\u1eff]/gu;

const NOT_ASCII = /[^\x00-\x7f]/;

/** Folding of a word already in lower case. */
function foldLower(lower: string): string {
  if (!NOT_ASCII.test(lower)) return lower;
  return lower.replace(LATIN_WITH_DIACRITICS, (ch) => ch.normalize('NFD').replace(MARK, '')).replace(/\u00b5/g, '\u03bc');
}

export function foldToken(word: string): string {
  return foldLower(word.toLowerCase());
}

/**
 * Whether the text can hold a match at all: a substring test on the lower-cased text, true when
 * a Latin diacritic (or µ) could fold into one. False is certain; true means "tokenize and see".
 * Most rows of a page match in one column only, and most of their text in none.
 */
function mayMatch(text: string, phrases: string[][]): boolean {
  if (FOLDS_FURTHER.test(text)) return true;
  const lower = text.toLowerCase();
  return phrases.some((p) => lower.includes(p[0]));
}
const FOLDS_FURTHER = /[\u00b5\u00c0-\u024f\u1e00-\u1eff]/u;

/** The tokens of the text (the first `max` of them only, when given). */
export function tokenize(text: string, max = Number.POSITIVE_INFINITY): Token[] {
  const out: Token[] = [];
  // Lower-casing the whole text once is much cheaper than per word, when it keeps every offset.
  const lower = text.toLowerCase();
  const sameOffsets = lower.length === text.length;
  // Text without a Latin diacritic (or µ) needs no folding beyond lower case: no test per word.
  const lowerIsFolded = sameOffsets && !FOLDS_FURTHER.test(lower);
  for (let i = 0; i < text.length; ) {
    const width = tokenCharWidth(text, i);
    if (width === 0) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i += width;
    for (let w = tokenCharWidth(text, i); w > 0; w = tokenCharWidth(text, i)) i += w;
    const folded = lowerIsFolded ? lower.slice(start, i) : sameOffsets ? foldLower(lower.slice(start, i)) : foldToken(text.slice(start, i));
    if (folded) out.push({ start, end: i, folded });
    if (out.length >= max) break;
  }
  return out;
}

/**
 * How many UTF-16 units the character at `i` takes when it belongs in a token (a letter, digit or private-use character: combining marks end tokens, as in the index), or 0.
 * A scan by character code, the answer for each code remembered: a regular expression run per
 * word cost more than the rest of the snippet together.
 */
function tokenCharWidth(text: string, i: number): number {
  if (i >= text.length) return 0;
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdfff) {
    let known = BMP_TOKEN_CHAR[unit];
    if (known === 0) BMP_TOKEN_CHAR[unit] = known = TOKEN_CHAR.test(text[i]) ? 1 : 2;
    return known === 1 ? 1 : 0;
  }
  const point = text.codePointAt(i)!;
  const ch = String.fromCodePoint(point);
  return TOKEN_CHAR.test(ch) ? ch.length : 0;
}
/** Per UTF-16 code outside the surrogates: 0 not yet known, 1 in a token, 2 not. */
const BMP_TOKEN_CHAR = new Uint8Array(0x10000);
const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u;

/** The phrases a query looks for in a column: each form of each term (any column), and match keys. */
export function columnPhrases(terms: SearchTerm[], column: IndexColumn): string[][] {
  const phrases: string[][] = [];
  for (const t of terms) {
    for (const form of t.forms) phrases.push(tokenize(form).map((k) => k.folded));
    // Keys match names, and free text too (its words, and their keys: search-keys.ts); marked
    // here where a word of the text is spelled as its key (Kudaev for Кудаев).
    if (column === 'names' || (!t.namesOnly && t.keyTokens.length === 1)) for (const key of t.keyTokens) phrases.push(tokenize(key).map((k) => k.folded));
  }
  return phrases.filter((p) => p.length > 0);
}

interface Hit {
  /** Token positions [first, last] and which phrase matched. */
  first: number;
  last: number;
  phrase: number;
}

function findHits(tokens: Token[], phrases: string[][]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    next: for (let phrase = 0; phrase < phrases.length; phrase++) {
      const p = phrases[phrase];
      if (i + p.length > tokens.length) continue;
      for (let k = 0; k < p.length; k++) if (tokens[i + k].folded !== p[k]) continue next;
      hits.push({ first: i, last: i + p.length - 1, phrase });
    }
  }
  return hits;
}

/** Marked text of tokens [from, to] (inclusive), overlapping hits merged into one mark. */
function marked(text: string, tokens: Token[], hits: Hit[], from: number, to: number, m: Markers): string {
  const spans: [number, number][] = [];
  for (const h of hits) {
    if (h.last < from || h.first > to) continue;
    const first = Math.max(h.first, from);
    const last = Math.min(h.last, to);
    const prev = spans[spans.length - 1];
    if (prev && first <= prev[1]) prev[1] = Math.max(prev[1], last);
    else spans.push([first, last]);
  }
  const startChar = tokens[from].start;
  const endChar = tokens[to].end;
  let out = '';
  let at = startChar;
  for (const [first, last] of spans) {
    out += text.slice(at, tokens[first].start) + m.open + text.slice(tokens[first].start, tokens[last].end) + m.close;
    at = tokens[last].end;
  }
  return out + text.slice(at, endChar);
}

/** The whole text with every match marked (FTS5 highlight()). */
export function highlightText(text: string | null, phrases: string[][], m: Markers): string {
  if (!text || !mayMatch(text, phrases)) return text ?? '';
  const tokens = tokenize(text);
  const hits = findHits(tokens, phrases);
  if (hits.length === 0) return text;
  return text.slice(0, tokens[0].start) + marked(text, tokens, hits, 0, tokens.length - 1, m) + text.slice(tokens[tokens.length - 1].end);
}

/** Longer text (extracted from a document, up to megabytes) is cut around its first match before tokenizing. */
const SNIPPET_SCAN_CHARS = 20_000;
/** At most this many matches are weighed when choosing the fragment. */
const SNIPPET_HITS = 500;

/**
 * Where to cut a long text: a stretch of SNIPPET_SCAN_CHARS starting a little before the first
 * place a phrase's first word occurs (a substring test on the lower-cased text, so the search
 * stays linear), or the start when no such place is found (a diacritic may fold into a match).
 */
function scanWindow(text: string, phrases: string[][]): [number, number] {
  if (text.length <= SNIPPET_SCAN_CHARS) return [0, text.length];
  const lower = text.toLowerCase();
  const at = lower.length === text.length ? Math.min(...phrases.map((p) => lower.indexOf(p[0])).filter((i) => i >= 0)) : 0;
  const start = Number.isFinite(at) ? Math.max(0, at - 400) : 0;
  return [start, Math.min(text.length, start + SNIPPET_SCAN_CHARS)];
}

/**
 * A fragment of at most `size` tokens around the best matches, marked (FTS5 snippet()): the
 * window holding the most different phrases, then the most matches, centred on them; "…" where
 * text is left out. Without a match, the text's first `size` tokens. Linear in the text: long
 * texts are cut first (scanWindow), and the best window is found in one sliding pass.
 */
export function snippetText(text: string | null, phrases: string[][], m: Markers, size: number, ellipsis = '…'): string {
  if (!text) return '';
  const possible = mayMatch(text, phrases);
  const [cutStart, cutEnd] = possible ? scanWindow(text, phrases) : [0, text.length];
  const part = text.slice(cutStart, cutEnd);
  // Without a possible match only the first `size` tokens are shown: one more tells whether text follows.
  const tokens = possible ? tokenize(part) : tokenize(part, size + 1);
  if (tokens.length === 0) return '';
  const hits = findHits(tokens, phrases).slice(0, SNIPPET_HITS);
  let from = 0;
  if (hits.length > 0 && tokens.length > size) {
    const best = bestWindow(hits, size);
    const spare = size - (best.last - best.first + 1);
    from = Math.max(0, Math.min(best.first - Math.floor(spare / 2), tokens.length - size));
  }
  const to = Math.min(tokens.length, from + size) - 1;
  const before = from > 0 || cutStart > 0 ? ellipsis : part.slice(0, tokens[0].start);
  const after = to < tokens.length - 1 || cutEnd < text.length ? ellipsis : part.slice(tokens[to].end);
  return before + marked(part, tokens, hits, from, to, m) + after;
}

/**
 * The window of `size` tokens starting at a match that holds the most different phrases, then
 * the most matches (hits are in token order): two pointers, each hit entering and leaving once.
 */
function bestWindow(hits: Hit[], size: number): { first: number; last: number } {
  const perPhrase = new Map<number, number>();
  let best = { score: -1, first: hits[0].first, last: hits[0].first };
  let end = 0;
  for (let i = 0; i < hits.length; i++) {
    if (end < i) end = i; // the window was empty (a phrase longer than the snippet)
    const limit = hits[i].first + size;
    for (; end < hits.length && hits[end].last < limit; end++) perPhrase.set(hits[end].phrase, (perPhrase.get(hits[end].phrase) ?? 0) + 1);
    if (end === i) continue;
    const score = perPhrase.size * 1000 + (end - i);
    if (score > best.score) best = { score, first: hits[i].first, last: hits[end - 1].last };
    const left = perPhrase.get(hits[i].phrase)! - 1; // hits[i] leaves the window
    if (left > 0) perPhrase.set(hits[i].phrase, left);
    else perPhrase.delete(hits[i].phrase);
  }
  return best;
}
