import type { Database } from 'better-sqlite3';
import { CurrentUser } from '../http/context';
import { log } from '../logger';
import { caseVisibilityRule, visibleCasesCondition } from '../cases/case-access';
import { nameSearchablePeopleCondition } from '../people/identity';
import { SqlCondition, anyOf, positional, prepared, preparedRaw, sqlValue } from './sqlite';
import { KIND_BY_CODE, KIND_CODE_LIMIT, PROTECTED_PERSON_CODE, ROWID_ACCESS, ROWID_CASE, ROWID_KIND, ROWID_RECORD, protectedPersonRange, rowidBetween } from './search-kinds';
import { SearchTerm, namesExpression } from './search-text';
import { hiddenEvidenceCodes } from './evidence-visibility';
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

/** The join that reads each hit's case (code and title), or nothing for records that stand alone. */
export const CASE_JOIN = `LEFT JOIN case_record hit_case ON hit_case.id = ${ROWID_CASE}`;

/** Rows a page leaves out because they are not the current rows of their records: the index is out of step. */
export function reportStaleRows(count: number): void {
  if (count > 0) log.error('Search index out of step with the records: stale rows were left out of a results page. Run `casebook search rebuild`.', { rows: count });
}

/** The kind codes this user matches wherever they are (protected people and evidence levels aside). */
function matchedKindCodes(user: CurrentUser): number[] {
  const hidden = new Set(hiddenEvidenceCodes(user)); // evidence confidentiality (evidence-visibility.ts)
  if (user.role !== 'admin') hidden.add(PROTECTED_PERSON_CODE); // only the people they are cleared for, below
  return [...KIND_BY_CODE.keys()].filter((code) => !hidden.has(code));
}

const bits = (codes: number[]) => codes.reduce((mask, code) => mask + 2 ** code, 0);

/**
 * Conditions on the index rows (by rowid) that every search of this user carries. Each row is
 * first tested on its access class (kind code, plus 16 in a restricted case: search-kinds.ts)
 * against a bit mask of the classes the user matches outright: a shift and a mask per row, no
 * lookup. Only the rows outside it are looked at further:
 * - rows of restricted cases, under the rule of visibleCasesCondition applied to the flag and
 *   case id in the rowid (member of the case), for the kinds the user matches;
 * - protected people, when the user may search that person by name (nameSearchablePeopleCondition).
 * Hidden cases (a protected name in the words, casesHiddenByNames) are left out by id.
 */
export function indexVisibility(user: CurrentUser, hiddenCaseIds: number[]): SqlCondition[] {
  const out = [userVisibility(user)];
  if (hiddenCaseIds.length) out.push({ where: `${ROWID_CASE} NOT IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(hiddenCaseIds)] });
  return out;
}

/** The part of indexVisibility that depends on the user alone (role and id), built once per user. */
function userVisibility(user: CurrentUser): SqlCondition {
  const key = `${user.role}:${user.id}`;
  let cond = builtFor.get(key);
  if (!cond) {
    if (builtFor.size >= 1_000) builtFor.clear();
    builtFor.set(key, (cond = buildUserVisibility(user)));
  }
  return cond;
}
const builtFor = new Map<string, SqlCondition>();

function buildUserVisibility(user: CurrentUser): SqlCondition {
  const kinds = bits(matchedKindCodes(user));
  const rule = caseVisibilityRule(user, `((search_index.rowid >> 31) & 1)`, ROWID_CASE);
  const everyCase = rule.sql === '1 = 1';
  const outright = everyCase ? kinds + kinds * 2 ** KIND_CODE_LIMIT : kinds;
  const alternatives: SqlCondition[] = [{ where: `(${outright} >> ${ROWID_ACCESS}) & 1 = 1`, params: [] }];
  if (!everyCase) {
    alternatives.push({ where: `(${ROWID_ACCESS} >= ${KIND_CODE_LIMIT} AND (${kinds} >> ${ROWID_KIND}) & 1 = 1 AND ${rule.sql})`, params: rule.params.map(sqlValue) });
  }
  if (user.role !== 'admin') {
    const people = searchablePeople(user, 'p');
    const [lo, hi] = protectedPersonRange();
    alternatives.push({
      where: `(${rowidBetween(lo, hi)} AND EXISTS (SELECT 1 FROM person p WHERE p.id = ${ROWID_RECORD} AND ${people.where}))`,
      params: people.params,
    });
  }
  return anyOf(alternatives);
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
  // Most words are in no protected person's row at all: FTS5 tells that from the doclists alone,
  // about four times faster than matching the names column, which reads positions.
  const anywhere = prepared(db, `SELECT 1 FROM search_index WHERE search_index MATCH ? AND ${rowidBetween(lo, hi)} LIMIT 1`);
  if (!anywhere.get(namesExpression(terms, { anyColumn: true }))) return [];
  const people = searchablePeople(user, 'p');
  const named = prepared(
    db,
    `SELECT ${ROWID_RECORD} AS id FROM search_index WHERE search_index MATCH ? AND ${rowidBetween(lo, hi)}
       AND EXISTS (SELECT 1 FROM person p WHERE p.id = ${ROWID_RECORD} AND p.protected_identity = 1 AND NOT ${people.where})`,
  ).all(expr, ...people.params) as { id: number }[];
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
  const rows = preparedRaw(
    db,
    `SELECT l.case_id AS caseId, pn.name AS name, pn.name_latin AS latin
       FROM ${PROTECTED_LINKS_TABLE} l
       JOIN person p ON p.id = l.person_id AND p.protected_identity = 1 AND NOT ${people.where}
       JOIN person_name pn ON pn.person_id = p.id
       WHERE l.case_id IN (SELECT value FROM json_each(?))`,
  ).all(...people.params, JSON.stringify(caseIds)) as [number, string, string | null][];
  for (const [caseId, name, latin] of rows) {
    const words = out.get(caseId) ?? new Set<string>();
    for (const w of nameWords(`${name} ${latin ?? ''}`)) words.add(w);
    out.set(caseId, words);
  }
  return out;
}

const NOT_ASCII = /[^\x00-\x7f]/;
/** Anything but ASCII and the lower-case Cyrillic letters а-я other than й (which NFKD leaves as they are). */
const DECOMPOSABLE = /[^\x00-\x7f\u0430-\u0438\u043a-\u044f]/;

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
  const lower = text.toLowerCase();
  if (!NOT_ASCII.test(lower)) return lower; // nothing else to fold
  const e = lower.replace(/ё/g, 'е');
  if (!DECOMPOSABLE.test(e)) return e; // ASCII and Cyrillic а-я but й: unchanged by NFKD, no marks
  return e.replace(/ς/g, 'σ').normalize('NFKD').replace(/\p{M}/gu, '');
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
