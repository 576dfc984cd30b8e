import { RESPONSE_OUTCOMES } from '../investigations/process-counts';

/**
 * Response outcomes that mean the authorities refused to investigate. What "refused N times"
 * counts is defined once, in investigations/process-counts.ts (decisions and responses
 * together); this is only its list of response outcomes, for labels and tags.
 */
export const REFUSAL_OUTCOMES = RESPONSE_OUTCOMES.refusal;

/** Stage outcomes that are a conviction, for "convictions relying on retracted statements". */
export const CONVICTION_OUTCOMES = ['convicted'] as const;

export const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
