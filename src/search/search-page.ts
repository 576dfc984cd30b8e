import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { vocabOptions } from '../vocab/vocab.service';
import { ParsedSearch, SEARCHABLE_KINDS, searchQueryString } from './search.schema';
import { SearchOutcome, checkSearchReferences, institutionName, runSearch } from './search-run';
import { FACET_CASES_LIMIT, listFacets, textFacets } from './search-facets';
import { FacetValueView, FacetView, facetViews, kindViews } from './search-facet-views';
import { CANDIDATES } from './search.service';
import { prepared, rawDb } from './sqlite';
import { EVIDENCE_TYPES } from '../evidence/evidence-constants';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/i18n';

export interface SearchPageModel {
  outcome: SearchOutcome | null;
  facets: FacetView[] | null;
  kinds: FacetValueView[] | null;
  facetCases: number | null;
  notices: string[];
}

/**
 * Everything a search answers for a user: results (checked, permission-filtered, presented)
 * and, when asked, the counts for the filters. The page and the API both call this.
 */
export async function loadSearch(ds: DataSource, user: CurrentUser, parsed: ParsedSearch, opts: { facets: boolean }): Promise<SearchPageModel> {
  await checkSearchReferences(ds, parsed);
  if (Object.keys(parsed.errors).length) return { outcome: null, facets: null, kinds: null, facetCases: null, notices: [] };
  const outcome = await runSearch(ds, user, parsed);
  const notices: string[] = [];
  if (outcome.plan === 'newest') {
    notices.push(t('search.page.tooManyNewest', { n: formatNumber(CANDIDATES) }));
  }
  let facets: FacetView[] | null = null;
  let kinds: FacetValueView[] | null = null;
  let facetCases: number | null = null;
  if (opts.facets && outcome.mode !== 'empty') {
    const tooMany = t('search.page.tooManyFacets', { n: formatNumber(FACET_CASES_LIMIT) });
    if (outcome.plan === 'newest' || (outcome.mode === 'list' && outcome.total > FACET_CASES_LIMIT)) {
      notices.push(tooMany);
    } else {
      const counts = outcome.mode === 'list' ? listFacets(ds, user, outcome.request) : textFacets(ds, user, outcome.request);
      if (counts) {
        facets = await facetViews(ds, parsed.values, counts);
        kinds = outcome.mode === 'text' ? kindViews(parsed.values, counts) : null;
        facetCases = counts.cases;
      } else {
        notices.push(tooMany);
      }
    }
  }
  return { outcome, facets, kinds, facetCases, notices };
}

/** Choices for the search form's selects. */
export async function searchFormOptions(ds: DataSource, parsed: ParsedSearch) {
  const keep = (v: string) => (v ? [v] : []);
  const values = parsed.values;
  const topInstitutions = prepared(rawDb(ds), 'SELECT id, name FROM institution WHERE parent_id IS NULL ORDER BY name, id').all() as { id: number; name: string }[];
  const chosen = parsed.filter.institutionId;
  const institutions = topInstitutions.map((i) => ({ code: String(i.id), label: i.name }));
  if (chosen && !topInstitutions.some((i) => i.id === chosen)) institutions.unshift({ code: String(chosen), label: institutionName(ds, chosen) ?? t('search.page.institutionNo', { id: chosen }) });
  return {
    kinds: SEARCHABLE_KINDS.map((k) => ({ code: k, label: t(`search.kinds.${k}`) })),
    statuses: await vocabOptions(ds, 'case_status', keep(values.status)),
    regions: await vocabOptions(ds, 'region', keep(values.region)),
    methods: await vocabOptions(ds, 'torture_method', keep(values.method)),
    eventTypes: await vocabOptions(ds, 'event_type', keep(values.event_type)),
    outcomes: await vocabOptions(ds, 'response_outcome', keep(values.outcome)),
    verdicts: await vocabOptions(ds, 'verdict_outcome', keep(values.verdict)),
    profiles: await vocabOptions(ds, 'person_profile', keep(values.profile)),
    evidenceTypes: EVIDENCE_TYPES.map((code) => ({ code, label: t(`search.evidenceTypes.${code}`) })),
    institutions,
  };
}

export const currentQueryOf = (parsed: ParsedSearch) => searchQueryString(parsed.values);
