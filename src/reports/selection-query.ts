import { DataSource } from 'typeorm';
import { vocabLabeler } from '../vocab/vocab.service';
import { FILTER_PARAMS, ParsedSearch, QueryParam, parseSearchQuery, searchQueryString } from '../search/search.schema';
import { PARAM_VOCABULARY, checkSearchReferences, institutionName } from '../search/search-run';
import { EVIDENCE_TYPE_LABELS, EvidenceType } from '../evidence/evidence-constants';
import { SelectionInput } from './case-selection';
import { hasKey, t } from '../i18n/i18n';

/**
 * The query string of reports and exports: the search's own parameters (q, region, status,
 * institution, method, event_type, from, to, outcome, refusals, retracted, relied, profile, and
 * any filter the search gains), read by the search's parser with its messages, plus `tag` from
 * older links. `kind` and `page` belong to the search's result list and are ignored: a report
 * counts cases, and words select the cases holding a matching record of any kind.
 */
export interface SelectionQuery {
  parsed: ParsedSearch;
  tag: string;
  /** Field errors (key = parameter), shared with `parsed.errors`. */
  errors: Record<string, string>;
}

export const TAG_MAX = 100;
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** Reads and checks a query string (unknown codes and institutions are field errors); never throws. */
export async function readSelectionQuery(ds: DataSource, query: unknown): Promise<SelectionQuery> {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const { kind: _kind, page: _page, tag, ...rest } = raw;
  const parsed = parseSearchQuery(rest);
  await checkSearchReferences(ds, parsed);
  const tagValue = first(tag);
  let tagText = typeof tagValue === 'string' ? tagValue : '';
  if (tagValue !== undefined && typeof tagValue !== 'string') parsed.errors.tag = t('reports.errors.tagText');
  if ([...tagText].length > TAG_MAX) {
    parsed.errors.tag = t('reports.errors.tagTooLong', { max: TAG_MAX });
    tagText = '';
  }
  return { parsed, tag: tagText, errors: parsed.errors };
}

export const hasErrors = (sq: SelectionQuery) => Object.keys(sq.errors).length > 0;

export function selectionInput(sq: SelectionQuery): SelectionInput {
  return { terms: sq.parsed.terms, filter: sq.parsed.filter, tag: sq.tag.trim() || undefined };
}

/** The canonical query string of the selection, for links that keep it (export these, search these). */
export function selectionQueryString(sq: SelectionQuery, overrides: Partial<Record<QueryParam, string | null>> = {}): string {
  const qs = searchQueryString(sq.parsed.values, { kind: null, ...overrides });
  if (!sq.tag) return qs;
  return [qs, new URLSearchParams({ tag: sq.tag }).toString()].filter(Boolean).join('&');
}

/** The same cases on the search page (the search has no tag filter: a tag from an old link is left out). */
export const searchHref = (sq: SelectionQuery) => {
  const qs = searchQueryString(sq.parsed.values, { kind: null });
  return qs ? `/search?${qs}` : '/search';
};

/** A parameter's name as the filter form shows it (reports.filters.*); a parameter the catalogue does not name yet shows as its code, capitalised. */
const labelOfParam = (param: string) => (hasKey(`reports.filters.${param}`) ? t(`reports.filters.${param}`) : param.charAt(0).toUpperCase() + param.slice(1).replace(/_/g, ' '));

/**
 * What the selection is, in words, for the page to say what is filtered ("Region: Chechen
 * Republic", ...). Only valid values are described; the words are the user's own.
 */
export async function describeSelection(ds: DataSource, sq: SelectionQuery): Promise<{ label: string; value: string | null; words?: true }[]> {
  const label = await vocabLabeler(ds);
  const values = sq.parsed.values as unknown as Record<string, unknown>;
  const out: { label: string; value: string | null; words?: true }[] = [];
  // The typed words: the page quotes them as the language does (“…”, «…»).
  if (sq.parsed.terms.length) out.push({ label: labelOfParam('q'), value: sq.parsed.values.q, words: true });
  for (const param of FILTER_PARAMS as readonly string[]) {
    const v = values[param];
    if (v === undefined || v === '' || v === false || sq.errors[param]) continue;
    if (v === true) out.push({ label: labelOfParam(param), value: null });
    else if (param === 'institution') out.push({ label: labelOfParam(param), value: institutionName(ds, Number(v)) ?? String(v) });
    else if (param === 'evidence_type') out.push({ label: labelOfParam(param), value: EVIDENCE_TYPE_LABELS[v as EvidenceType] ?? String(v) });
    else if (param === 'refusals') out.push({ label: labelOfParam(param), value: t('reports.selection.times', { count: Number(v) }) });
    else if (PARAM_VOCABULARY[param]) out.push({ label: labelOfParam(param), value: label(PARAM_VOCABULARY[param], String(v)) });
    else out.push({ label: labelOfParam(param), value: String(v) });
  }
  if (sq.tag.trim() && !sq.errors.tag) out.push({ label: labelOfParam('tag'), value: sq.tag });
  return out;
}

/**
 * What the audit trail records of a selection: which filters (codes, dates, the institution id),
 * never the typed words (they may be a name) nor the tag's text.
 */
export function auditedSelection(sq: SelectionQuery): Record<string, unknown> {
  const values = sq.parsed.values as unknown as Record<string, unknown>;
  const filters: Record<string, unknown> = {};
  for (const param of FILTER_PARAMS as readonly string[]) {
    const v = values[param];
    if (v === undefined || v === '' || v === false || sq.errors[param]) continue;
    filters[param] = param === 'institution' ? Number(v) : v;
  }
  return { filteredByText: sq.parsed.terms.length > 0, filters, tag: Boolean(sq.tag.trim()) };
}

/** The selection's parameters, as /search documents them (the reports and every export take the same). */
export const SELECTION_PARAMETERS = [
  { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'words, as in /search: only cases holding at least one record you may see that matches them' },
  ...FILTER_PARAMS.map((name) => ({
    name,
    in: 'query',
    schema: { type: 'string' },
    description: name === 'from' || name === 'to' ? 'YYYY, YYYY-MM or YYYY-MM-DD; events overlapping the period' : name === 'refusals' ? 'refused to investigate at least this many times' : name === 'institution' ? 'institution id; includes its sub-units' : name === 'verdict' ? 'verdict_outcome term: cases where any defendant received it at any stage' : undefined,
  })),
  { name: 'tag', in: 'query', schema: { type: 'string', maxLength: 100 }, description: 'cases with this tag' },
];
