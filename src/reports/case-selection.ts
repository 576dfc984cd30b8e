import { z } from 'zod';
import { CurrentUser } from '../http/context';
import { visibleCasesSql } from '../cases/case-access';

/**
 * Which cases a report or an export covers: the cases the user may see, narrowed by the same
 * filters as the case list. Expressed as SQL over `case_record c` so that every report query
 * and every export applies exactly the same selection (and the same access rule).
 */
export const selectionQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.string().max(60).optional().catch(undefined),
  region: z.string().max(60).optional().catch(undefined),
  tag: z.string().max(100).optional().catch(undefined),
});
export type SelectionFilter = z.infer<typeof selectionQuery>;

export interface Selection {
  /** A condition on alias `c` (case_record), with positional `?` parameters. */
  where: string;
  params: unknown[];
  filter: SelectionFilter;
}

export function caseSelection(user: CurrentUser, filter: SelectionFilter): Selection {
  const visible = visibleCasesSql(user, 'c');
  const clauses: string[] = [visible.sql];
  const params: unknown[] = [...visible.params];
  if (filter.q) {
    clauses.push("(c.code LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\')");
    const like = `%${filter.q.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;
    params.push(like, like);
  }
  if (filter.status) {
    clauses.push('c.status = ?');
    params.push(filter.status);
  }
  if (filter.region) {
    clauses.push('c.region = ?');
    params.push(filter.region);
  }
  if (filter.tag) {
    clauses.push('c.id IN (SELECT t.case_id FROM case_tag t WHERE t.tag = ?)');
    params.push(filter.tag.toLowerCase());
  }
  return { where: clauses.join(' AND '), params, filter };
}

/** The filter as a query string, for links that keep the selection (export this, chart that). */
export function selectionQueryString(filter: SelectionFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (typeof v === 'string' && v) q.set(k, v);
  return q.toString();
}
