import type { Database } from 'better-sqlite3';
import { CurrentUser } from '../http/context';
import { log } from '../logger';
import { caseVisibilityRule, visibleCasesCondition } from '../cases/case-access';
import { nameSearchablePeopleCondition } from '../people/identity';
import { SqlCondition, anyOf, positional, sqlValue } from './sqlite';
import { KIND_BY_CODE, KIND_CODE_LIMIT, PROTECTED_PERSON_CODE, ROWID_ACCESS, ROWID_CASE, ROWID_KIND, ROWID_RECORD, protectedPersonRange, rowidBetween } from './search-kinds';
import { SearchTerm } from './search-text';
import { Redactor, redactorFor } from '../people/redaction';
import { hiddenEvidenceCodes } from './evidence-visibility';

/**
 * Who may see which hit, with exactly the rules of the rest of the application:
 * - a hit inside a case only when the case is visible to the user (visibleCasesCondition);
 * - a person's own row only when the user may search that person by name
 *   (nameSearchablePeopleCondition: not protected, or cleared for them);
 * - and, for users not cleared for a protected person, the words of that person's names match
 *   names only, never free text (withholdNameTerms, below).
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
 */
export function indexVisibility(user: CurrentUser): SqlCondition[] {
  return [userVisibility(user)];
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
 * The terms as this user may search them: a word that is (part of) the name of a protected person
 * the user is not cleared for matches in the names column only. Free text (a statement quoting
 * the witness, an event typed with her name) shows that name to this user as a pseudonym
 * (people/redaction.ts), so it never finds it either: a query naming a protected person finds
 * nothing through free text, and adding the name to a query narrows the results the same way
 * whichever case the person is in, since no record's names column holds a protected name.
 * Words counted: those the redactor withholds from the query's own text (full names in any
 * order, two of their words, a surname alone), any single word of such a person's names, and
 * any word one of whose normal forms (word-forms.ts) is such a word.
 */
export function withholdNameTerms(db: Database, user: CurrentUser, terms: SearchTerm[], redactor: Redactor = redactorFor(db, user)): SearchTerm[] {
  if (terms.length === 0 || user.role === 'admin') return terms;
  if (!redactor.active) return terms;
  let text = '';
  const spans = terms.map((t) => {
    const start = text.length;
    text += t.text + ' ';
    return { start, end: start + t.text.length };
  });
  const withheld = redactor.withheldSpans(text);
  return terms.map((t, i) => {
    const span = spans[i];
    const inMention = withheld.some((m) => m.start < span.end && m.end > span.start);
    // A word whose normal forms are those of such a name ("Петровы" of Петров: word-forms.ts) would meet it in free text through them.
    const bears = redactor.bearsWithheldName(t.text) || (t.stems ?? []).some((s) => redactor.bearsWithheldName(s));
    return inMention || bears ? { ...t, namesOnly: true } : t;
  });
}
