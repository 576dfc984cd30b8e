import type { Database } from 'better-sqlite3';
import { CurrentUser } from '../http/context';
import { visibleCasesCondition } from '../cases/case-access';
import { nameSearchablePeopleCondition } from '../people/identity';
import { SqlCondition, positional, prepared } from './sqlite';
import { ROWID_CASE, ROWID_RECORD, protectedPersonRange } from './search-kinds';
import { SearchTerm, namesExpression } from './search-text';
import { evidenceVisibility } from './evidence-visibility';
import { PROTECTED_LINKS_TABLE } from './protected-links';

/**
 * Who may see which hit, with exactly the rules of the rest of the application:
 * - a hit inside a case only when the case is visible to the user (visibleCasesCondition);
 * - a person's own row only when the user may search that person by name
 *   (nameSearchablePeopleCondition: not protected, or cleared for them);
 * - and, for users not cleared for a protected person, no hit at all from the cases that person
 *   is linked to when the query names them: free text (a statement quoting the witness) is not
 *   scrubbed of names, so a match there would confirm who the pseudonym is.
 * Residual risk, documented in README: a protected name typed in the free text of a case the
 * person is NOT linked to, or in a spelling not among their names, can still match there.
 */
export function visibleCases(user: CurrentUser, alias = 'c'): SqlCondition {
  return positional(visibleCasesCondition(user, alias));
}

export function searchablePeople(user: CurrentUser, alias = 'p'): SqlCondition {
  return positional(nameSearchablePeopleCondition(user, alias));
}

/**
 * How a query checks each hit's case: 'perRow' probes the case by primary key in a subquery
 * (a few hundred hits); 'joined' reads it through CASE_JOIN, which the query must then put after
 * `FROM search_index` (the same probe without a subquery per row: about twice as fast, used by
 * the ranked plan); 'list' lists the hidden cases once per query (thousands of rows walked).
 */
export type CaseCheck = 'perRow' | 'joined' | 'list';

/** The join 'joined' needs: every hit's case, or nothing for records that stand alone. */
export const CASE_JOIN = `LEFT JOIN case_record hit_case ON hit_case.id = ${ROWID_CASE}`;

/** Conditions on the index rows (by rowid) that every search of this user carries. */
export function indexVisibility(user: CurrentUser, hiddenCaseIds: number[], opts: { caseCheck?: CaseCheck } = {}): SqlCondition[] {
  const out: SqlCondition[] = [];
  if (user.role !== 'admin') {
    const vis = visibleCases(user, 'c');
    const check = opts.caseCheck ?? 'list';
    if (check === 'joined') {
      const joined = visibleCases(user, 'hit_case');
      out.push({ where: `(hit_case.id IS NULL OR hit_case.restricted = 0 OR ${joined.where})`, params: joined.params });
    } else {
      out.push(
        check === 'perRow'
          ? { where: `NOT EXISTS (SELECT 1 FROM case_record c WHERE c.id = ${ROWID_CASE} AND c.restricted = 1 AND NOT ${vis.where})`, params: vis.params }
          : { where: `${ROWID_CASE} NOT IN (SELECT c.id FROM case_record c WHERE c.restricted = 1 AND NOT ${vis.where})`, params: vis.params },
      );
    }
    const people = searchablePeople(user, 'p');
    const [lo, hi] = protectedPersonRange();
    out.push({
      where: `(search_index.rowid NOT BETWEEN ${lo} AND ${hi} OR EXISTS (SELECT 1 FROM person p WHERE p.id = ${ROWID_RECORD} AND ${people.where}))`,
      params: people.params,
    });
  }
  out.push(evidenceVisibility(user)); // evidence confidentiality, by kind code (evidence-visibility.ts)
  if (hiddenCaseIds.length) out.push({ where: `${ROWID_CASE} NOT IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(hiddenCaseIds)] });
  return out;
}

/**
 * Cases to leave out of this query for this user: those linked to a protected person the user
 * is not cleared for, whose names the query matches.
 */
export function casesHiddenByNames(db: Database, user: CurrentUser, terms: SearchTerm[]): number[] {
  if (user.role === 'admin') return [];
  const expr = namesExpression(terms);
  if (!expr) return [];
  const [lo, hi] = protectedPersonRange();
  const people = searchablePeople(user, 'p');
  const named = prepared(
    db,
    `SELECT ${ROWID_RECORD} AS id FROM search_index WHERE search_index MATCH ? AND search_index.rowid BETWEEN ? AND ?
       AND EXISTS (SELECT 1 FROM person p WHERE p.id = ${ROWID_RECORD} AND p.protected_identity = 1 AND NOT ${people.where})`,
  ).all(expr, lo, hi, ...people.params) as { id: number }[];
  if (named.length === 0) return [];
  const rows = prepared(db, `SELECT DISTINCT case_id AS id FROM ${PROTECTED_LINKS_TABLE} WHERE person_id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(named.map((r) => r.id)),
  ) as { id: number }[];
  return rows.map((r) => r.id);
}

/**
 * Name words of the protected people linked to these cases whom the user is not cleared for:
 * blanked out of snippets and titles shown from those cases. One lookup in the trigger-kept
 * table of protected people's cases (protected-links.ts), not a walk over every link.
 */
export function withheldNameWords(db: Database, user: CurrentUser, caseIds: number[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (user.role === 'admin' || caseIds.length === 0) return out;
  const people = searchablePeople(user, 'p');
  const rows = prepared(
    db,
    `SELECT l.case_id AS caseId, pn.name AS name, pn.name_latin AS latin
       FROM ${PROTECTED_LINKS_TABLE} l
       JOIN person p ON p.id = l.person_id AND p.protected_identity = 1 AND NOT ${people.where}
       JOIN person_name pn ON pn.person_id = p.id
       WHERE l.case_id IN (SELECT value FROM json_each(?))`,
  ).all(...people.params, JSON.stringify(caseIds)) as { caseId: number; name: string; latin: string }[];
  for (const r of rows) {
    const words = out.get(r.caseId) ?? new Set<string>();
    for (const w of nameWords(`${r.name} ${r.latin}`)) words.add(w);
    out.set(r.caseId, words);
  }
  return out;
}

/** The folded words of a name and its transliteration (remembered: a pure function of the text). */
function nameWords(names: string): string[] {
  let words = nameWordsKept.get(names);
  if (!words) {
    words = names
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1)
      .map(normaliseWord);
    if (nameWordsKept.size >= NORMALISED_KEPT) nameWordsKept.clear();
    nameWordsKept.set(names, words);
  }
  return words;
}
const nameWordsKept = new Map<string, string[]>();

/**
 * How words are compared when withholding names: case, diacritics, ё and final ς folded. Every
 * step maps each character on its own (the one context-dependent lower-casing, Greek final
 * sigma, is folded away), so the fold of a word is a substring of the fold of any text holding it.
 */
export function foldForComparison(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/ς/g, 'σ').normalize('NFKD').replace(/\p{M}/gu, '');
}

/** A word folded for comparison (remembered: a pure function of the word). */
export function normaliseWord(w: string): string {
  let folded = normalised.get(w);
  if (folded === undefined) {
    folded = foldForComparison(w);
    if (normalised.size >= NORMALISED_KEPT) normalised.clear();
    normalised.set(w, folded);
  }
  return folded;
}
/** Every word of every snippet on a page from a case with a protected person is compared: the folding is remembered (a pure function of the word). */
const NORMALISED_KEPT = 50_000;
const normalised = new Map<string, string>();
