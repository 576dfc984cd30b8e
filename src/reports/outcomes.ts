/**
 * Response outcomes that mean the authorities refused to investigate ("refused to open a
 * criminal case"): what "refused N times" counts in reports, exports and search filters.
 */
export const REFUSAL_OUTCOMES = ['refused_to_open'] as const;

/** Stage outcomes that are a conviction, for "convictions relying on retracted statements". */
export const CONVICTION_OUTCOMES = ['convicted'] as const;

export const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
