import type { Database } from 'better-sqlite3';
import { withholdNameTerms } from './search-access';
import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { stepCountsByCaseSql } from '../investigations/process-counts';
import { SqlCondition, prepared, rawDb } from './sqlite';
import { ROWID_CASE, ROWID_KIND, KIND_BY_CODE, SearchKind, CASE_SHIFT } from './search-kinds';
import { visibleCases } from './search-access';
import { PLAN_LIMITS, SearchRequest, listCaseConditions, searchConditions } from './search.service';
import { estimateMatches } from './match-estimate';
import { recordsExpression } from './match-estimate';
import { countsPrivilegedEvidence } from './evidence-visibility';
import { caseRegionsSql } from '../cases/case-regions';

/**
 * Counts for the filters: how many of the matching cases have each value. "Matching cases" are
 * the cases of the list (no words), or the cases holding at least one visible hit (words), so
 * restricted cases and withheld hits never count. One statement computes every facet over the
 * case set, materialised once.
 */
export interface FacetCounts {
  cases: number;
  values: Map<string, Map<string, number>>;
  /** Hits per kind (words only). */
  kinds: Map<SearchKind, number>;
}

export const REFUSAL_STEPS = [1, 2, 3, 5] as const;
export const TOP_INSTITUTIONS = 10;

/**
 * Above this many matching cases, counts are not computed (they would take seconds at 100,000
 * cases); the page says so and the filters still work.
 */
export const FACET_CASES_LIMIT = 3_000;

/**
 * Every branch is driven by the case set through the case_id indexes (`+col` keeps SQLite from
 * using an index on a flag or a code instead). Privileged evidence counts only for users who
 * may know it exists (the same rule as the evidence-type filter, case-filter.ts).
 */
function facetSql(caseSet: string, privilegedEvidence: boolean): string {
  const inSet = (col: string) => `${col} IN (SELECT id FROM fc)`;
  const readableEvidence = privilegedEvidence ? '' : ` AND +ev.confidentiality <> 'privileged'`;
  return `WITH fc(id) AS MATERIALIZED (${caseSet})
    SELECT 'cases' AS f, '' AS v, count(*) AS n FROM fc
    UNION ALL SELECT 'region', cr.region, count(*) FROM (${caseRegionsSql(inSet)}) cr GROUP BY cr.region
    UNION ALL SELECT 'status', c.status, count(*) FROM case_record c WHERE ${inSet('c.id')} GROUP BY c.status
    UNION ALL SELECT 'method', am.code, count(DISTINCT al.case_id) FROM allegation al JOIN allegation_method am ON am.allegation_id = al.id WHERE ${inSet('al.case_id')} GROUP BY am.code
    UNION ALL SELECT 'event_type', e.type, count(DISTINCT e.case_id) FROM case_event e WHERE ${inSet('e.case_id')} GROUP BY e.type
    UNION ALL SELECT 'outcome', cr.outcome, count(DISTINCT co.case_id) FROM complaint co JOIN complaint_response cr ON cr.complaint_id = co.id WHERE ${inSet('co.case_id')} GROUP BY cr.outcome
    UNION ALL SELECT 'verdict', sv.outcome, count(DISTINCT pr.case_id) FROM proceeding pr JOIN proceeding_stage ps ON ps.proceeding_id = pr.id JOIN stage_verdict sv ON sv.stage_id = ps.id WHERE ${inSet('pr.case_id')} AND sv.outcome IS NOT NULL GROUP BY sv.outcome
    UNION ALL SELECT 'profile', pp.code, count(DISTINCT cp.case_id) FROM case_participant cp JOIN person_profile pp ON pp.person_id = cp.person_id JOIN person pr ON pr.id = cp.person_id WHERE +cp.role = 'victim' AND +pr.protected_identity = 0 AND ${inSet('cp.case_id')} GROUP BY pp.code
    UNION ALL SELECT 'retracted', '1', count(DISTINCT sr.case_id) FROM statement_retraction sr WHERE +sr.kind = 'retraction' AND ${inSet('sr.case_id')}
    UNION ALL SELECT 'relied', '1', count(DISTINCT s.case_id) FROM statement s WHERE +s.court_status = 'relied_on' AND ${inSet('s.case_id')}
    UNION ALL SELECT 'evidence_type', ev.type, count(DISTINCT ev.case_id) FROM evidence_item ev WHERE ${inSet('ev.case_id')}${readableEvidence} GROUP BY ev.type
    UNION ALL SELECT 'refusals', CAST(min(n, 5) AS TEXT), count(*) FROM (${stepCountsByCaseSql('refusal', inSet)}) GROUP BY min(n, 5)
    UNION ALL SELECT * FROM (SELECT 'institution', CAST(ei.institution_id AS TEXT), count(DISTINCT e.case_id) AS n FROM event_institution ei JOIN case_event e ON e.id = ei.event_id WHERE ${inSet('e.case_id')} GROUP BY ei.institution_id ORDER BY n DESC LIMIT ${TOP_INSTITUTIONS})`;
}

