import { DataSource } from 'typeorm';
import type { Selection } from '../reports/case-selection';
import { presentDate } from '../records/record-dates';
import { ProcessStep, processStepsSql, stepSummaryByCaseSql } from './process-counts';

/** The steps of the selected cases only: the selection's condition on each branch's case id. */
const inSelection = (s: Selection) => ({
  where: (caseIdExpr: string) => `${caseIdExpr} IN (SELECT c.id FROM case_record c WHERE ${s.where})`,
  params: [...s.params, ...s.params],
});

/** The year a step most likely happened in: the middle of its window (c. Jan 2018 is 2018). */
const YEAR = `CASE WHEN date_start IS NULL THEN NULL ELSE strftime('%Y', (julianday(date_start) + julianday(date_end)) / 2) END`;

export interface RefusedCaseRow {
  id: number;
  code: string;
  title: string;
  count: number;
  /** The latest refusal's date as entered ("Apr 2006"), never a window edge; null when undated. */
  last: string | null;
  lastDate: ReturnType<typeof presentDate>;
}

/** A page of a report's table: which rows, out of how many. */
export interface TableWindow {
  limit: number;
  offset: number;
}
/** The API's cut (the pages show smaller pages of the same tables, with their totals). */
export const TABLE_ROWS_MAX = 500;
const FIRST_ROWS: TableWindow = { limit: TABLE_ROWS_MAX, offset: 0 };

/** The rows and the number of rows in all (COUNT(*) OVER (): one pass, read with the page). */
function windowed<T extends { total?: number }>(rows: T[]): { rows: T[]; total: number } {
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}

/** Cases refused at least `min` times (the one definition), most refusals first. */
export async function refusedAtLeast(ds: DataSource, s: Selection, min: number, w: TableWindow = FIRST_ROWS): Promise<{ rows: RefusedCaseRow[]; total: number }> {
  const sel = inSelection(s);
  const found = windowed<{ id: number; code: string; title: string; n: number; last_precision: string | null; last_start: string | null; last_end: string | null; total?: number }>(await ds.query(
    `SELECT c.id, c.code, c.title, r.n, r.last_precision, r.last_start, r.last_end, COUNT(*) OVER () AS total
       FROM (${stepSummaryByCaseSql('refusal', sel.where)}) r JOIN case_record c ON c.id = r.case_id
      WHERE r.n >= ? ORDER BY r.n DESC, c.code LIMIT ? OFFSET ?`,
    [...sel.params, min, w.limit, w.offset],
  ));
  const rows = found.rows.map((r) => {
    const lastDate = presentDate({ precision: r.last_precision, start: r.last_start, end: r.last_end });
    return { id: Number(r.id), code: r.code, title: r.title, count: Number(r.n), last: lastDate?.text ?? null, lastDate };
  });
  return { rows, total: found.total };
}

interface SideBySide {
  key: string;
  label: string;
  opened: number;
  refused: number;
}

async function casesPer(ds: DataSource, s: Selection, step: ProcessStep, keyExpr: string): Promise<Map<string | null, number>> {
  const sel = inSelection(s);
  const rows: { k: string | number | null; n: number }[] = await ds.query(`SELECT ${keyExpr} AS k, count(DISTINCT case_id) AS n FROM (${processStepsSql(step, sel.where)}) GROUP BY k`, sel.params);
  return new Map(rows.map((r) => [r.k === null ? null : String(r.k), Number(r.n)]));
}

/**
 * Cases where an investigation was opened, by year and by body, beside the cases refused in the
 * same year or by the same body (the one definition of both). A case counts once per year and
 * per body; an undated step is counted apart.
 */
export async function investigationsOpenedReport(ds: DataSource, s: Selection, w: TableWindow = FIRST_ROWS) {
  const sel = inSelection(s);
  const [openedByYear, refusedByYear, openedByBody, refusedByBody] = await Promise.all([
    casesPer(ds, s, 'opened', YEAR),
    casesPer(ds, s, 'refusal', YEAR),
    casesPer(ds, s, 'opened', 'institution_id'),
    casesPer(ds, s, 'refusal', 'institution_id'),
  ]);
  const years = [...new Set([...openedByYear.keys(), ...refusedByYear.keys()])].filter((y): y is string => y !== null).sort();
  const byYear: SideBySide[] = years.map((y) => ({ key: y, label: y, opened: openedByYear.get(y) ?? 0, refused: refusedByYear.get(y) ?? 0 }));
  const bodyIds = [...new Set([...openedByBody.keys(), ...refusedByBody.keys()])].filter((b): b is string => b !== null);
  const names: { id: number; name: string }[] = bodyIds.length ? await ds.query(`SELECT id, name FROM institution WHERE id IN (${bodyIds.map(() => '?').join(',')})`, bodyIds.map(Number)) : [];
  const nameOf = new Map(names.map((n) => [String(n.id), n.name]));
  const byBody: SideBySide[] = bodyIds
    .map((b) => ({ key: b, label: nameOf.get(b) ?? `#${b}`, opened: openedByBody.get(b) ?? 0, refused: refusedByBody.get(b) ?? 0 }))
    .sort((a, b) => b.opened - a.opened || b.refused - a.refused || a.label.localeCompare(b.label))
    .slice(0, 20);
  const { rows: cases, total: casesTotal } = windowed<{ id: number; code: string; title: string; n: number; last_precision: string | null; last_start: string | null; last_end: string | null; refusals: number | null; total?: number }>(await ds.query(
    `SELECT c.id, c.code, c.title, o.n, o.last_precision, o.last_start, o.last_end, r.n AS refusals, COUNT(*) OVER () AS total
       FROM (${stepSummaryByCaseSql('opened', sel.where)}) o JOIN case_record c ON c.id = o.case_id
       LEFT JOIN (${stepSummaryByCaseSql('refusal', sel.where)}) r ON r.case_id = o.case_id
      ORDER BY c.code LIMIT ? OFFSET ?`,
    [...sel.params, ...sel.params, w.limit, w.offset],
  ));
  return {
    byYear,
    undated: { opened: openedByYear.get(null) ?? 0, refused: refusedByYear.get(null) ?? 0 },
    byBody,
    bodyUnknown: { opened: openedByBody.get(null) ?? 0, refused: refusedByBody.get(null) ?? 0 },
    casesTotal,
    cases: cases.map((c) => {
      const lastDate = presentDate({ precision: c.last_precision, start: c.last_start, end: c.last_end });
      return { id: Number(c.id), code: c.code, title: c.title, opened: Number(c.n), refusals: Number(c.refusals ?? 0), last: lastDate?.text ?? null, lastDate };
    }),
  };
}
export type OpenedReport = Awaited<ReturnType<typeof investigationsOpenedReport>>;
