import type { Database } from 'better-sqlite3';
import { Redactor, redactorFor } from '../people/redaction';
import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { CaseFilter, caseFilterSql, hasCaseFilter } from './case-filter';
import { SearchTerm, matchExpression } from './search-text';
import { SearchKind, KIND_CODE, PROTECTED_PERSON_CODE, ROWID_CASE, ROWID_KIND, CASE_SHIFT, codesOf, decodeRowid, protectedPersonRange, rowidBetween, standaloneRange } from './search-kinds';
import { CASE_JOIN, indexVisibility, reportStaleRows, visibleCases, withholdNameTerms } from './search-access';
import type { CaseRef } from './search.presenter';
import { CONTENT_COLUMNS, INDEX_CONTENT_TABLE, currentRowSql } from './search-schema';
import { SqlCondition, allOf, prepared, preparedRaw, rawDb } from './sqlite';
import { estimateMatches, recordsExpression } from './match-estimate';
import { countsPrivilegedEvidence } from './evidence-visibility';
import { Markers, newMarkers } from './snippets';
import { columnPhrases, highlightText, snippetText } from './highlight';
import { namesSnippet } from './name-snippets';

export const PAGE_SIZE = 20;
/** Snippet lengths in tokens (as FTS5's snippet() was given). */
const BODY_SNIPPET_TOKENS = 28;
const NAMES_SNIPPET_TOKENS = 16;
/** Up to this many (estimated) matches, every match is ranked with bm25. */
export const RANK_ALL_LIMIT = 20_000;
/** Above it, the newest this-many visible matches inside cases are ranked (see plan below)... */
export const CANDIDATES = 10_000;
/** ... together with up to this many records that stand alone (institutions, sources, people). */
export const STANDALONE_CANDIDATES = 2_000;
/**
 * Relevance: bm25 with column weights (a match in a title counts 8 times one in the text, a
 * name 4 times, a match key in the text once), and records people look for by name come first
 * among equals: people count double, cases half as much again (bm25 is negative: lower is
 * better). Another form of a word (word-forms.ts) counts less than the word as written anywhere:
 * 0.5 in a title, 0.25 in the text (the word as written also has its normal forms: 8.5 in a
 * title, 1.25 in the text), so a record holding the very word ranks above one holding another
 * form, and among other forms a title still counts double.
 * An institution's text is little more than its type, region and town ("Pre-trial detention
 * centre (SIZO) Moscow"), so short that bm25 would rank it above any case whose text tells of a
 * detention: an institution found by its name or an alias ranks as a record of its own (x1), one
 * found only by that text ranks far below (x0.15), so that people and cases are not buried under
 * dozens of institutions of one type. (Whether the name matched: bm25 with only the title, names
 * and title-forms columns weighted is 0 when none of them holds a word; computed for institution
 * rows alone.)
 */
export const BM25 = 'bm25(search_index, 8.0, 1.0, 4.0, 1.0, 0.5, 0.25)';
const NAMED_BY_WORDS = 'bm25(search_index, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0) < 0';
export const RANK = `${BM25} * (CASE ${ROWID_KIND} WHEN ${KIND_CODE.person} THEN 2.0 WHEN ${PROTECTED_PERSON_CODE} THEN 2.0 WHEN ${KIND_CODE.case} THEN 1.5 WHEN ${KIND_CODE.institution} THEN (CASE WHEN ${NAMED_BY_WORDS} THEN 1.0 ELSE 0.15 END) ELSE 1.0 END)`;

export interface SearchRequest {
  terms: SearchTerm[];
  kind?: SearchKind;
  filter: CaseFilter;
  page: number;
  /** The visible cases the filters leave, once resolved (for words that match many rows). */
  caseIds?: number[];
}

export interface IndexHit {
  kind: SearchKind;
  caseId: number | null;
  /** The case's code and title, read with the hit's text (none for records that stand alone). */
  caseRef?: CaseRef;
  recordId: number;
  score: number;
  /** title/body/names with match markers (see snippets.ts). */
  title: string;
  body: string;
  names: string;
}

export interface TextSearchResult {
  hits: IndexHit[];
  markers: Markers;
  total: number;
  /** False when only a lower bound is known (the "newest candidates" plan). */
  totalExact: boolean;
  plan: 'ranked' | 'newest';
  /** The request as run (with the filtered cases resolved, if they were): facets reuse it. */
  request: SearchRequest;
}

