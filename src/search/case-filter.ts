import { REFUSAL_OUTCOMES } from '../reports/outcomes';
import { stepCountSql, stepCountsByCaseSql } from '../investigations/process-counts';
import { RETRACTED_CASE_IDS_SQL } from '../statements/statement-retraction.service';
import { CASES_IN_REGION_SQL } from '../cases/case-regions';

/**
 * The case filters of search, as SQL over `case_record` with positional parameters, so that
 * reports and exports can select exactly the same cases: `caseFilterSql(filter, 'c')` gives a
 * condition on alias `c`; combine it with the visibility rule (visibleCasesCondition) yourself.
 *
 * Semantics, decided once here:
 * - Every filter narrows (AND). A case matches a filter when any of its records does.
 * - Institution: any record of the case linked to the institution or to any of its sub-units,
 *   at any depth (events, allegations and perpetrators, statements, complaints and their
 *   responses, proceedings and their stages).
 * - Dates are the case's events. An event overlaps the range when it could have happened in it:
 *   its [earliest, latest] span (see db/partial-date.ts) intersects [from, to]. So an event known
 *   only as "2005" matches March 2005, and "c. 2005" matches 2004. From and to may be YYYY,
 *   YYYY-MM or YYYY-MM-DD; "from" starts at the beginning of its period, "to" ends at its end.
 *   With an event type too, one event must be of that type and in that range.
 * - Refused at least N times: the project's one definition (investigations/process-counts.ts):
 *   refusal decisions of the case's investigations, and refusal responses to its complaints that
 *   report no decision (one refusal never counts twice).
 * - Region: any region of the case, its own (primary) or one where one of its events happened.
 * - Retracted: a statement retracted at least once (a later reaffirmation does not undo it);
 *   relied on: a statement whose court status is "relied on in the verdict".
 * - Victim profile: a participant with the role victim who has that profile. Protected victims'
 *   profiles never count (for anyone): filtering by a profile would otherwise say what a pseudonym is.
 * - Evidence type: the case holds an evidence item of that type (EVIDENCE_TYPES). Privileged
 *   items count only when the caller says the user may know they exist (lawyers and admins,
 *   evidence.policy): `{ privilegedEvidence: true }`. Without it they never count, so a caller
 *   that forgets cannot reveal them.
 */
export interface CaseFilter {
  region?: string;
  status?: string;
  institutionId?: number;
  method?: string;
  eventType?: string;
  /** Earliest day, YYYY-MM-DD. */
  from?: string;
  /** Latest day, YYYY-MM-DD. */
  to?: string;
  outcome?: string;
  /** A verdict outcome (verdict_outcome) given to a defendant at a stage of one of the case's proceedings. */
  verdict?: string;
  refusedAtLeast?: number;
  retracted?: boolean;
  reliedOn?: boolean;
  profile?: string;
  evidenceType?: string;
}

/** What the filter may take into account for the user it runs for: nothing beyond the safe default unless said. */
export interface CaseFilterAccess {
  /** Privileged evidence items count (only for users who may read them: evidence.read on privileged). */
  privilegedEvidence?: boolean;
}

export { REFUSAL_OUTCOMES };

export interface SqlCondition {
  where: string;
  params: unknown[];
}


/** Case ids of every record linked to an institution in the subtree of `?`. */
const INSTITUTION_CASES = `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT i.id FROM institution i JOIN sub ON i.parent_id = sub.id)
  SELECT e.case_id FROM event_institution ei JOIN case_event e ON e.id = ei.event_id WHERE ei.institution_id IN (SELECT id FROM sub)
  UNION SELECT a.case_id FROM allegation_institution ai JOIN allegation a ON a.id = ai.allegation_id WHERE ai.institution_id IN (SELECT id FROM sub)
  UNION SELECT a.case_id FROM perpetrator pe JOIN allegation a ON a.id = pe.allegation_id WHERE pe.institution_id IN (SELECT id FROM sub)
  UNION SELECT s.case_id FROM statement s WHERE s.before_institution_id IN (SELECT id FROM sub)
  UNION SELECT co.case_id FROM complaint co WHERE co.to_institution_id IN (SELECT id FROM sub)
  UNION SELECT co.case_id FROM complaint_response cr JOIN complaint co ON co.id = cr.complaint_id WHERE cr.responding_institution_id IN (SELECT id FROM sub)
  UNION SELECT pr.case_id FROM proceeding pr WHERE pr.court_institution_id IN (SELECT id FROM sub)
  UNION SELECT pr.case_id FROM proceeding_stage ps JOIN proceeding pr ON pr.id = ps.proceeding_id WHERE ps.court_institution_id IN (SELECT id FROM sub)`;

export function hasCaseFilter(f: CaseFilter): boolean {
  return Object.values(f).some((v) => v !== undefined && v !== false);
}

/**
 * How sub-record filters are written:
 * - 'probe': correlated EXISTS per candidate case through the case_id indexes — cheap when the
 *   candidates are few (a region narrowed them, or they are the cases of a few hundred search
 *   hits), and a list sorted by case stops after its first page. `+column` keeps SQLite from
 *   driving a probe from an index on a code or a flag instead.
 * - 'lookup': `id IN (...)` found through the index on the code or flag — cheap when the filter
 *   is selective (no case has a death in custody: found at once, not by probing every case).
 */
