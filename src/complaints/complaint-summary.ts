import { DataSource } from 'typeorm';
import { caseProcessCounts, latestDate } from '../investigations/process-counts';
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

/** "3 refusals, last on 12 May 2006" over a complaint's (or complaints') responses; "No refusals recorded" when none refused. */
export function refusalSentence(responses: Dated[]): string {
  const refusals = responses.filter((r) => isRefusal(r.outcome));
  return refusalsPhrase({ refusals: refusals.length, lastRefusalDate: latestDate(refusals) });
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
