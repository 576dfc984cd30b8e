import type { Database } from 'better-sqlite3';
import { SearchTerm, matchExpression, termTokens } from './search-text';
import { prepared } from './sqlite';

/**
 * An upper estimate of how many index rows a query matches, from the number of rows holding
 * each word (fts5vocab): all terms must match, so the estimate is the smallest, over the terms,
 * of the sum over each term's forms. It only chooses the search plan — it counts rows the user
 * may not see and is never shown. Word counts are kept for a minute: a stale count can only make
 * a search take the other (still correct) plan.
 */
const TTL_MS = 60_000;
const KEPT = 5_000;
const counts = new WeakMap<Database, Map<string, { n: number; at: number }>>();

function vocab(db: Database) {
  try {
    return prepared(db, 'SELECT doc FROM temp.search_vocab WHERE term = ?');
  } catch {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_index, 'row')`);
    return prepared(db, 'SELECT doc FROM temp.search_vocab WHERE term = ?');
  }
}

function docCount(db: Database, token: string): number {
  let cache = counts.get(db);
  if (!cache) counts.set(db, (cache = new Map()));
  const hit = cache.get(token);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.n;
  let n = 0;
  try {
    n = (vocab(db).get(token) as { doc: number } | undefined)?.doc ?? 0;
  } catch {
    return 0; // no statistics: the ranked plan, which is always correct
  }
  if (cache.size >= KEPT) cache.clear();
  cache.set(token, { n, at: Date.now() });
  return n;
}

/**
 * Whether the index holds a token in the names or keys column of any row (fts5vocab 'col': a
 * seek in the index's dictionary, not remembered, so that a name written a moment ago counts),
 * for the expression of common words (search-text.ts). True when it cannot tell.
 */
export function inNamesOrKeys(db: Database, token: string): boolean {
  const sql = `SELECT coalesce(sum(doc), 0) FROM temp.search_vocab_col WHERE term = ? AND col IN ('names', 'keys')`;
  try {
    let stmt;
    try {
      stmt = prepared(db, sql);
    } catch {
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab_col USING fts5vocab(main, search_index, 'col')`);
      stmt = prepared(db, sql);
    }
    return (stmt.pluck().get(token) as number) > 0;
  } catch {
    return true;
  }
}

export function estimateMatches(db: Database, terms: SearchTerm[]): number {
  let estimate = Number.POSITIVE_INFINITY;
  for (const term of terms) {
    let sum = 0;
    for (const tokens of termTokens(term)) if (tokens.length) sum += Math.min(...tokens.map((t) => docCount(db, t)));
    estimate = Math.min(estimate, sum);
  }
  return Number.isFinite(estimate) ? estimate : 0;
}

/**
 * The expression of the same records as matchExpression, through the fewest strings (each form
 * as written that its normal forms already meet in titles and texts is looked for in names and
 * keys only, and only where the index holds it there: search-text.ts), for the queries that
 * find or count records without ranking them, and for the candidates of common words: a common
 * word is read once instead of twice.
 */
export function recordsExpression(db: Database, terms: SearchTerm[]): string | null {
  return matchExpression(terms, { inNamesOrKeys: (token) => inNamesOrKeys(db, token) });
}
