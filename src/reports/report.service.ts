import { DataSource } from 'typeorm';
import { Selection } from './case-selection';
import { CONVICTION_OUTCOMES, sqlList } from './outcomes';
import { vocabLabeler } from '../vocab/vocab.service';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { centreDay, isoOfDay } from '../events/timeline-order';
import { caseRegionsSql } from '../cases/case-regions';
import { everRetractedSql } from '../statements/statement-retraction.service';
import { TABLE_ROWS_MAX, TableWindow } from '../investigations/process.report';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const IN_SELECTION = (s: Selection, caseIdExpr: string) => ({
  sql: `${caseIdExpr} IN (SELECT c.id FROM case_record c WHERE ${s.where})`,
  params: s.params,
});

async function counted(ds: DataSource, sql: string, params: unknown[]): Promise<{ key: string | null; n: number }[]> {
  const rows: { key: string | null; n: number }[] = await ds.query(sql, params);
  return rows.map((r) => ({ key: r.key === null ? null : String(r.key), n: Number(r.n) }));
}

/**
 * Cases by the year their first event happened. The first event is the one whose date is centred
 * earliest, and an uncertain date counts in its most likely year, the year of its centre
 * ("c. Jan 2018" spans Dec 2017 to Feb 2018 and counts in 2018). `approximate` is how many cases
 * were placed by a date whose year is not certain (an approximate date, or a window across years);
 * cases with no dated event are counted apart.
 */
