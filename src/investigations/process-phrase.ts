import { presentDate } from '../records/record-dates';
import { t } from '../i18n/i18n';
import { ProcessCounts } from './process-counts';

type Counted = Pick<ProcessCounts, 'refusals' | 'lastRefusalDate'>;

/**
 * How a date stands in a sentence: English says "on 12 May 2006", "in Apr 2006", "c. 2005";
 * Russian puts the date after a dash whatever its precision. The catalogue has one message for
 * each of the three.
 */
function dateMode(precision: string): 'on' | 'in' | 'approx' {
  return precision === 'day' ? 'on' : precision === 'approximate' ? 'approx' : 'in';
}

/**
 * The process counts in words, through the catalogue (investigations.process.*), in the language
 * of the request being served: the case header, the complaints summary (and the API's
 * `summary.sentence`) and the dossier all say it this way. The services return only the counts
 * and dates (process-counts.ts); the latest date is shown at its own precision ("last in Apr
 * 2006", "последний — апр. 2006"), never a window edge.
 */
export function refusalsPhrase(c: Counted): string {
  if (c.refusals === 0) return t('investigations.process.noRefusals');
  const head = t('investigations.process.refusals', { count: c.refusals });
  const last = presentDate(c.lastRefusalDate);
  if (!last) return `${head}, ${t(c.refusals === 1 ? 'investigations.process.dateNotRecorded' : 'investigations.process.datesNotRecorded')}`;
  return `${head}, ${t(`investigations.process.last.${dateMode(last.precision)}`, { date: last.text })}`;
}

/** "criminal case opened once, on 2 Jun 2007", "criminal case opened 3 times, last in 2009"; null when never. */
export function openedPhrase(c: Pick<ProcessCounts, 'opened' | 'lastOpenedDate'>): string | null {
  if (c.opened === 0) return null;
  const head = c.opened === 1 ? t('investigations.process.openedOnce') : t('investigations.process.openedTimes', { count: c.opened });
  const last = presentDate(c.lastOpenedDate);
  if (!last) return head;
  return `${head}, ${t(`investigations.process.${c.opened === 1 ? 'openedWhen' : 'openedLast'}.${dateMode(last.precision)}`, { date: last.text })}`;
}

/** "3 refusals, last in Apr 2006; criminal case opened once, on 2 Jun 2007". */
export function processSentence(c: Pick<ProcessCounts, 'refusals' | 'lastRefusalDate' | 'opened' | 'lastOpenedDate'>): string {
  return [refusalsPhrase(c), openedPhrase(c)].filter(Boolean).join('; ');
}
