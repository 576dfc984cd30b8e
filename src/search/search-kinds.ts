/**
 * The kinds of record in the search index and how a row of the index is addressed.
 *
 * Every row's rowid encodes the record it stands for:
 *
 *     rowid = case_id * 2^32 + restricted * 2^31 + kind * 2^27 + record_id
 *
 * (case_id is 0 for records that stand alone: people, institutions, sources; `restricted` is
 * the case's own flag, copied into every row filed under it). The query can therefore tell which
 * case a hit belongs to, whether that case is restricted, and of which kind the hit is, from the
 * rowid alone, without reading the row or the case: the permission filter costs a few integer
 * operations per candidate instead of a lookup (search-access.ts), a record's row is deleted by
 * rowid in O(log n), a whole case's rows form one rowid range, and `ORDER BY rowid DESC` walks
 * the newest cases first (used to bound the ranking of very common terms, see search.service).
 * Restricting a case, or lifting the restriction, moves its rows (a trigger, search-schema.ts).
 * Limits: record ids below 2^27 (134 million per kind), kind codes below 16; rowids stay exact
 * JavaScript numbers (below 2^53) up to two million cases, and the SQL decodes them anyway.
 */
export const SEARCH_KINDS = ['case', 'person', 'institution', 'source', 'event', 'allegation', 'statement', 'complaint', 'proceeding', 'evidence'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Stable codes stored in rowids: never renumber, only append. */
export const KIND_CODE: Record<SearchKind, number> = {
  case: 1,
  person: 2,
  institution: 3,
  source: 4,
  event: 5,
  allegation: 6,
  statement: 7,
  complaint: 8,
  proceeding: 9,
  evidence: 10, // a normal evidence item (every reader of its case); other levels: below
};

/**
 * A person with a protected identity is indexed under this code instead of `person`: the flag
 * lives in the rowid, so protected people form one small rowid range. The query checks
 * clearance only there, and finds "does the query name a protected person?" by searching that
 * range alone. Protecting a person moves their row (the trigger deletes and re-inserts it).
 */
export const PROTECTED_PERSON_CODE = 11;

/**
 * Evidence is indexed under a code per confidentiality level (evidence.policy), so the query
 * decides who may match a row from its rowid alone, as for protected people. A sensitive item
 * has two rows: one with its files' extracted text, for those who may open its files, and one
 * without, for the other readers of the case; each user matches exactly one of them. Changing
 * an item's confidentiality moves its rows (the trigger deletes and re-inserts them).
 */
export const EVIDENCE_CODES = {
  normal: KIND_CODE.evidence,
  sensitive: 12,
  privileged: 13,
  sensitiveWithoutFiles: 14,
} as const;
export type EvidenceRow = keyof typeof EVIDENCE_CODES;

export const KIND_BY_CODE = new Map<number, SearchKind>([
  ...SEARCH_KINDS.map((k) => [KIND_CODE[k], k] as const),
  [PROTECTED_PERSON_CODE, 'person'],
  ...Object.values(EVIDENCE_CODES).map((code) => [code, 'evidence'] as const),
]);

/** Every kind code under which records of a kind are indexed. */
export function codesOf(kind: SearchKind): number[] {
  return [...KIND_BY_CODE].filter(([, k]) => k === kind).map(([code]) => code);
}

export const KIND_LABELS: Record<SearchKind, string> = {
  case: 'Case',
  person: 'Person',
  institution: 'Institution',
  source: 'Source',
  event: 'Event',
  allegation: 'Allegation',
  statement: 'Statement',
  complaint: 'Complaint',
  proceeding: 'Proceeding',
  evidence: 'Evidence',
};

export const CASE_SHIFT = 2 ** 32;
/** Set in the rowid of every row filed under a restricted case. */
export const RESTRICTED_BIT = 2 ** 31;
export const KIND_SHIFT = 2 ** 27;
/** Kind codes fit in 4 bits, below the restricted bit. */
export const KIND_CODE_LIMIT = 16;
export const RECORD_MAX = KIND_SHIFT - 1;
/** The largest case id whose rowids are all exact JavaScript numbers (below 2^53). */
export const CASE_ID_MAX = 2 ** 21 - 1;

/**
 * SQL over the index's rowid, always qualified: inside a subquery over another table a bare
 * `rowid` would mean that table's rowid.
 */
export const ROWID_CASE = '(search_index.rowid >> 32)';
export const ROWID_KIND = '((search_index.rowid >> 27) & 15)';
/**
 * A row's access class: its kind code, plus 16 when its case is restricted (0-31). Who may match
 * a row is decided on this number first (search-access.ts).
 */
export const ROWID_ACCESS = '((search_index.rowid >> 27) & 31)';
export const ROWID_RECORD = '(search_index.rowid & 134217727)';

export function decodeRowid(rowid: number | bigint): { caseId: number; kind: SearchKind | undefined; recordId: number; restricted: boolean } {
  const n = BigInt(rowid);
  return {
    caseId: Number(n >> 32n),
    kind: KIND_BY_CODE.get(Number((n >> 27n) & 15n)),
    recordId: Number(n & 134217727n),
    restricted: ((n >> 31n) & 1n) === 1n,
  };
}

/**
 * `search_index.rowid BETWEEN lo AND hi` with the bounds written into the SQL as integers.
 * Never bind them: better-sqlite3 binds every JavaScript number as REAL, and FTS5 then walks the
 * word's whole doclist instead of seeking to the range (measured: 27 ms instead of 0.006 ms for a
 * word in 470,000 rows). The bounds are constants of the rowid layout, never user input.
 */
export function rowidBetween(lo: number, hi: number): string {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) throw new Error(`rowid bounds must be integers: ${lo}, ${hi}`);
  return `search_index.rowid BETWEEN ${lo} AND ${hi}`;
}

/** The rowid range holding every row of one kind code of stand-alone record (case 0). */
export function codeRange(code: number): [number, number] {
  return [code * KIND_SHIFT, (code + 1) * KIND_SHIFT - 1];
}

export const standaloneRange = (kind: SearchKind): [number, number] => codeRange(KIND_CODE[kind]);
export const protectedPersonRange = (): [number, number] => codeRange(PROTECTED_PERSON_CODE);
