import { DataSource } from 'typeorm';
import { datePhrase } from '../records/record-dates';
import { caseProcessCounts } from '../investigations/process-counts';
import { refusalsPhrase } from '../investigations/process-phrase';

/**
 * Responses that count as a refusal: the authority said no to the demand — it refused to open a
 * criminal case, or rejected the complaint (e.g. an appeal against a refusal). A suspended or
 * closed investigation was at least opened, and silence is counted apart as "no response".
 */
import { REFUSAL_OUTCOMES } from '../reports/outcomes';

export { REFUSAL_OUTCOMES };
export const isRefusal = (outcome: string) => (REFUSAL_OUTCOMES as readonly string[]).includes(outcome);

type Dated = { outcome: string; date: { precision: string | null; start: string | null; end: string | null } };

/** The most recent of the dated responses (latest start, then latest end). */
function latest<T extends Dated>(rows: T[]): T | null {
  let best: T | null = null;
  for (const r of rows) {
    if (!r.date.start) continue;
    if (!best || r.date.start > best.date.start! || (r.date.start === best.date.start && (r.date.end ?? '') > (best.date.end ?? ''))) best = r;
  }
  return best;
}

/** "3 refusals, last on 12 May 2006"; "No refusals recorded" when there were complaints but none refused. */
export function refusalSentence(responses: Dated[]): string {
  const refusals = responses.filter((r) => isRefusal(r.outcome));
  if (refusals.length === 0) return 'No refusals recorded';
  const head = `${refusals.length} refusal${refusals.length === 1 ? '' : 's'}`;
  const last = latest(refusals);
  if (!last) return `${head}, ${refusals.length === 1 ? 'date' : 'dates'} not recorded`;
  return `${head}, last ${datePhrase(last.date)}`;
}

/**
 * The case's refusals as one line: counted by the one definition (investigations/process-counts.ts:
 * refusal decisions, and refusal responses that report no decision). Null when the case has
 * neither complaints nor investigations.
 */
export async function complaintSummary(ds: DataSource, caseId: number): Promise<string | null> {
  const counts = await caseProcessCounts(ds, caseId);
  if (counts.complaints + counts.investigations === 0) return null;
  return refusalsPhrase(counts);
}