export async function casesByYear(ds: DataSource, s: Selection): Promise<{ bars: Bar[]; undated: number; approximate: number }> {
  // SQLite returns the other columns of the row that holds the MIN: the first event's date.
  const rows: { k: number | null; date_precision: string | null; date_start: string | null; date_end: string | null }[] = await ds.query(
    `SELECT MIN(julianday(e.date_start) + julianday(e.date_end)) AS k, e.date_precision, e.date_start, e.date_end
       FROM case_record c LEFT JOIN case_event e ON e.case_id = c.id
      WHERE ${s.where} GROUP BY c.id`,
    s.params,
  );
  const byYear = new Map<string, number>();
  let undated = 0;
  let approximate = 0;
  for (const r of rows) {
    if (r.k === null || !r.date_precision || !r.date_start || !r.date_end) {
      undated++;
      continue;
    }
    const date = { precision: r.date_precision, start: r.date_start, end: r.date_end };
    const year = isoOfDay(centreDay(date)).slice(0, 4);
    if (date.precision === 'approximate' || date.start.slice(0, 4) !== date.end.slice(0, 4)) approximate++;
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  const years = [...byYear.keys()].map(Number).sort((a, b) => a - b);
  const bars: Bar[] = [];
  // Every year between the first and the last, so gaps show as gaps.
  if (years.length) for (let y = years[0]; y <= years[years.length - 1]; y++) bars.push({ key: String(y), label: String(y), value: byYear.get(String(y)) ?? 0 });
  return { bars, undated, approximate };
}

async function labelled(ds: DataSource, vocabulary: Vocabulary, rows: { key: string | null; n: number }[]): Promise<Bar[]> {
  const label = await vocabLabeler(ds);
  return rows.filter((r) => r.key !== null).map((r) => ({ key: r.key!, label: label(vocabulary, r.key), value: r.n }));
}

/** Cases by each of their regions (their own and their events'): a case in two regions counts in both. */
export async function casesByRegion(ds: DataSource, s: Selection): Promise<Bar[]> {
  const sel = (col: string) => `${col} IN (SELECT c.id FROM case_record c WHERE ${s.where})`;
  const rows = await counted(ds, `SELECT cr.region AS key, COUNT(*) AS n FROM (${caseRegionsSql(sel)}) cr GROUP BY cr.region ORDER BY n DESC, cr.region LIMIT 20`, [...s.params, ...s.params]);
  return labelled(ds, 'region', rows);
}

/** Cases in which each method is alleged (a case counts once per method). */
export async function casesByMethod(ds: DataSource, s: Selection): Promise<Bar[]> {
  const sel = IN_SELECTION(s, 'a.case_id');
  const rows = await counted(
    ds,
    `SELECT m.code AS key, COUNT(DISTINCT a.case_id) AS n FROM allegation_method m JOIN allegation a ON a.id = m.allegation_id
      WHERE ${sel.sql} GROUP BY m.code ORDER BY n DESC, m.code LIMIT 20`,
    sel.params,
  );
  return labelled(ds, 'torture_method', rows);
}

/** Responses to complaints by outcome. */
export async function responsesByOutcome(ds: DataSource, s: Selection): Promise<Bar[]> {
  const sel = IN_SELECTION(s, 'co.case_id');
  const rows = await counted(
    ds,
    `SELECT r.outcome AS key, COUNT(*) AS n FROM complaint_response r JOIN complaint co ON co.id = r.complaint_id
      WHERE ${sel.sql} GROUP BY r.outcome ORDER BY n DESC, r.outcome`,
    sel.params,
  );
  return labelled(ds, 'response_outcome', rows);
}

/** Institutions named in the most cases: where events happened, alleged perpetrators, places of ill-treatment. */
export async function casesByInstitution(ds: DataSource, s: Selection): Promise<Bar[]> {
  const rows: { id: number; name: string; n: number }[] = await ds.query(
    `WITH refs(case_id, institution_id) AS (
       SELECT e.case_id, ei.institution_id FROM event_institution ei JOIN case_event e ON e.id = ei.event_id
       UNION SELECT a.case_id, p.institution_id FROM perpetrator p JOIN allegation a ON a.id = p.allegation_id WHERE p.institution_id IS NOT NULL
       UNION SELECT a.case_id, ai.institution_id FROM allegation_institution ai JOIN allegation a ON a.id = ai.allegation_id
     )
     SELECT i.id AS id, i.name AS name, COUNT(DISTINCT refs.case_id) AS n FROM refs JOIN institution i ON i.id = refs.institution_id
      WHERE refs.case_id IN (SELECT c.id FROM case_record c WHERE ${s.where})
      GROUP BY i.id ORDER BY n DESC, i.name LIMIT 20`,
    s.params,
  );
  return rows.map((r) => ({ key: String(r.id), label: r.name, value: Number(r.n) }));
}

export interface CaseRow {
  id: number;
  code: string;
  title: string;
  count: number;
  last: string | null;
}

/** Cases refused at least N times, and the investigations-opened report: the one definition (investigations/). */
export { refusedAtLeast } from '../investigations/process.report';

/**
 * Cases with a conviction where the court relied on a statement that was retracted: court status
 * "relied on in the verdict", and retracted at least once (statement-retraction.service.ts).
 * The retraction is probed through statement_retraction's statement index.
 * `+st.` keeps SQLite on the statements' case_id index: through the index on a flag it read half
 * of all statements for every convicted case (13 s at 20,000 cases; 50 ms with the case index).
 */
export async function convictionsOnRetractedStatements(ds: DataSource, s: Selection, w: TableWindow = { limit: TABLE_ROWS_MAX, offset: 0 }): Promise<{ rows: CaseRow[]; total: number }> {
  const rows: { id: number; code: string; title: string; n: number; last: string | null; total: number }[] = await ds.query(
    `SELECT c.id, c.code, c.title, COUNT(DISTINCT st.id) AS n, MAX(stage.date_end) AS last, COUNT(*) OVER () AS total
       FROM case_record c
       JOIN statement st ON st.case_id = c.id AND +st.court_status = ? AND ${everRetractedSql('st')}
       JOIN proceeding pr ON pr.case_id = c.id
       JOIN proceeding_stage stage ON stage.proceeding_id = pr.id
       JOIN stage_verdict verdict ON verdict.stage_id = stage.id AND verdict.outcome IN (${sqlList(CONVICTION_OUTCOMES)})
      WHERE ${s.where} AND (st.proceeding_id IS NULL OR st.proceeding_id = pr.id)
      GROUP BY c.id ORDER BY c.code LIMIT ? OFFSET ?`,
    ['relied_on', ...s.params, w.limit, w.offset],
  );
  return { rows: rows.map((r) => ({ id: Number(r.id), code: r.code, title: r.title, count: Number(r.n), last: r.last })), total: rows.length ? Number(rows[0].total) : 0 };
}

// --- deaths in custody (issue 11) --------------------------------------------------------------

/**
 * People of the selected cases who died in custody, by the year of death and by the institution
 * where they died; a person counts once however many selected cases they are in. A death dated
 * only within a span that crosses years is counted apart (`undated` with those of no date), never
 * placed in the span's first year.
 */
export async function deathsInCustody(ds: DataSource, s: Selection): Promise<{ total: number; byYear: Bar[]; undated: number; byInstitution: Bar[]; noInstitution: number }> {
  const sel = IN_SELECTION(s, 'cp.case_id');
  const rows: { person_id: number; date_start: string | null; date_end: string | null; institution_id: number | null; name: string | null }[] = await ds.query(
    `SELECT d.person_id, d.date_start, d.date_end, d.institution_id, i.name FROM person_death d LEFT JOIN institution i ON i.id = d.institution_id
      WHERE d.in_custody = 'yes' AND d.person_id IN (SELECT cp.person_id FROM case_participant cp WHERE ${sel.sql})`,
    sel.params,
  );
  const years = new Map<string, number>();
  const insts = new Map<number, { label: string; n: number }>();
  let undated = 0;
  let noInstitution = 0;
  for (const r of rows) {
    const a = r.date_start?.slice(0, 4);
    const b = r.date_end?.slice(0, 4);
    if (a && a === b) years.set(a, (years.get(a) ?? 0) + 1);
    else undated++;
    if (r.institution_id === null) noInstitution++;
    else insts.set(Number(r.institution_id), { label: r.name ?? '', n: (insts.get(Number(r.institution_id))?.n ?? 0) + 1 });
  }
  const sorted = [...years.keys()].map(Number).sort((x, y) => x - y);
  const byYear: Bar[] = [];
  if (sorted.length) for (let y = sorted[0]; y <= sorted[sorted.length - 1]; y++) byYear.push({ key: String(y), label: String(y), value: years.get(String(y)) ?? 0 });
  const byInstitution = [...insts].map(([id, x]) => ({ key: String(id), label: x.label, value: x.n })).sort((x, y) => y.value - x.value || x.label.localeCompare(y.label)).slice(0, 20);
  return { total: rows.length, byYear, undated, byInstitution, noInstitution };
}
