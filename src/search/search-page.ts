import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { vocabOptions } from '../vocab/vocab.service';
import { KIND_LABELS } from './search-kinds';
import { ParsedSearch, SEARCHABLE_KINDS, searchQueryString } from './search.schema';
import { SearchOutcome, checkSearchReferences, institutionName, runSearch } from './search-run';
import { FACET_CASES_LIMIT, listFacets, textFacets } from './search-facets';
import { FacetValueView, FacetView, facetViews, kindViews } from './search-facet-views';
import { CANDIDATES } from './search.service';
import { prepared, rawDb } from './sqlite';
import { EVIDENCE_TYPES, EVIDENCE_TYPE_LABELS } from '../evidence/evidence-constants';

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
    notices.push(`More than ${CANDIDATES.toLocaleString('en')} records match. These are the best matches among the ${CANDIDATES.toLocaleString('en')} most recent; add words or filters to narrow the search.`);
  }
  let facets: FacetView[] | null = null;
  let kinds: FacetValueView[] | null = null;
  let facetCases: number | null = null;
  if (opts.facets && outcome.mode !== 'empty') {
    const tooMany = `Counts for the filters appear once fewer than ${FACET_CASES_LIMIT.toLocaleString('en')} cases match; add words or filters to narrow the search.`;
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
  if (chosen && !topInstitutions.some((i) => i.id === chosen)) institutions.unshift({ code: String(chosen), label: institutionName(ds, chosen) ?? `Institution ${chosen}` });
  return {
    kinds: SEARCHABLE_KINDS.map((k) => ({ code: k, label: KIND_LABELS[k] })),
    statuses: await vocabOptions(ds, 'case_status', keep(values.status)),
    regions: await vocabOptions(ds, 'region', keep(values.region)),
    methods: await vocabOptions(ds, 'torture_method', keep(values.method)),
    eventTypes: await vocabOptions(ds, 'event_type', keep(values.event_type)),
    outcomes: await vocabOptions(ds, 'response_outcome', keep(values.outcome)),
    verdicts: await vocabOptions(ds, 'verdict_outcome', keep(values.verdict)),
    profiles: await vocabOptions(ds, 'person_profile', keep(values.profile)),
    evidenceTypes: EVIDENCE_TYPES.map((code) => ({ code, label: EVIDENCE_TYPE_LABELS[code] })),
    institutions,
  };
}

export const currentQueryOf = (parsed: ParsedSearch) => searchQueryString(parsed.values);
