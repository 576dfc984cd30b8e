import { DataSource } from 'typeorm';
import { ProcessCounts, StoredDate, caseProcessCounts, latestDate } from '../investigations/process-counts';
import { refusalsPhrase } from '../investigations/process-phrase';

/**
 * Responses that count as a refusal: the authority said no to the demand — it refused to open a
 * criminal case, or rejected the complaint (e.g. an appeal against a refusal). A suspended or
 * closed investigation was at least opened, and silence is counted apart as "no response".
 */
import { REFUSAL_OUTCOMES } from '../reports/outcomes';

export { REFUSAL_OUTCOMES };
export const isRefusal = (outcome: string) => (REFUSAL_OUTCOMES as readonly string[]).includes(outcome);

type Dated = { outcome: string; date: StoredDate };

/** The refusals of a complaint's (or complaints') responses, as data: how many, and the latest one's own date. */
export interface RefusalCounts {
  refusals: number;
  lastRefusalDate: StoredDate | null;
}

export function refusalCounts(responses: Dated[]): RefusalCounts {
  const refusals = responses.filter((r) => isRefusal(r.outcome));
  return { refusals: refusals.length, lastRefusalDate: latestDate(refusals) };
}

/**
 * The case's refusals as data, counted by the one definition (investigations/process-counts.ts:
 * refusal decisions, and refusal responses that report no decision). Null when the case has
 * neither complaints nor investigations.
 */
export async function complaintRefusals(ds: DataSource, caseId: number): Promise<ProcessCounts | null> {
  const counts = await caseProcessCounts(ds, caseId);
  return counts.complaints + counts.investigations === 0 ? null : counts;
}

/**
 * The same in words, in the language of the request ("3 refusals, last on 12 May 2006",
 * "3 отказа, последний — 12 мая 2006 г."): complaintRefusals worded by refusalsPhrase.
 */
export async function complaintSummary(ds: DataSource, caseId: number): Promise<string | null> {
  const counts = await complaintRefusals(ds, caseId);
  return counts ? refusalsPhrase(counts) : null;
}
