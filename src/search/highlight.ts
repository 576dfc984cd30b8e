import { Markers } from './snippets';
import { SearchTerm } from './search-text';
import { FOLDS_FURTHER, Token, foldToken, tokenize } from './tokens';
import { wordStems } from './word-forms';

export { foldToken, tokenize };

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
 * Other forms of a word (word-forms.ts: "пыток" for пытки) are marked in titles and texts too:
 * a phrase of one element, STEM_MARK and the normal form, matches each word having that form.
 */

export type IndexColumn = 'title' | 'body' | 'names';

/** Starts a phrase that stands for a normal form (word-forms.ts): it matches the words having it. */
export const STEM_MARK = '\u0000';
const isStem = (p: string[]) => p[0].charCodeAt(0) === 0;

/**
 * Whether the text can hold a match at all: a substring test on the lower-cased text, true when
 * a Latin diacritic (or µ) could fold into one, or when other forms of a word are looked for
 * (no substring tells those: "сна" is a form of сон). False is certain; true means "tokenize
 * and see". Most rows of a page match in one column only, and most of their text in none.
 */
function mayMatch(text: string, phrases: string[][]): boolean {
  if (FOLDS_FURTHER.test(text)) return true;
  const lower = text.toLowerCase();
  return phrases.some((p) => isStem(p) || lower.includes(p[0]));
}

/**
 * The phrases a query looks for in a column: each form of each term (any column), match keys,
 * and, outside names (never stemmed), the normal forms of each word (`stems`: false leaves them out).
 */
export function columnPhrases(terms: SearchTerm[], column: IndexColumn, opts: { stems?: boolean } = {}): string[][] {
  const phrases: string[][] = [];
  for (const t of terms) {
    for (const form of t.forms) phrases.push(tokenize(form).map((k) => k.folded));
    // Keys match names, and free text too (its words, and their keys: search-keys.ts); marked
    // here where a word of the text is spelled as its key (Kudaev for Кудаев).
    if (column === 'names' || (!t.namesOnly && t.keyTokens.length === 1)) for (const key of t.keyTokens) phrases.push(tokenize(key).map((k) => k.folded));
    if (column !== 'names' && opts.stems !== false && !t.namesOnly) for (const stem of t.stems ?? []) phrases.push([STEM_MARK + stem]);
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
  // Normal forms: each word whose first letter some form starts with is looked up (remembered
  // per word), then its forms compared (a word and its forms nearly always share the first letter).
  const stems = new Map<string, number>();
  phrases.forEach((p, i) => isStem(p) && !stems.has(p[0].slice(1)) && stems.set(p[0].slice(1), i));
  const initials = new Set([...stems.keys()].map((s) => s[0]));
  for (let i = 0; i < tokens.length; i++) {
    next: for (let phrase = 0; phrase < phrases.length; phrase++) {
      const p = phrases[phrase];
      if (i + p.length > tokens.length || isStem(p)) continue;
      for (let k = 0; k < p.length; k++) if (tokens[i + k].folded !== p[k]) continue next;
      hits.push({ first: i, last: i + p.length - 1, phrase });
    }
    if (stems.size && initials.has(tokens[i].folded[0])) {
      for (const s of wordStems(tokens[i].folded)) {
        const phrase = stems.get(s);
        if (phrase !== undefined) hits.push({ first: i, last: i, phrase });
      }
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
  // The words as typed first; only when none occurs, where a normal form is spelled out ("пытк" in "пытками").
  const first = (ps: string[][]) => Math.min(...ps.map((p) => lower.indexOf(isStem(p) ? p[0].slice(1) : p[0])).filter((i) => i >= 0));
  const exact = lower.length === text.length ? first(phrases.filter((p) => !isStem(p))) : 0;
  const at = Number.isFinite(exact) ? exact : first(phrases.filter(isStem));
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
