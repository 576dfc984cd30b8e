import { DataSource } from 'typeorm';
import { vocabLabeler } from '../vocab/vocab.service';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { FacetCounts, REFUSAL_STEPS } from './search-facets';
import { SearchKind } from './search-kinds';
import { QueryParam, SEARCHABLE_KINDS, SearchQueryValues, searchQueryString } from './search.schema';
import { PARAM_VOCABULARY } from './search-run';
import { prepared, rawDb } from './sqlite';
import { hasKey, t } from '../i18n/i18n';

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
    label: t('search.facets.statements'),
    values: [
      { param: 'retracted' as const, text: t('search.page.retracted') },
      { param: 'relied' as const, text: t('search.page.relied') },
    ].map((f) => {
      const active = current[f.param] === true;
      return { value: '1', label: f.text, count: counts.values.get(f.param)?.get('1') ?? 0, active, href: href(f.param, active ? null : '1') };
    }),
  };
  const refusals = counts.values.get('refusals') ?? new Map<string, number>();
  const refusalView: FacetView = {
    param: 'refusals',
    label: t('search.facets.refusals'),
    values: REFUSAL_STEPS.map((n) => {
      const active = String(current.refusals ?? '') === String(n);
      return { value: String(n), label: n === 1 ? t('search.facets.atLeastOnce') : t('search.facets.atLeast', { count: n }), count: refusals.get(String(n)) ?? 0, active, href: href('refusals', active ? null : String(n)) };
    }),
  };
  return [
    facet('status', t('search.facets.status'), vocab('status')),
    facet('region', t('search.facets.region'), vocab('region')),
    facet('method', t('search.facets.method'), vocab('method')),
    facet('event_type', t('search.facets.eventType'), vocab('event_type')),
    facet('institution', t('search.facets.institution'), (v) => names.get(Number(v)) ?? t('search.page.institutionNo', { id: v })),
    facet('outcome', t('search.facets.outcome'), vocab('outcome')),
    facet('verdict', t('search.facets.verdict'), vocab('verdict')),
    refusalView,
    flags,
    facet('profile', t('search.facets.profile'), vocab('profile')),
    facet('evidence_type', t('search.facets.evidenceType'), (v) => (hasKey(`search.evidenceTypes.${v}`) ? t(`search.evidenceTypes.${v}`) : v)),
  ].filter((f): f is FacetView => f !== null);
}

export function kindViews(values: SearchQueryValues, counts: FacetCounts): FacetValueView[] {
  return SEARCHABLE_KINDS.filter((k) => (counts.kinds.get(k) ?? 0) > 0 || values.kind === k).map((k: SearchKind) => ({
    value: k,
    label: t(`search.kinds.${k}`),
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
