import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { CaseFilter, hasCaseFilter } from '../search/case-filter';
import { listCaseConditions } from '../search/search.service';
import { SearchTerm } from '../search/search-text';
import { TextMatch, textCasesCondition, textMatch } from '../search/text-cases';
import { SqlCondition, allOf, prepared, rawDb } from '../search/sqlite';

/**
 * Which cases a report or an export covers: the cases the user may see, narrowed by the
 * search's own filters (same parameters, same meaning as /search) and, when there are words, to
 * the cases holding at least one record the search would show this user for those words.
 * Expressed as SQL over `case_record c`, so every report query and every export applies exactly
 * the same selection and the same access rules.
 */
export interface SelectionInput {
  terms?: SearchTerm[];
  filter?: CaseFilter;
  /** A case tag (links from before reports used the search's filters). */
  tag?: string;
}

export interface Selection {
  /** A condition on alias `c` (case_record), with positional `?` parameters. */
  where: string;
  params: unknown[];
  /**
   * The selected case ids, ascending, when anything narrows the selection: found once, so that
   * an export's batches do not re-run the words or a costly filter (an institution with its
   * sub-units) for every batch. Memory: 8 bytes per selected case, not per exported row.
   */
  caseIds?: number[];
  /** With words: the match, for exporting only the records that match them. */
  text?: TextMatch;
}

const tagCondition = (tag: string): SqlCondition => ({ where: 'c.id IN (SELECT t.case_id FROM case_tag t WHERE t.tag = ?)', params: [tag.toLowerCase()] });

/** The selection as SQL only, without words (nothing is looked up): the cases the user may see, filtered. */
export function caseSelection(user: CurrentUser, input: Omit<SelectionInput, 'terms'> = {}): Selection {
  const cond = allOf([listCaseConditions(user, input.filter ?? {}), ...(input.tag ? [tagCondition(input.tag)] : [])]);
  return { where: cond.where, params: cond.params };
}

export const isNarrowed = (input: SelectionInput) => Boolean(input.terms?.length || input.tag || (input.filter && hasCaseFilter(input.filter)));

/**
 * The selection for a request: with words or filters, the selected cases are found once (one
 * query, the words matched once) and the selection becomes that list of ids, still ANDed with
 * the user's visibility; with nothing chosen, it is the visibility rule alone.
 */
export function selectCases(ds: DataSource, user: CurrentUser, input: SelectionInput): Selection {
  const base = caseSelection(user, input);
  if (!isNarrowed(input)) return base;
  const db = rawDb(ds);
  const text = input.terms?.length ? (textMatch(db, user, input.terms) ?? undefined) : undefined;
  const cond = allOf([base, ...(text ? [textCasesCondition(text, 'c')] : [])]);
  const caseIds = (prepared(db, `SELECT c.id FROM case_record c WHERE ${cond.where} ORDER BY c.id`).all(...cond.params) as { id: number }[]).map((r) => r.id);
  const visible = listCaseConditions(user, {});
  return { where: `c.id IN (SELECT value FROM json_each(?)) AND ${visible.where}`, params: [JSON.stringify(caseIds), ...visible.params], caseIds, text };
}

/** How many cases the selection holds. */
export function selectedCaseCount(ds: DataSource, s: Selection): number {
  if (s.caseIds) return s.caseIds.length;
  return (prepared(rawDb(ds), `SELECT count(*) AS n FROM case_record c WHERE ${s.where}`).get(...s.params) as { n: number }).n;
}
