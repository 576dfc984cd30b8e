import { z } from 'zod';
import { parsePartialDate } from '../db/partial-date';
import { fieldErrorsOf } from '../http/validate';
import { CaseFilter } from './case-filter';
import { EVIDENCE_TYPES } from '../media/allow-lists';
import { SEARCH_KINDS, SearchKind } from './search-kinds';
import { SearchTerm, parseSearchText } from './search-text';

/**
 * The query string of /search and /api/v1/search: every search is a bookmarkable URL, and a
 * saved query is that URL's query string. Parameter names are short and stable:
 * q, kind, region, status, institution, method, event_type, from, to, outcome, refusals,
 * retracted, relied, profile, evidence_type, page.
 */
export const FILTER_PARAMS = ['region', 'status', 'institution', 'method', 'event_type', 'from', 'to', 'outcome', 'refusals', 'retracted', 'relied', 'profile', 'evidence_type', 'verdict'] as const;
export const QUERY_PARAMS = ['q', 'kind', ...FILTER_PARAMS] as const;
export type QueryParam = (typeof QUERY_PARAMS)[number];

/** Kinds a user can restrict a search to. */
export const SEARCHABLE_KINDS = [...SEARCH_KINDS];

/** Repeated parameters (?q=a&q=b) count as their first value. */
const one = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')));
const code = (label: string) => one.refine((s) => s === '' || (s.length <= 60 && /^[a-z][a-z0-9_]*$/.test(s)), `Choose ${label} from the list.`);
const flag = one.transform((s) => s === '1' || s === 'on' || s === 'true');
const period = (label: string) => one.refine((s) => s === '' || /^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$/.test(s), `Write ${label} as YYYY, YYYY-MM or YYYY-MM-DD.`);

const rawSchema = z.object({
  q: one,
  kind: one.refine((s) => s === '' || (SEARCHABLE_KINDS as readonly string[]).includes(s), 'Choose a kind of record from the list.'),
  region: code('a region'),
  status: code('a status'),
  institution: one.refine((s) => s === '' || /^[1-9][0-9]{0,9}$/.test(s), 'Choose an institution from the list.'),
  method: code('a method'),
  event_type: code('an event type'),
  from: period('the start'),
  to: period('the end'),
  outcome: code('an outcome'),
  /** issue 11: a verdict outcome given to any defendant at any stage */
  verdict: code('a verdict outcome'),
  refusals: one.refine((s) => s === '' || (/^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= 100), 'Enter a number of refusals from 1 to 100.'),
  retracted: flag,
  relied: flag,
  profile: code('a profile'),
  // A fixed list of the evidence tables (not a vocabulary): checked here, against that list.
  evidence_type: one.refine((s) => s === '' || (EVIDENCE_TYPES as readonly string[]).includes(s), 'Choose an evidence type from the list.'),
  page: z.unknown().optional().transform((v) => {
    const n = Number(Array.isArray(v) ? v[0] : v);
    return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
  }),
});
export type SearchQueryValues = z.infer<typeof rawSchema>;

export interface ParsedSearch {
  /** The values as typed, for refilling the form (never trusted beyond that). */
  values: SearchQueryValues;
  terms: SearchTerm[];
  kind?: SearchKind;
  filter: CaseFilter;
  page: number;
  /** Field errors (key = parameter): the form shows them, the API answers 422. */
  errors: Record<string, string>;
}

function periodBound(text: string, end: boolean): string | null {
  const value = text.trim();
  const precision = value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
  const parsed = parsePartialDate({ precision, value });
  if (!parsed.ok) return null;
  return end ? parsed.date.end : parsed.date.start;
}

/** Reads a query string object (req.query); never throws. */
export function parseSearchQuery(query: unknown): ParsedSearch {
  const result = rawSchema.safeParse(query ?? {});
  const errors: Record<string, string> = result.success ? {} : fieldErrorsOf(result.error);
  const values: SearchQueryValues = result.success
    ? result.data
    : (Object.fromEntries(Object.keys(rawSchema.shape).map((k) => [k, k === 'page' ? 1 : k === 'retracted' || k === 'relied' ? false : ''])) as SearchQueryValues);
  if (!result.success) {
    // Keep whatever was valid, so the form still shows the user's other choices.
    for (const [k, schema] of Object.entries(rawSchema.shape)) {
      const one = (schema as z.ZodType).safeParse((query as Record<string, unknown> | undefined)?.[k]);
      if (one.success) (values as Record<string, unknown>)[k] = one.data;
    }
  }
  const text = parseSearchText(values.q);
  if (!text.ok) errors.q = text.message;
  const from = values.from && !errors.from ? periodBound(values.from, false) : null;
  const to = values.to && !errors.to ? periodBound(values.to, true) : null;
  if (values.from && !errors.from && !from) errors.from = 'The start is not a date in the calendar (years 1900 to 2100).';
  if (values.to && !errors.to && !to) errors.to = 'The end is not a date in the calendar (years 1900 to 2100).';
  if (from && to && to < from) errors.to = 'The end of the period is before its start.';
  const filter: CaseFilter = {
    region: (!errors.region && values.region) || undefined,
    status: (!errors.status && values.status) || undefined,
    institutionId: !errors.institution && values.institution ? Number(values.institution) : undefined,
    method: (!errors.method && values.method) || undefined,
    eventType: (!errors.event_type && values.event_type) || undefined,
    from: from ?? undefined,
    to: to ?? undefined,
    outcome: (!errors.outcome && values.outcome) || undefined,
    verdict: (!errors.verdict && values.verdict) || undefined,
    refusedAtLeast: !errors.refusals && values.refusals ? Number(values.refusals) : undefined,
    retracted: values.retracted || undefined,
    reliedOn: values.relied || undefined,
    profile: (!errors.profile && values.profile) || undefined,
    evidenceType: (!errors.evidence_type && values.evidence_type) || undefined,
  };
  return {
    values,
    terms: text.ok ? text.terms : [],
    kind: !errors.kind && values.kind ? (values.kind as SearchKind) : undefined,
    filter,
    page: values.page,
    errors,
  };
}

/** The canonical query string of a search (fixed order, empty values left out, no page). */
export function searchQueryString(values: Partial<SearchQueryValues>, overrides: Partial<Record<QueryParam | 'page', string | number | boolean | null>> = {}): string {
  const q = new URLSearchParams();
  for (const key of [...QUERY_PARAMS, 'page'] as const) {
    const raw = key in overrides ? overrides[key] : key === 'page' ? null : (values as Record<string, unknown>)[key];
    if (raw === null || raw === undefined || raw === '' || raw === false) continue;
    if (key === 'page' && raw === 1) continue;
    q.set(key, raw === true ? '1' : String(raw));
  }
  return q.toString();
}
