import { latinize, matchTokens } from '../people/transliterate';

/**
 * What users type becomes an FTS5 expression in which every word is a quoted FTS5 string, so
 * nothing they type is ever FTS5 syntax: AND, OR, NOT, NEAR, *, ^, column filters ("title:")
 * and stray quotes are plain text. The only syntax honoured is a balanced pair of double quotes
 * around a phrase ("mock execution"). All words must match (AND); each word matches as typed,
 * in its Latin transliteration (Кудаев -> kudayev) and by its match key, in names and in the keys
 * of free text's words (search-keys.ts), which is how Kudaev, Kudayev and Кудаев find each other
 * in a person's names and in an evidence item's provenance alike.
 */
export const SEARCH_TEXT_MAX = 200;
export const SEARCH_WORDS_MAX = 20;

export interface SearchTerm {
  /** The word or phrase as typed (for messages and highlighting). */
  text: string;
  /** Forms matched in every column. */
  forms: string[];
  /** Match-key tokens, matched in the names and keys columns (all of them, in any order). */
  keyTokens: string[];
  /**
   * Matched in the names column only: the word is (part of) the name of a protected person the
   * user is not cleared for (search-access.ts, withholdNameTerms). Free text shows that name as a
   * pseudonym to this user, so it must not find it either; and since no record's names column
   * holds a protected name, what such a word finds never depends on where the person appears.
   */
  namesOnly?: boolean;
}

export type ParsedText = { ok: true; terms: SearchTerm[] } | { ok: false; message: string };

/** Characters the unicode61 tokenizer keeps inside words (letters, digits, private use). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

const foldYo = (s: string) => s.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/** Removes what can never be part of a word or a phrase boundary: control and format characters. */
function clean(raw: string): string {
  return (raw as string & { toWellFormed(): string }).toWellFormed().replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ');
}

/** Splits into chunks: "quoted phrases" (only when the quotes balance) and whitespace-separated words. */
function chunks(text: string): string[] {
  const quotes = (text.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) text = text.replace(/"/g, ' ');
  const out: string[] = [];
  const re = /"([^"]*)"|[^\s"]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[0]);
  return out.map((c) => c.trim()).filter((c) => TOKEN_CHAR.test(c));
}

export function parseSearchText(raw: string | undefined | null): ParsedText {
  const text = clean(raw ?? '');
  if ([...text].length > SEARCH_TEXT_MAX) return { ok: false, message: `Search for at most ${SEARCH_TEXT_MAX} characters.` };
  const parts = chunks(text);
  if (parts.length > SEARCH_WORDS_MAX) return { ok: false, message: `Search for at most ${SEARCH_WORDS_MAX} words.` };
  const terms = parts.map((chunk) => {
    const typed = foldYo(chunk);
    const forms = [...new Set([typed.toLowerCase(), foldYo(latinize(typed))])].filter((f) => TOKEN_CHAR.test(f));
    const keyTokens = matchTokens(typed);
    // A key spelled like one of the forms adds nothing: the forms already match in the names.
    const redundant = forms.some((f) => words(f).join(' ') === keyTokens.join(' '));
    return { text: chunk, forms, keyTokens: redundant ? [] : keyTokens };
  });
  return { ok: true, terms };
}

/** An FTS5 string literal: the text in double quotes, inner quotes doubled. */
export const ftsString = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The FTS5 MATCH expression for the terms (all must match), or null when there is nothing to match. */
export function matchExpression(terms: SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      const alternatives = t.forms.map((f) => (t.namesOnly ? `names : ${ftsString(f)}` : ftsString(f)));
      // A word's match key meets names, free text whose words are their own keys, and the keys
      // of the others (`keys`: search-keys.ts), except for a word of a protected name the user
      // is not cleared for: names only, like its forms.
      // A phrase's keys stay in names: the keys of free text hold no word order.
      if (t.keyTokens.length === 1 && !t.namesOnly) alternatives.push(ftsString(t.keyTokens[0]));
      else if (t.keyTokens.length) alternatives.push(`names : (${t.keyTokens.map(ftsString).join(' AND ')})`);
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}

/** A names-only expression: any term matching a name (for finding protected people a query names). */
export function namesExpression(terms: SearchTerm[], opts: { anyColumn?: boolean } = {}): string | null {
  if (terms.length === 0) return null;
  const column = opts.anyColumn ? '' : 'names : ';
  const alternatives = terms.flatMap((t) => [
    ...t.forms.map((f) => `${column}${ftsString(f)}`),
    ...(t.keyTokens.length ? [`${column}(${t.keyTokens.map(ftsString).join(' AND ')})`] : []),
  ]);
  return alternatives.join(' OR ');
}

/** The words of a text as the unicode61 tokenizer sees them (case and diacritics folded). */
function words(s: string): string[] {
  return s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean);
}

/** Plain words of a term's alternatives, for estimating how many rows match (fts5vocab holds single tokens). */
export function termTokens(term: SearchTerm): string[][] {
  return [...term.forms.map(words), term.keyTokens];
}
