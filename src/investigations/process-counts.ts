import { DataSource, EntityManager } from 'typeorm';

/**
 * THE definition of "refused to investigate" and "investigation opened", for the case header,
 * reports, the `refusals` filter and facet, exports and the dossier.
 *
 * A step is counted from two kinds of records:
 * - an investigation decision of that kind (refused to open a criminal case; criminal case opened);
 * - a complaint's response with an outcome of that meaning that does NOT point to a decision.
 * A response that reports a decision (complaint_response.decision_id) is that decision: it is
 * never counted on its own, so one refusal is never counted twice. A response linked to a
 * decision of another kind counts as that decision's kind, not its own outcome.
 *
 * Events typed investigation_refused / investigation_opened are narrative only and count nothing
 * (the case page offers to record them as decisions).
 */
export type ProcessStep = 'refusal' | 'opened';

export const DECISION_KINDS: Record<ProcessStep, readonly string[]> = {
  refusal: ['refused_to_open'],
  opened: ['case_opened'],
};

/** Response outcomes with the same meaning, counted when the response reports no decision. */
export const RESPONSE_OUTCOMES: Record<ProcessStep, readonly string[]> = {
  // An appeal against a refusal that is rejected is the authorities refusing again.
  refusal: ['refused_to_open', 'complaint_rejected'],
  opened: ['opened'],
};

/** The next decision people usually enter after one of a kind (the Russian cycle). */
export const NEXT_DECISION: Record<string, string> = {
  check_started: 'refused_to_open',
  refused_to_open: 'refusal_annulled_supervisor',
  refusal_annulled_supervisor: 'check_started',
  refusal_annulled_court: 'check_started',
  case_opened: 'suspended',
  suspended: 'reopened',
  reopened: 'closed',
  closed: 'reopened',
  transferred: 'check_started',
};

const quoted = (codes: readonly string[]) => codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');

export const isRefusalDecision = (kind: string) => DECISION_KINDS.refusal.includes(kind);
export const isRefusalResponse = (outcome: string, decisionId: number | null) => decisionId === null && RESPONSE_OUTCOMES.refusal.includes(outcome);
export const isOpenedResponse = (outcome: string, decisionId: number | null) => decisionId === null && RESPONSE_OUTCOMES.opened.includes(outcome);

/**
 * Every counted step as rows (case_id, origin, record_id, date_precision, date_start, date_end,
 * institution_id), optionally only for the cases `caseWhere` admits (a condition on `case_id`
 * of each branch, written with the placeholder alias `X`, e.g. `X.case_id IN (...)`).
 * `+column` keeps SQLite on the case_id indexes (see the search filter's benchmarks).
 */
export function processStepsSql(step: ProcessStep, caseWhere?: (caseIdExpr: string) => string): string {
  const onDecisions = caseWhere ? ` AND ${caseWhere('i.case_id')}` : '';
  const onResponses = caseWhere ? ` AND ${caseWhere('co.case_id')}` : '';
  return `SELECT i.case_id AS case_id, 'decision' AS origin, d.id AS record_id, d.date_precision AS date_precision, d.date_start AS date_start, d.date_end AS date_end, coalesce(d.institution_id, i.institution_id) AS institution_id
      FROM investigation i JOIN investigation_decision d ON d.investigation_id = i.id
     WHERE +d.kind IN (${quoted(DECISION_KINDS[step])})${onDecisions}
    UNION ALL
    SELECT co.case_id, 'response', cr.id, cr.date_precision, cr.date_start, cr.date_end, coalesce(cr.responding_institution_id, co.to_institution_id)
      FROM complaint co JOIN complaint_response cr ON cr.complaint_id = co.id
     WHERE +cr.outcome IN (${quoted(RESPONSE_OUTCOMES[step])}) AND +cr.decision_id IS NULL${onResponses}`;
}

/** The number of counted steps of one case, as a scalar expression on a case id column. */
export function stepCountSql(step: ProcessStep, caseIdExpr: string): string {
  return `((SELECT count(*) FROM investigation i JOIN investigation_decision d ON d.investigation_id = i.id WHERE i.case_id = ${caseIdExpr} AND +d.kind IN (${quoted(DECISION_KINDS[step])}))
    + (SELECT count(*) FROM complaint co JOIN complaint_response cr ON cr.complaint_id = co.id WHERE co.case_id = ${caseIdExpr} AND +cr.outcome IN (${quoted(RESPONSE_OUTCOMES[step])}) AND +cr.decision_id IS NULL))`;
}