export type FilterStrategy = 'probe' | 'lookup';

/**
 * The filter as a condition on alias `a` (case_record); `1 = 1` when nothing is filtered.
 * `access` says what may count for the user: pass `{ privilegedEvidence:
 * countsPrivilegedEvidence(user) }` (search/evidence-visibility.ts); absent, the safe default.
 */
export function caseFilterSql(f: CaseFilter, a = 'c', strategy: FilterStrategy = f.region ? 'probe' : 'lookup', access: CaseFilterAccess = {}): SqlCondition {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  const probe = strategy === 'probe';
  // Any of the case's regions: its own or one of its events' (cases/case-regions.ts).
  if (f.region) add(`${a}.id IN (${CASES_IN_REGION_SQL})`, f.region, f.region);
  if (f.status) add(`${a}.status = ?`, f.status);
  if (f.method) {
    add(
      probe
        ? `EXISTS (SELECT 1 FROM allegation al JOIN allegation_method am ON am.allegation_id = al.id WHERE al.case_id = ${a}.id AND +am.code = ?)`
        : `${a}.id IN (SELECT al.case_id FROM allegation_method am JOIN allegation al ON al.id = am.allegation_id WHERE am.code = ?)`,
      f.method,
    );
  }
  if (f.eventType || f.from || f.to) {
    const parts: string[] = [];
    const values: unknown[] = [];
    if (f.eventType) parts.push(probe ? '+e.type = ?' : 'e.type = ?'), values.push(f.eventType);
    if (f.to) parts.push('e.date_start <= ?'), values.push(f.to);
    if (f.from) parts.push('e.date_end >= ?'), values.push(f.from);
    add(probe ? `EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = ${a}.id AND ${parts.join(' AND ')})` : `${a}.id IN (SELECT e.case_id FROM case_event e WHERE ${parts.join(' AND ')})`, ...values);
  }
  if (f.outcome) {
    add(
      probe
        ? `EXISTS (SELECT 1 FROM complaint co JOIN complaint_response cr ON cr.complaint_id = co.id WHERE co.case_id = ${a}.id AND +cr.outcome = ?)`
        : `${a}.id IN (SELECT co.case_id FROM complaint_response cr JOIN complaint co ON co.id = cr.complaint_id WHERE cr.outcome = ?)`,
      f.outcome,
    );
  }
  if (f.verdict) {
    add(
      probe
        ? `EXISTS (SELECT 1 FROM proceeding pr JOIN proceeding_stage ps ON ps.proceeding_id = pr.id JOIN stage_verdict sv ON sv.stage_id = ps.id WHERE pr.case_id = ${a}.id AND +sv.outcome = ?)`
        : `${a}.id IN (SELECT pr.case_id FROM stage_verdict sv JOIN proceeding_stage ps ON ps.id = sv.stage_id JOIN proceeding pr ON pr.id = ps.proceeding_id WHERE sv.outcome = ?)`,
      f.verdict,
    );
  }
  if (f.refusedAtLeast) {
    add(
      probe
        ? `${stepCountSql('refusal', `${a}.id`)} >= ?`
        : `${a}.id IN (SELECT case_id FROM (${stepCountsByCaseSql('refusal')}) WHERE n >= ?)`,
      f.refusedAtLeast,
    );
  }
  // Retracted: ever retracted, at least one retraction in a statement's history (statement-retraction.service.ts).
  if (f.retracted) add(probe ? `EXISTS (SELECT 1 FROM statement_retraction sr WHERE sr.case_id = ${a}.id AND +sr.kind = 'retraction')` : `${a}.id IN (${RETRACTED_CASE_IDS_SQL})`);
  // Relied on: a statement whose court status is "relied on in the verdict".
  if (f.reliedOn) add(probe ? `EXISTS (SELECT 1 FROM statement s WHERE s.case_id = ${a}.id AND +s.court_status = 'relied_on')` : `${a}.id IN (SELECT s.case_id FROM statement s WHERE s.court_status = 'relied_on')`);
  if (f.profile) {
    add(
      probe
        ? `EXISTS (SELECT 1 FROM case_participant cp JOIN person_profile pp ON pp.person_id = cp.person_id JOIN person pr ON pr.id = cp.person_id WHERE cp.case_id = ${a}.id AND +cp.role = 'victim' AND +pp.code = ? AND +pr.protected_identity = 0)`
        : `${a}.id IN (SELECT cp.case_id FROM person_profile pp JOIN case_participant cp ON cp.person_id = pp.person_id JOIN person pr ON pr.id = cp.person_id WHERE pp.code = ? AND +cp.role = 'victim' AND +pr.protected_identity = 0)`,
      f.profile,
    );
  }
  if (f.evidenceType) {
    const readable = access.privilegedEvidence === true ? '' : ` AND ev.confidentiality <> 'privileged'`;
    add(
      probe
        ? `EXISTS (SELECT 1 FROM evidence_item ev WHERE ev.case_id = ${a}.id AND ev.type = ?${readable})`
        : `${a}.id IN (SELECT ev.case_id FROM evidence_item ev WHERE ev.type = ?${readable})`,
      f.evidenceType,
    );
  }
  // The sub-units are found first (recursive), then the cases of every record linked to them.
  if (f.institutionId) add(`${a}.id IN (${INSTITUTION_CASES})`, f.institutionId);
  return { where: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}
