import { datePhrase } from '../records/record-dates';
import { ProcessCounts } from './process-counts';

/**
 * The process counts as English sentences, for text-only outputs (the dossier, the complaints
 * summary line). Pages phrase the same data in views/investigations/_process-summary.ejs. The
 * latest date is shown at its own precision: "last in Apr 2006", never a window edge.
 */
export function refusalsPhrase(c: Pick<ProcessCounts, 'refusals' | 'lastRefusalDate'>): string {
  if (c.refusals === 0) return 'No refusals recorded';
  const head = `${c.refusals} refusal${c.refusals === 1 ? '' : 's'}`;
  if (!c.lastRefusalDate) return `${head}, ${c.refusals === 1 ? 'date' : 'dates'} not recorded`;
  return `${head}, last ${datePhrase(c.lastRefusalDate)}`;
}

export function openedPhrase(c: Pick<ProcessCounts, 'opened' | 'lastOpenedDate'>): string | null {
  if (c.opened === 0) return null;
  const head = `criminal case opened ${c.opened === 1 ? 'once' : `${c.opened} times`}`;
  return c.lastOpenedDate ? `${head}, ${c.opened === 1 ? '' : 'last '}${datePhrase(c.lastOpenedDate)}` : head;
}

/** "3 refusals, last in Apr 2006; criminal case opened once, on 2 Jun 2007". */
export function processSentence(c: ProcessCounts): string {
  return [refusalsPhrase(c), openedPhrase(c)].filter(Boolean).join('; ');
}
