/**
 * Words of a text as the index's tokenizer (unicode61, remove_diacritics 2) finds them: letters,
 * digits and private-use characters form tokens (combining marks end them); case is folded;
 * diacritics are removed from Latin letters only (SQLite keeps й, ё, ї distinct from и, е, і,
 * and so does this). Used to highlight matches (highlight.ts) and to read the words whose
 * normal forms are indexed (word-forms.ts).
 */

export interface Token {
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

export const FOLDS_FURTHER = /[\u00b5\u00c0-\u024f\u1e00-\u1eff]/u;

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
