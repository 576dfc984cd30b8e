import { DataSource } from 'typeorm';
import { vocabLabeler } from '../vocab/vocab.service';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { FacetCounts, REFUSAL_STEPS } from './search-facets';
import { KIND_LABELS, SearchKind } from './search-kinds';
import { QueryParam, SEARCHABLE_KINDS, SearchQueryValues, searchQueryString } from './search.schema';
import { PARAM_VOCABULARY } from './search-run';
import { prepared, rawDb } from './sqlite';
import { EVIDENCE_TYPE_LABELS, EvidenceType } from '../evidence/evidence-constants';

export interface FacetValueView {
  value: string;
  label: string;
  count: number;
  active: boolean;
  /** The search with this value chosen (or, when active, removed). */
  href: string;
}

export interface FacetView {
  param: QueryParam;
  label: string;
  values: FacetValueView[];
}

const SHOWN = 12;

/** Facets in the order the page lists them; values sorted by count, the chosen one always shown. */
export async function facetViews(ds: DataSource, values: SearchQueryValues, counts: FacetCounts): Promise<FacetView[]> {
  const label = await vocabLabeler(ds);
  const current = values as unknown as Record<string, unknown>;
  const href = (param: QueryParam, value: string | null) => `/search?${searchQueryString(values, { [param]: value })}`;
  const facet = (param: QueryParam, title: string, labelOf: (v: string) => string, order: 'count' | 'given' = 'count'): FacetView | null => {
    const found = counts.values.get(param) ?? new Map<string, number>();
    const chosen = String(current[param] ?? '');
    let entries = [...found.entries()].filter(([, n]) => n > 0);
    if (order === 'count') entries.sort((a, b) => b[1] - a[1] || labelOf(a[0]).localeCompare(labelOf(b[0])));
    entries = entries.slice(0, SHOWN);
    if (chosen && !entries.some(([v]) => v === chosen)) entries.unshift([chosen, found.get(chosen) ?? 0]);
    if (entries.length === 0) return null;
    return {
      param,
      label: title,
      values: entries.map(([v, n]) => ({ value: v, label: labelOf(v), count: n, active: v === chosen, href: v === chosen ? href(param, null) : href(param, v) })),
    };
  };
  const vocab = (param: string) => (v: string) => label(PARAM_VOCABULARY[param] as Vocabulary, v);
  const names = institutionNames(ds, [...(counts.values.get('institution')?.keys() ?? []), String(current.institution ?? '')]);
  const flags: FacetView = {
    param: 'retracted',
    label: 'Statements',
    values: [
      { param: 'retracted' as const, text: 'A statement was retracted' },
      { param: 'relied' as const, text: 'A court relied on a statement' },
    ].map((f) => {
      const active = current[f.param] === true;
      return { value: '1', label: f.text, count: counts.values.get(f.param)?.get('1') ?? 0, active, href: href(f.param, active ? null : '1') };
    }),
  };
  const refusals = counts.values.get('refusals') ?? new Map<string, number>();
  const refusalView: FacetView = {
    param: 'refusals',
    label: 'Refused to investigate',
    values: REFUSAL_STEPS.map((n) => {
      const active = String(current.refusals ?? '') === String(n);
      return { value: String(n), label: n === 1 ? 'at least once' : `at least ${n} times`, count: refusals.get(String(n)) ?? 0, active, href: href('refusals', active ? null : String(n)) };
    }),
  };
  return [
    facet('status', 'Case status', vocab('status')),
    facet('region', 'Region', vocab('region')),
    facet('method', 'Method', vocab('method')),
    facet('event_type', 'Event type', vocab('event_type')),
    facet('institution', 'Institution (events)', (v) => names.get(Number(v)) ?? `Institution ${v}`),
    facet('outcome', 'Complaint outcome', vocab('outcome')),
    facet('verdict', 'Verdict (any defendant)', vocab('verdict')),
    refusalView,
    flags,
    facet('profile', 'Victim profile', vocab('profile')),
    facet('evidence_type', 'Evidence type', (v) => EVIDENCE_TYPE_LABELS[v as EvidenceType] ?? v),
  ].filter((f): f is FacetView => f !== null);
}

export function kindViews(values: SearchQueryValues, counts: FacetCounts): FacetValueView[] {
  return SEARCHABLE_KINDS.filter((k) => (counts.kinds.get(k) ?? 0) > 0 || values.kind === k).map((k: SearchKind) => ({
    value: k,
    label: KIND_LABELS[k],
    count: counts.kinds.get(k) ?? 0,
    active: values.kind === k,
    href: `/search?${searchQueryString(values, { kind: values.kind === k ? null : k })}`,
  }));
}

function institutionNames(ds: DataSource, ids: string[]): Map<number, string> {
  const wanted = [...new Set(ids.filter(Boolean).map(Number))];
  if (wanted.length === 0) return new Map();
  const rows = prepared(rawDb(ds), 'SELECT id, name FROM institution WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(wanted)) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