function collect(rows: { f: string; v: string | null; n: number }[]): { cases: number; values: Map<string, Map<string, number>> } {
  const values = new Map<string, Map<string, number>>();
  let cases = 0;
  for (const r of rows) {
    if (r.f === 'cases') cases = r.n;
    else if (r.v !== null) {
      if (!values.has(r.f)) values.set(r.f, new Map());
      values.get(r.f)!.set(r.v, r.n);
    }
  }
  // "refused at least N times": cumulative counts from the per-case distribution (5 = five or more).
  const dist = values.get('refusals') ?? new Map<string, number>();
  const atLeast = new Map<string, number>();
  for (const step of REFUSAL_STEPS) {
    let n = 0;
    for (const [k, count] of dist) if (Number(k) >= step) n += count;
    atLeast.set(String(step), n);
  }
  values.set('refusals', atLeast);
  return { cases, values };
}

/** Facets of the filtered case list (no words). */
export function listFacets(ds: DataSource, user: CurrentUser, req: SearchRequest): FacetCounts {
  const db = rawDb(ds);
  const cond = listCaseConditions(user, req.filter, req.caseIds);
  const rows = prepared(db, facetSql(`SELECT c.id FROM case_record c WHERE ${cond.where}`, countsPrivilegedEvidence(user))).all(...cond.params) as { f: string; v: string | null; n: number }[];
  return { ...collect(rows), kinds: new Map() };
}

/**
 * Facets of a text search; the caller only asks when the search was ranked in full (a bounded
 * number of hits). Null when the hits span more than FACET_CASES_LIMIT cases.
 */
export function textFacets(ds: DataSource, user: CurrentUser, req: SearchRequest): FacetCounts | null {
  const db = rawDb(ds);
  req = { ...req, terms: withholdNameTerms(db, user, req.terms) }; // as textSearch ran it
  const expr = recordsExpression(db, req.terms);
  if (!expr) return { cases: 0, values: new Map(), kinds: new Map() };
  const manyRows = estimateMatches(db, req.terms) > PLAN_LIMITS.rankAll;
  const { cond } = searchConditions(db, user, req, { manyRows });
  // The cases are checked against case_record too (the index's restricted flags are kept by
  // triggers: should they be out of step, a hidden case still adds nothing to the counts).
  const visible = visibleCases(user, 'c');
  const caseSet = `SELECT c.id FROM case_record c WHERE c.id IN (SELECT ${ROWID_CASE} FROM search_index WHERE search_index MATCH ? AND rowid >= ${CASE_SHIFT} AND ${cond.where}) AND ${visible.where}`;
  const params = [expr, ...cond.params, ...visible.params];
  const { n } = prepared(db, `SELECT count(*) AS n FROM (${caseSet})`).get(...params) as { n: number };
  if (n > FACET_CASES_LIMIT) return null;
  const rows = prepared(db, facetSql(caseSet, countsPrivilegedEvidence(user))).all(...params) as { f: string; v: string | null; n: number }[];
  // Per kind, the other choices of kind stay visible with their counts.
  const anyKind = req.kind ? searchConditions(db, user, { ...req, kind: undefined }, { manyRows }).cond : cond;
  return { ...collect(rows), kinds: kindCounts(db, expr, anyKind) };
}

function kindCounts(db: Database, expr: string, cond: SqlCondition): Map<SearchKind, number> {
  const rows = prepared(db, `SELECT ${ROWID_KIND} AS k, count(*) AS n FROM search_index WHERE search_index MATCH ? AND ${cond.where} GROUP BY k`).all(expr, ...cond.params) as { k: number; n: number }[];
  const out = new Map<SearchKind, number>();
  for (const r of rows) {
    const kind = KIND_BY_CODE.get(r.k);
    if (kind) out.set(kind, (out.get(kind) ?? 0) + r.n);
  }
  return out;
}
