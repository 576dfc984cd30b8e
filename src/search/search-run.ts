import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { personLabels } from '../people/identity';
import { vocabLabeler, vocabOptions } from '../vocab/vocab.service';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { hasCaseFilter } from './case-filter';
import { ParsedSearch } from './search.schema';
import { CANDIDATES, PAGE_SIZE, SearchRequest, filteredCaseIds, filteredCases, resolveOnce, textSearch } from './search.service';
import { HitView, presentCaseRow, presentHit } from './search.presenter';
import { redactorFor } from '../people/redaction';
import { prepared, rawDb } from './sqlite';

/** Which vocabulary each coded parameter uses. */
export const PARAM_VOCABULARY: Record<string, Vocabulary> = {
  region: 'region',
  status: 'case_status',
  method: 'torture_method',
  event_type: 'event_type',
  outcome: 'response_outcome',
  verdict: 'verdict_outcome',
  profile: 'person_profile',
};

/** Adds errors for codes that are no term of their list and for institutions that do not exist. */
export async function checkSearchReferences(ds: DataSource, parsed: ParsedSearch): Promise<void> {
  const values = parsed.values as unknown as Record<string, string>;
  for (const [param, vocabulary] of Object.entries(PARAM_VOCABULARY)) {
    const code = values[param];
    if (!code || parsed.errors[param]) continue;
    const known = (await vocabOptions(ds, vocabulary, [code])).some((t) => t.code === code);
    if (!known) {
      parsed.errors[param] = `“${code.slice(0, 60)}” is not a term of the ${vocabulary.replace(/_/g, ' ')} list.`;
      clearFilter(parsed, param);
    }
  }
  if (parsed.filter.institutionId && !institutionName(ds, parsed.filter.institutionId)) {
    parsed.errors.institution = 'Choose an institution from the list.';
    parsed.filter.institutionId = undefined;
  }
}

function clearFilter(parsed: ParsedSearch, param: string): void {
  const key = ({ region: 'region', status: 'status', method: 'method', event_type: 'eventType', outcome: 'outcome', verdict: 'verdict', profile: 'profile' } as const)[param as 'region'];
  if (key) parsed.filter[key] = undefined;
}

export function institutionName(ds: DataSource, id: number): string | null {
  const row = prepared(rawDb(ds), 'SELECT name FROM institution WHERE id = ?').get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

export interface SearchOutcome {
  mode: 'empty' | 'text' | 'list';
  request: SearchRequest;
  hits: HitView[];
  total: number;
  totalExact: boolean;
  plan: 'ranked' | 'newest' | 'list' | 'none';
  page: number;
  pages: number;
  pageSize: number;
}

/** Runs a parsed, checked search for a user: text hits when there are words, else the filtered case list. */
export async function runSearch(ds: DataSource, user: CurrentUser, parsed: ParsedSearch): Promise<SearchOutcome> {
  const request: SearchRequest = { terms: parsed.terms, kind: parsed.kind, filter: parsed.filter, page: parsed.page };
  const base = { request, page: parsed.page, pageSize: PAGE_SIZE };
  if (request.terms.length > 0) {
    const result = textSearch(ds, user, request);
    base.request = result.request;
    const cases = new Map(result.hits.flatMap((h) => (h.caseRef ? [[h.caseRef.id, h.caseRef] as const] : []))); // read with the hits
    const people = await personLabels(ds, user, result.hits.filter((h) => h.kind === 'person').map((h) => h.recordId));
    const hits = result.hits.map((h) => presentHit(h, { markers: result.markers, cases, people })).filter((h): h is HitView => h !== null);
    const reachable = result.totalExact ? result.total : CANDIDATES;
    return { ...base, mode: 'text', hits, total: result.total, totalExact: result.totalExact, plan: result.plan, pages: Math.max(1, Math.ceil(reachable / PAGE_SIZE)) };
  }
  if (hasCaseFilter(request.filter)) {
    if (resolveOnce(request.filter)) base.request = { ...request, caseIds: filteredCaseIds(rawDb(ds), user, request.filter) };
    const { rows, total } = filteredCases(ds, user, request.filter, request.page, base.request.caseIds);
    const label = await vocabLabeler(ds);
    const victims = victimIds(ds, rows.map((r) => r.id));
    const names = await personLabels(ds, user, [...victims.values()].flat());
    // Titles and summaries with protected names withheld before the summary is cut to an excerpt.
    const redactor = redactorFor(ds, user);
    const inCase = redactor.forEachCase(rows.map((r) => r.id));
    const hits = rows.map((r) => presentCaseRow(r, label, (victims.get(r.id) ?? []).map((id) => names.get(id)!).filter(Boolean), (text) => (inCase.get(r.id) ?? redactor).text(text)));
    return { ...base, mode: 'list', hits, total, totalExact: true, plan: 'list', pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
  }
  return { ...base, mode: 'empty', hits: [], total: 0, totalExact: true, plan: 'none', pages: 1 };
}

function victimIds(ds: DataSource, caseIds: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (caseIds.length === 0) return out;
  const rows = prepared(rawDb(ds), `SELECT case_id AS "caseId", person_id AS "personId" FROM case_participant WHERE case_id IN (SELECT value FROM json_each(?)) AND +role = 'victim' ORDER BY id`).all(
    JSON.stringify(caseIds),
  ) as { caseId: number; personId: number }[];
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.personId]);
  return out;
}