/**
 * The WHERE of a text search, without the MATCH: what the user may see, the case filters, the
 * kind. Shared by the ranking, the counts and the facets, so they can never disagree.
 */
export function searchConditions(
  db: Database,
  user: CurrentUser,
  req: SearchRequest,
  opts: { manyRows?: boolean } = {},
): { cond: SqlCondition } {
  const conds = indexVisibility(user);
  if (req.caseIds) {
    conds.push({ where: `${ROWID_CASE} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(req.caseIds)] });
  } else if (hasCaseFilter(req.filter)) {
    if (opts.manyRows) {
      // Thousands of rows walked: the matching cases are listed once.
      const f = caseFilterSql(req.filter, 'c', undefined, { privilegedEvidence: countsPrivilegedEvidence(user) });
      conds.push({ where: `${ROWID_CASE} IN (SELECT c.id FROM case_record c WHERE ${f.where})`, params: f.params });
    } else {
      // A bounded number of hits: each hit's case is probed.
      const f = caseFilterSql(req.filter, 'c', 'probe', { privilegedEvidence: countsPrivilegedEvidence(user) });
      conds.push({ where: `EXISTS (SELECT 1 FROM case_record c WHERE c.id = ${ROWID_CASE} AND ${f.where})`, params: f.params });
    }
  }
  if (req.kind) {
    if (req.kind === 'person') {
      const [lo, hi] = standaloneRange('person');
      const [plo, phi] = protectedPersonRange();
      conds.push({ where: `(${rowidBetween(lo, hi)} OR ${rowidBetween(plo, phi)})`, params: [] });
    } else if (['institution', 'source'].includes(req.kind)) {
      const [lo, hi] = standaloneRange(req.kind);
      conds.push({ where: rowidBetween(lo, hi), params: [] });
    } else if (req.kind === 'evidence') {
      const codes = codesOf('evidence'); // one code per confidentiality level (search-kinds.ts)
      conds.push({ where: `${ROWID_KIND} IN (${codes.map(() => '?').join(', ')})`, params: codes });
    } else {
      conds.push({ where: `${ROWID_KIND} = ?`, params: [KIND_CODE[req.kind]] });
    }
  }
  return { cond: allOf(conds) };
}

/** The plan's thresholds (tests pass small ones to exercise the plan for common words). */
export interface PlanLimits {
  rankAll: number;
  candidates: number;
  standalone: number;
}
export const PLAN_LIMITS: PlanLimits = { rankAll: RANK_ALL_LIMIT, candidates: CANDIDATES, standalone: STANDALONE_CANDIDATES };

/**
 * Ranked full-text search. The plan:
 * - When the words are rare enough (estimated from the index's own term statistics, at most
 *   RANK_ALL_LIMIT matching rows), every visible match is ranked by bm25 with column weights
 *   (title 8, names 4, body 1) and counted exactly.
 * - When a word is common (e.g. "officers" in a fifth of all records), ranking every match
 *   costs hundreds of milliseconds at 100,000 cases. Instead, the newest CANDIDATES visible
 *   matches inside cases are found by walking the index in rowid order (rowids put newer cases
 *   first; walking costs microseconds per row, bm25 does not run), and only those — plus a
 *   bounded set of institutions, sources and people — are ranked by the same bm25. The first
 *   page is the best-scoring records among the most recent 10,000 matches (titles and names
 *   still come first), and the page says so, suggesting more words or filters. The total is
 *   then "more than 10,000", a lower bound that is itself permission-aware. If fewer visible
 *   matches exist than the candidate limit, the ranked plan runs instead. Among those candidates
 *   a word's forms rank alike (the same records, through fewer strings: search-text.ts).
 */
export function textSearch(ds: DataSource, user: CurrentUser, req: SearchRequest, limits: PlanLimits = PLAN_LIMITS): TextSearchResult {
  const db = rawDb(ds);
  const markers = newMarkers();
  const redactor = redactorFor(db, user); // one per search: the words, then the hits' texts
  req = { ...req, terms: withholdNameTerms(db, user, req.terms, redactor) };
  const expr = matchExpression(req.terms);
  const empty: TextSearchResult = { hits: [], markers, total: 0, totalExact: true, plan: 'ranked', request: req };
  if (!expr) return empty;
  const common = estimateMatches(db, req.terms) > limits.rankAll;
  if ((common || resolveOnce(req.filter)) && hasCaseFilter(req.filter) && !req.caseIds) {
    // Many rows to walk, or a costly filter: find the filtered cases once, then check each row against that list.
    req = { ...req, caseIds: filteredCaseIds(db, user, req.filter) };
    if (req.caseIds!.length === 0) return { ...empty, request: req };
  }
  const { cond } = searchConditions(db, user, req, { manyRows: common });
  const offset = (req.page - 1) * PAGE_SIZE;

  if (common) {
    // The same records through fewer strings, each read once by bm25 (search-text.ts).
    const newest = newestCandidates(db, recordsExpression(db, req.terms)!, cond, offset, limits);
    if (newest) return { hits: withText(db, redactor, req.terms, newest, markers), markers, total: limits.candidates, totalExact: false, plan: 'newest', request: req };
  }

  // Words alone (no kind, no filter): nearly every match is visible, so the best ones are found
  // without the per-row checks and only they are checked; otherwise every match is checked.
  const quick = !req.kind && !req.caseIds && !hasCaseFilter(req.filter) ? bestVisibleFirst(db, expr, cond, offset) : null;
  const rows =
    quick?.rows ??
    (prepared(db, `SELECT search_index.rowid AS id, ${RANK} AS score FROM search_index WHERE search_index MATCH ? AND ${cond.where} ORDER BY score, id DESC LIMIT ? OFFSET ?`).all(
      expr,
      ...cond.params,
      PAGE_SIZE,
      offset,
    ) as { id: number; score: number }[]);
  // A short last page tells the total; otherwise one counting pass (no bm25, no sorting: a
  // window count over the ranked rows cost half as much as the ranking itself).
  const lastPage = rows.length < PAGE_SIZE && (rows.length > 0 || offset === 0);
  const hits = withText(db, redactor, req.terms, rows, markers, quick?.texts);
  // (Counted after the page's rows were checked: a stale row left out is not counted either.)
  const total = quick?.total ?? (lastPage ? offset + hits.length : countMatches(db, recordsExpression(db, req.terms)!, cond));
  return { hits, markers, total, totalExact: true, plan: 'ranked', request: req };
}

/**
 * The page of the ranked plan when (nearly) every match is visible: the best matches by the same
 * bm25 and order, with no per-row conditions (as cheap as the bare ranking), a margin more than
 * the page needs; then the user's conditions (`cond`, all of them) on those rows only. The
 * result is exactly the full query's whenever at least offset + PAGE_SIZE of them pass: any
 * visible match left out ranks below every row read. Otherwise null (the full query runs).
 * When fewer rows than the margin match at all, every match was read: the total is exact too.
 */
function bestVisibleFirst(db: Database, expr: string, cond: SqlCondition, offset: number): { rows: RankedRow[]; total?: number; texts: Map<number, RowText> } | null {
  // Half a page more than needed: restricted cases are a few per cent of most collections.
  // (The tie-break costs a tenth of the ranking, but sorting on the score alone and ordering
  // ties here would be exact only when no tie straddles the cut, and ties are common: records
  // written from the same template score alike.)
  const margin = offset + PAGE_SIZE + PAGE_SIZE / 2;
  const best = (preparedRaw(db, `SELECT rowid AS id, ${RANK} AS score FROM search_index WHERE search_index MATCH ? ORDER BY score, id DESC LIMIT ?`).all(expr, margin) as [number, number][]).map(
    ([id, score]): RankedRow => ({ id, score }),
  );
  return visiblePage(db, best, cond, offset, margin);
}

/**
 * The page among the best matches that pass the user's conditions, checked in one statement
 * that also reads what the page shows of them: their text, straight from the index's content
 * table by rowid (no MATCH here), and their case's code and title. Null when too few pass and
 * more matches exist than were read (the full query must run).
 */
function visiblePage(
  db: Database,
  best: RankedRow[],
  cond: SqlCondition,
  offset: number,
  margin: number,
): { rows: RankedRow[]; total?: number; texts: Map<number, RowText> } | null {
  if (best.length === 0) return { rows: [], total: 0, texts: new Map() };
  const passing = pageTexts(db, best.map((r) => r.id), cond);
  const visible = best.filter((r) => passing.has(r.id));
  const seenAll = best.length < margin;
  if (visible.length < offset + PAGE_SIZE && !seenAll) return null;
  return { rows: visible.slice(offset, offset + PAGE_SIZE), total: seenAll ? visible.length : undefined, texts: passing };
}

/**
 * The "newest candidates" plan: bm25 over the newest CANDIDATES visible matches inside cases
 * (rowids put newer cases first) and, ranked alongside, up to STANDALONE_CANDIDATES visible
 * matches among records that stand alone (institutions and sources, then people), so that a
 * common word still finds the institution named by it. Null when fewer than CANDIDATES visible
 * matches exist inside cases: then every match is ranked.
 */
function newestCandidates(db: Database, expr: string, cond: SqlCondition, offset: number, limits: PlanLimits): { id: number; score: number }[] | null {
  const cutoff = (range: string, n: number) =>
    prepared(db, `SELECT rowid AS id FROM search_index WHERE search_index MATCH ? AND ${range} AND ${cond.where} ORDER BY rowid DESC LIMIT 1 OFFSET ?`).get(expr, ...cond.params, n - 1) as
      | { id: number }
      | undefined;
  const inCases = cutoff(`rowid >= ${CASE_SHIFT}`, limits.candidates);
  if (!inCases) return null;
  const standalone = cutoff(`rowid < ${CASE_SHIFT}`, limits.standalone);
  const rank = (range: string, from: number) =>
    prepared(db, `SELECT rowid AS id, ${RANK} AS score FROM search_index WHERE search_index MATCH ? AND ${range} AND ${cond.where} ORDER BY score, rowid DESC LIMIT ?`).all(
      expr,
      from,
      ...cond.params,
      offset + PAGE_SIZE,
    ) as { id: number; score: number }[];
  // CAST: JavaScript numbers above 2^31 are bound as REAL, and FTS5 then reads the whole
  // doclist instead of seeking to the rowid range.
  return [...rank('rowid >= CAST(? AS INTEGER)', inCases.id), ...rank(`rowid < ${CASE_SHIFT} AND rowid >= CAST(? AS INTEGER)`, standalone?.id ?? 0)]
    .sort((a, b) => a.score - b.score || b.id - a.id)
    .slice(offset, offset + PAGE_SIZE);
}

export function countMatches(db: Database, expr: string, cond: SqlCondition): number {
  const [n] = preparedRaw(db, `SELECT count(*) AS n FROM search_index WHERE search_index MATCH ? AND ${cond.where}`).get(expr, ...cond.params) as [number];
  return n;
}

/**
 * Highlighted title and snippets of body and names for the page's rows only, read by rowid and
 * marked in JavaScript (highlight.ts: FTS5's own functions would need a second pass over every match).
 */
/**
 * The page's hits with their texts highlighted and cut to snippets. Protected names are withheld
 * from the texts first (people/redaction.ts: everywhere, and within each hit's case any word of
 * a linked person's names), so a snippet's edge never leaves half a name in view.
 */
function withText(db: Database, redactor: Redactor, terms: SearchTerm[], rows: RankedRow[], m: Markers, known?: Map<number, RowText>): IndexHit[] {
  if (rows.length === 0) return [];
  const byId = known ?? pageTexts(db, rows.map((r) => r.id));
  rows = rows.filter((r) => byId.has(r.id));
  const phrases = columnPhrases(terms, 'body');
  // A person's title is their name: matched as spelled, never by other forms of a word (word-forms.ts).
  const namePhrasesInTitle = columnPhrases(terms, 'title', { stems: false });
  const inCase = redactor.forEachCase([...new Set(rows.map((r) => decodeRowid(r.id).caseId).filter((id) => id > 0))]);
  return rows.map((r) => {
    const { caseId, kind, recordId } = decodeRowid(r.id);
    const raw = byId.get(r.id);
    const own = (caseId && inCase.get(caseId)) || redactor;
    const t = raw && own.active ? { ...raw, title: own.nullable(raw.title) ?? null, body: own.nullable(raw.body) ?? null, names: own.nullable(raw.names) ?? null, caseTitle: own.nullable(raw.caseTitle) } : raw;
    const body = snippetText(t?.body ?? null, phrases, m, BODY_SNIPPET_TOKENS);
    return {
      kind: kind ?? 'case',
      caseId: caseId || null,
      caseRef: caseId && t?.caseCode != null ? { id: caseId, code: t.caseCode, title: t.caseTitle ?? '' } : undefined,
      recordId,
      score: r.score,
      title: highlightText(t?.title ?? null, kind === 'person' ? namePhrasesInTitle : phrases, m),
      body,
      // Names are shown only when the text has no match (search.presenter.ts), as written (never their keys).
      names: body.includes(m.open) ? '' : namesSnippet(t?.names ?? null, terms, m, NAMES_SNIPPET_TOKENS, [t?.title ?? null]),
    };
  });
}

interface RankedRow {
  id: number;
  score: number;
}

interface RowText {
  id: number;
  title: string | null;
  body: string | null;
  names: string | null;
  /** The hit's case (null for records that stand alone). */
  caseCode?: string | null;
  caseTitle?: string | null;
}

const textsById = (rows: RowText[]) => new Map(rows.map((t) => [t.id, t]));

/**
 * The text of these index rows, straight from the index's content table by rowid (no MATCH),
 * with each hit's case code and title, for the rows that pass `cond` (when given) and are the
 * current rows of their records (the others are reported and left out).
 */
function pageTexts(db: Database, ids: number[], cond?: SqlCondition): Map<number, RowText> {
  const rows = preparedRaw(
    db,
    `SELECT search_index.rowid AS id, ${CONTENT_COLUMNS}, hit_case.code AS "caseCode", hit_case.title AS "caseTitle", ${CURRENT_ROW} AS ok
       FROM ${INDEX_CONTENT_TABLE} AS search_index ${CASE_JOIN} WHERE search_index.rowid IN (SELECT value FROM json_each(?))${cond ? ` AND ${cond.where}` : ''}`,
  ).all(JSON.stringify(ids), ...(cond?.params ?? [])) as [number, string | null, string | null, string | null, string | null, string | null, number][];
  return textsById(currentOnly(rows).map(([id, title, body, names, caseCode, caseTitle]) => ({ id, title, body, names, caseCode, caseTitle })));
}

/** 1 when a row is the current row of its record (search-schema.ts): read with every row a page shows. */
const CURRENT_ROW = currentRowSql();

/**
 * The rows that are the current rows of their records (CURRENT_ROW, their last column): a row
 * the triggers failed to move or delete (a trigger missing while a case was restricted, a record
 * moved or deleted, evidence made privileged, a person protected) is reported and never shown.
 */
function currentOnly<T extends unknown[]>(rows: T[]): T[] {
  const kept = rows.filter((r) => r[r.length - 1] === 1);
  reportStaleRows(rows.length - kept.length);
  return kept;
}

// --- filtered case list (no words) ------------------------------------------------------------

export interface CaseRow {
  id: number;
  code: string;
  title: string;
  summary: string | null;
  status: string;
  region: string | null;
  /** The regions of its events other than its own, comma-separated (cases/case-regions.ts). */
  eventRegions?: string | null;
  restricted: number;
  updatedAt: string;
}

/**
 * The case list behind the filters: visible cases matching every filter, newest case first.
 * With `caseIds` (the same cases, resolved once), the list reads them instead of re-filtering.
 */
export function listCaseConditions(user: CurrentUser, filter: CaseFilter, caseIds?: number[]): SqlCondition {
  if (caseIds) return { where: 'c.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(caseIds)] };
  return allOf([visibleCases(user, 'c'), caseFilterSql(filter, 'c', undefined, { privilegedEvidence: countsPrivilegedEvidence(user) })]);
}

/** Ids of the visible cases the filters leave. */
export function filteredCaseIds(db: Database, user: CurrentUser, filter: CaseFilter): number[] {
  const cond = listCaseConditions(user, filter);
  return (prepared(db, `SELECT c.id FROM case_record c WHERE ${cond.where}`).all(...cond.params) as { id: number }[]).map((r) => r.id);
}

/** Filters costly to evaluate (an institution with all its sub-units): resolved once per request. */
export const resolveOnce = (filter: CaseFilter) => filter.institutionId !== undefined;

export function filteredCases(ds: DataSource, user: CurrentUser, filter: CaseFilter, page: number, caseIds?: number[]): { rows: CaseRow[]; total: number } {
  const db = rawDb(ds);
  const cond = listCaseConditions(user, filter, caseIds);
  const rows = prepared(
    db,
    `SELECT c.id, c.code, c.title, c.summary, c.status, c.region, (SELECT group_concat(DISTINCT e.region) FROM case_event e WHERE e.case_id = c.id AND e.region IS NOT NULL AND e.region IS NOT c.region) AS "eventRegions", c.restricted, c.updated_at AS "updatedAt" FROM case_record c WHERE ${cond.where} ORDER BY c.id DESC LIMIT ? OFFSET ?`,
  ).all(...cond.params, PAGE_SIZE, (page - 1) * PAGE_SIZE) as CaseRow[];
  const total = caseIds ? caseIds.length : (prepared(db, `SELECT count(*) AS n FROM case_record c WHERE ${cond.where}`).get(...cond.params) as { n: number }).n;
  return { rows, total };
}