/** `case_id, n` for every case with at least one counted step (`caseWhere` as in processStepsSql). */
export function stepCountsByCaseSql(step: ProcessStep, caseWhere?: (caseIdExpr: string) => string): string {
  return `SELECT case_id, count(*) AS n FROM (${processStepsSql(step, caseWhere)}) GROUP BY case_id`;
}

/**
 * Per case: the count and the latest step's own date (latest start, then latest end), as
 * `case_id, n, last_precision, last_start, last_end`. SQLite takes the bare columns from the row
 * holding the max().
 */
export function stepSummaryByCaseSql(step: ProcessStep, caseWhere?: (caseIdExpr: string) => string): string {
  return `SELECT case_id, count(*) AS n, max(coalesce(date_start, '') || coalesce(date_end, '')) AS last_key,
                 date_precision AS last_precision, date_start AS last_start, date_end AS last_end
            FROM (${processStepsSql(step, caseWhere)}) GROUP BY case_id`;
}

export interface StoredDate {
  precision: string | null;
  start: string | null;
  end: string | null;
}

/** What the case header and the dossier say about the official process (the view phrases it). */
export interface ProcessCounts {
  refusals: number;
  /** The latest refusal's own date, at its precision ("Apr 2006"); null when none is dated. */
  lastRefusalDate: StoredDate | null;
  opened: number;
  lastOpenedDate: StoredDate | null;
  complaints: number;
  investigations: number;
}

type Db = DataSource | EntityManager;

interface CountedRow {
  date: StoredDate;
}

/** The latest of dated rows (latest start, then latest end); undated rows never win. */
export function latestDate(rows: CountedRow[]): StoredDate | null {
  let best: StoredDate | null = null;
  for (const { date } of rows) {
    if (!date.start) continue;
    if (!best || date.start > best.start! || (date.start === best.start && (date.end ?? '') > (best.end ?? ''))) best = date;
  }
  return best;
}

/**
 * The same definition in JS, over records already loaded: decisions (kind, date) and responses
 * (outcome, decisionId, date).
 */
export function countProcess(decisions: { kind: string; date: StoredDate }[], responses: { outcome: string; decisionId: number | null; date: StoredDate }[]) {
  const refusals = [...decisions.filter((d) => isRefusalDecision(d.kind)), ...responses.filter((r) => isRefusalResponse(r.outcome, r.decisionId))];
  const opened = [...decisions.filter((d) => DECISION_KINDS.opened.includes(d.kind)), ...responses.filter((r) => isOpenedResponse(r.outcome, r.decisionId))];
  return { refusals: refusals.length, lastRefusalDate: latestDate(refusals), opened: opened.length, lastOpenedDate: latestDate(opened) };
}

/** The process counts of one case, read from the database with the SQL above. */
export async function caseProcessCounts(db: Db, caseId: number): Promise<ProcessCounts> {
  const one = (step: ProcessStep) => db.query(`${processStepsSql(step, (c) => `${c} = ?`)}`, [caseId, caseId]) as Promise<{ date_precision: string | null; date_start: string | null; date_end: string | null }[]>;
  const [refusals, opened, totals] = await Promise.all([
    one('refusal'),
    one('opened'),
    db.query('SELECT (SELECT count(*) FROM complaint WHERE case_id = ?) AS complaints, (SELECT count(*) FROM investigation WHERE case_id = ?) AS investigations', [caseId, caseId]) as Promise<{ complaints: number; investigations: number }[]>,
  ]);
  const dated = (rows: { date_precision: string | null; date_start: string | null; date_end: string | null }[]) => rows.map((r) => ({ date: { precision: r.date_precision, start: r.date_start, end: r.date_end } }));
  return {
    refusals: refusals.length,
    lastRefusalDate: latestDate(dated(refusals)),
    opened: opened.length,
    lastOpenedDate: latestDate(dated(opened)),
    complaints: Number(totals[0]?.complaints ?? 0),
    investigations: Number(totals[0]?.investigations ?? 0),
  };
}
