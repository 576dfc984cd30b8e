/**
 * Response outcomes that mean the authorities refused to investigate: "refused to open a
 * criminal case", and a complaint (such as an appeal against that refusal) rejected. The one
 * definition of what "refused N times" counts, on the case page, in reports, exports and search.
 */
export const REFUSAL_OUTCOMES = ['refused_to_open', 'complaint_rejected'] as const;

/**
 * Verdict outcomes (per defendant, stage_verdict.outcome) that are a conviction, for "convictions
 * relying on retracted statements": a conviction, and a sentence an appeal reduced or increased
 * (the conviction stands). Acquittals, annulments and quashed convictions are not.
 */
export const CONVICTION_OUTCOMES = ['convicted', 'sentence_reduced', 'sentence_increased'] as const;

export const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
