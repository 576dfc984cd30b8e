import { CASE_SORTS, CaseSort, DEFAULT_DIRECTION } from './case.schema';

/** The case list's filters and order as read from the query (case.schema.ts caseListQuery). */
export interface CaseListState {
  q?: string;
  status?: string;
  region?: string;
  tag?: string;
  sort: CaseSort;
  dir?: 'asc' | 'desc';
}

export const CASE_LIST_FILTERS = ['q', 'status', 'region', 'tag'] as const;
type Filter = (typeof CASE_LIST_FILTERS)[number];

const directionOf = (s: CaseListState) => s.dir ?? DEFAULT_DIRECTION[s.sort];

/** The query string of a list: filters, then the order when it is not the usual one. Page left out. */
export function caseListQueryString(s: CaseListState, without?: Filter): string {
  const q = new URLSearchParams();
  for (const k of CASE_LIST_FILTERS) if (k !== without && s[k]) q.set(k, s[k] as string);
  if (s.sort !== 'updated') q.set('sort', s.sort);
  if (directionOf(s) !== DEFAULT_DIRECTION[s.sort]) q.set('dir', directionOf(s));
  return q.toString();
}

const href = (qs: string) => (qs ? `/cases?${qs}` : '/cases');

/**
 * The sortable columns' links: a column not sorted on sorts in its natural direction; the one
 * sorted on turns the direction round. `aria` is the column's aria-sort.
 */
export function caseSortLinks(s: CaseListState): Record<CaseSort, { href: string; aria: 'ascending' | 'descending' | 'none'; active: boolean; dir: 'asc' | 'desc' }> {
  const out = {} as ReturnType<typeof caseSortLinks>;
  for (const sort of CASE_SORTS) {
    const active = s.sort === sort;
    const current = directionOf(s);
    const next = active ? (current === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[sort];
    out[sort] = {
      href: href(caseListQueryString({ ...s, sort, dir: next })),
      aria: active ? (current === 'asc' ? 'ascending' : 'descending') : 'none',
      active,
      dir: current,
    };
  }
  return out;
}

/** One removable chip per active filter: its field, its value as the user reads it, and the list without it. */
export function caseFilterChips(s: CaseListState, valueLabel: (filter: Filter, value: string) => string): { filter: Filter; value: string; href: string }[] {
  return CASE_LIST_FILTERS.filter((k) => s[k]).map((k) => ({ filter: k, value: valueLabel(k, s[k] as string), href: href(caseListQueryString(s, k)) }));
}
