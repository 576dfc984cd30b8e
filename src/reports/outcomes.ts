import { RESPONSE_OUTCOMES } from '../investigations/process-counts';

/**
 * Response outcomes that mean the authorities refused to investigate. What "refused N times"
 * counts is defined once, in investigations/process-counts.ts (decisions and responses
 * together); this is only its list of response outcomes, for labels and tags.
 */
export const REFUSAL_OUTCOMES = RESPONSE_OUTCOMES.refusal;

/**
 * Verdict outcomes (per defendant, stage_verdict.outcome) that are a conviction, for "convictions
 * relying on retracted statements": a conviction, and a sentence an appeal reduced or increased
 * (the conviction stands). Acquittals, annulments and quashed convictions are not.
 */
export const CONVICTION_OUTCOMES = ['convicted', 'sentence_reduced', 'sentence_increased'] as const;

export const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
