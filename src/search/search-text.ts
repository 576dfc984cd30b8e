import { t } from '../i18n/i18n';
import { latinize, matchTokens } from '../people/transliterate';
import { NAME_COLUMNS, STEM_COLUMNS, WRITTEN_COLUMNS } from './search-schema';
import { wordStems } from './word-forms';
import { tokenize } from './tokens';

/**
 * What users type becomes an FTS5 expression in which every word is a quoted FTS5 string, so
 * nothing they type is ever FTS5 syntax: AND, OR, NOT, NEAR, *, ^, column filters ("title:")
 * and stray quotes are plain text. The only syntax honoured is a balanced pair of double quotes
 * around a phrase ("mock execution"). All words must match (AND); each word matches as typed,
 * in its Latin transliteration (Кудаев -> kudayev) and by its match key, in names and in the keys
 * of free text's words (search-keys.ts), which is how Kudaev, Kudayev and Кудаев find each other
 * in a person's names and in an evidence item's provenance alike. A single word also meets the
 * other forms of itself in titles and texts by its normal forms (word-forms.ts: пытки finds
 * пыток, tortured finds torturing); a word or phrase in quotes matches as written only.
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
   * Normal forms of the word (word-forms.ts), matched in the normal forms of titles and texts
   * (never names): any of them. None for a phrase or a word in quotes.
   */
  stems: string[];
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
function chunks(text: string): { text: string; quoted: boolean }[] {
  const quotes = (text.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) text = text.replace(/"/g, ' ');
  const out: { text: string; quoted: boolean }[] = [];
  const re = /"([^"]*)"|[^\s"]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: (m[1] ?? m[0]).trim(), quoted: m[1] !== undefined });
  return out.filter((c) => TOKEN_CHAR.test(c.text));
}

/** The normal forms of a chunk that is one word (as the tokenizer reads it: "пытки," is one word, "ИК-1" two). */
function stemsOf(typed: string): string[] {
  const tokens = tokenize(typed);
  return tokens.length === 1 ? [...wordStems(tokens[0].folded)] : [];
}

export function parseSearchText(raw: string | undefined | null): ParsedText {
  const text = clean(raw ?? '');
  if ([...text].length > SEARCH_TEXT_MAX) return { ok: false, message: t('search.errors.tooManyCharacters', { count: SEARCH_TEXT_MAX }) };
  const parts = chunks(text);
  if (parts.length > SEARCH_WORDS_MAX) return { ok: false, message: t('search.errors.tooManyWords', { count: SEARCH_WORDS_MAX }) };
  const terms = parts.map(({ text: chunk, quoted }) => {
    const typed = foldYo(chunk);
    const forms = [...new Set([typed.toLowerCase(), foldYo(latinize(typed))])].filter((f) => TOKEN_CHAR.test(f));
    const keyTokens = matchTokens(typed);
    // A key spelled like one of the forms adds nothing: the forms already match in the names.
    const redundant = forms.some((f) => words(f).join(' ') === keyTokens.join(' '));
    return { text: chunk, forms, keyTokens: redundant ? [] : keyTokens, stems: quoted ? [] : stemsOf(typed) };
  });
  return { ok: true, terms };
}

/** An FTS5 string literal: the text in double quotes, inner quotes doubled. */
export const ftsString = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** One FTS5 string, or several as alternatives. */
const anyOf = (strings: string[]) => (strings.length === 1 ? strings[0] : `(${strings.join(' OR ')})`);

/**
 * The FTS5 MATCH expression for the terms (all must match), or null when there is nothing to
 * match. A term's forms as written, and its match key, meet the words as written (never the
 * columns of normal forms, which would make a quoted word find other forms of itself); its normal
 * forms meet the normal forms of titles and texts.
 *
 * `common` words (the "newest candidates" plan: search.service.ts) are matched by the same
 * records through fewer strings: a form as written whose normal forms are the term's own is met
 * in titles and texts by those forms already (every word there has its forms indexed), so it is
 * only looked for in names and keys, and only where `inNamesOrKeys` says the index holds it there.
 * bm25 reads every row of each string of the expression once per query to weigh it: a common
 * word read twice, as written and by its forms, cost twice as long. Among those candidates the
 * word as written then ranks like its other forms (titles still first).
 */
export function matchExpression(terms: SearchTerm[], common?: { inNamesOrKeys: (token: string) => boolean }): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      if (t.namesOnly) {
        // A word of a protected name the user is not cleared for: names only, in every spelling, no other forms.
        const alternatives = t.forms.map((f) => `names : ${ftsString(f)}`);
        if (t.keyTokens.length) alternatives.push(`names : (${t.keyTokens.map(ftsString).join(' AND ')})`);
        return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
      }
      // A word's match key meets names, free text whose words are their own keys, and the keys
      // of the others (`keys`: search-keys.ts). A phrase's keys stay in names: the keys of free
      // text hold no word order.
      const written = [...t.forms];
      if (t.keyTokens.length === 1) written.push(t.keyTokens[0]);
      const stems = t.stems ?? [];
      const alternatives: string[] = [];
      if (common && stems.length) {
        const covered = (w: string) => {
          const tokens = tokenize(w);
          return tokens.length === 1 && wordStems(tokens[0].folded).some((s) => stems.includes(s));
        };
        const elsewhere = written.filter((w) => !covered(w));
        const inNames = written.filter((w) => covered(w) && common.inNamesOrKeys(tokenize(w)[0].folded));
        if (elsewhere.length) alternatives.push(`${WRITTEN_COLUMNS} : ${anyOf(elsewhere.map(ftsString))}`);
        if (inNames.length) alternatives.push(`${NAME_COLUMNS} : ${anyOf(inNames.map(ftsString))}`);
      } else {
        alternatives.push(`${WRITTEN_COLUMNS} : ${anyOf(written.map(ftsString))}`);
      }
      if (t.keyTokens.length > 1) alternatives.push(`names : (${t.keyTokens.map(ftsString).join(' AND ')})`);
      // Other forms of the word, in titles and texts.
      if (stems.length) alternatives.push(`${STEM_COLUMNS} : ${anyOf(stems.map(ftsString))}`);
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
  return [...term.forms.map(words), term.keyTokens, ...(term.namesOnly ? [] : (term.stems ?? []).map((s) => [s]))];
}
