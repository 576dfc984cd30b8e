import { LATIN_FORM_MAX } from '../db/text-limits';
import { latinize, matchKey, matchTokens } from './transliterate';

/**
 * Searching names in any spelling. Every stored spelling (person names, institution names and
 * aliases) carries `name_latin` (latinize) and `match_key` (matchKey); a query is reduced the same
 * way, so "Kudaev" finds "Кудаев" (match key "kudaev") and "Кудаев" finds "Kudayev".
 */

/** The derived search forms of one name, capped to the column size (NFKD can lengthen text). */
export function searchForms(name: string): { nameLatin: string; matchKey: string } {
  return { nameLatin: latinize(name).slice(0, LATIN_FORM_MAX), matchKey: matchKey(name).slice(0, LATIN_FORM_MAX) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

let counter = 0;

/**
 * SQL condition on one name row (`alias.name_latin`, `alias.match_key`) for a typed query: the
 * Latin form contains the query's Latin form, or every word of the query, in its shared
 * spelling, occurs in the match key. Parameter names are unique per call so several conditions
 * can share one query. Returns null for a query with nothing to search on.
 */
export function nameMatchCondition(alias: string, query: string): { sql: string; params: Record<string, unknown> } | null {
  const latin = latinize(query);
  if (!latin) return null;
  const tokens = [...new Set(matchTokens(query))].slice(0, 8);
  const p = `__nm${++counter % 1_000_000}`;
  const params: Record<string, unknown> = { [`${p}l`]: `%${escapeLike(latin)}%` };
  const parts = [`${alias}.name_latin LIKE :${p}l ESCAPE '\\'`];
  if (tokens.length) {
    const each = tokens.map((t, i) => {
      params[`${p}t${i}`] = `%${escapeLike(t)}%`;
      return `${alias}.match_key LIKE :${p}t${i} ESCAPE '\\'`;
    });
    parts.push(`(${each.join(' AND ')})`);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** "P-0042", "p42", "#42" or "42": a record number typed into a search box. */
export function idFromQuery(query: string): number | null {
  const m = /^\s*(?:p-?|#)?0*([1-9][0-9]{0,14})\s*$/i.exec(query);
  return m ? Number(m[1]) : null;
}

/**
 * Whether two names are probably the same person's, for the duplicate warning:
 * - the same match key (every word the same in the shared spelling: "Кудаев Расул" = "Rasul Kudayev"), or
 * - a shared word of three letters or more (the surname) and, among the other words, the same
 *   initial ("R. Kudaev" and "Kudaev Rasul Kambulatovich"), or
 * - one of them is a single word of four letters or more that the other contains (a name
 *   recorded as the surname alone).
 */
export function similarNames(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const setA = new Set(a);
  const setB = new Set(b);
  if ([...setA].sort().join(' ') === [...setB].sort().join(' ')) return true;
  if (setA.size === 1 && a[0].length >= 4 && setB.has(a[0])) return true;
  if (setB.size === 1 && b[0].length >= 4 && setA.has(b[0])) return true;
  for (const shared of setA) {
    if (shared.length < 3 || !setB.has(shared)) continue;
    const initialsA = new Set([...setA].filter((t) => t !== shared).map((t) => t[0]));
    if ([...setB].some((t) => t !== shared && initialsA.has(t[0]))) return true;
  }
  return false;
}

/**
 * SQL condition preselecting name rows that might be similar to one of `tokenLists` (each the
 * matchTokens of one name): the whole key, or any word of three letters or more. The final
 * decision is similarNames(), in code.
 */
export function similarCandidatesCondition(alias: string, tokenLists: string[][]): { sql: string; params: Record<string, unknown> } | null {
  const keys = [...new Set(tokenLists.filter((t) => t.length).map((t) => [...new Set(t)].sort().join(' ')))];
  const words = [...new Set(tokenLists.flat().filter((t) => t.length >= 3))].slice(0, 40);
  if (keys.length === 0 && words.length === 0) return null;
  const p = `__sim${++counter % 1_000_000}`;
  const params: Record<string, unknown> = {};
  const parts: string[] = [];
  if (keys.length) {
    params[`${p}k`] = keys;
    parts.push(`${alias}.match_key IN (:...${p}k)`);
  }
  words.forEach((w, i) => {
    params[`${p}w${i}`] = `% ${escapeLike(w)} %`;
    parts.push(`(' ' || ${alias}.match_key || ' ') LIKE :${p}w${i} ESCAPE '\\'`);
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}
