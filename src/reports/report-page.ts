import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { searchFormOptions } from '../search/search-page';
import { QueryParam } from '../search/search.schema';
import { selectCases, selectedCaseCount } from './case-selection';
import { Bar, casesByInstitution, casesByMethod, casesByRegion, casesByYear, convictionsOnRetractedStatements, deathsInCustody, refusedAtLeast, responsesByOutcome } from './report.service';
import { TABLE_ROWS_MAX, investigationsOpenedReport } from '../investigations/process.report';
import { SelectionQuery, describeSelection, searchHref, selectionInput, selectionQueryString } from './selection-query';
import { t } from '../i18n/i18n';
import { formatNumber } from '../i18n/format';
import { ChartBar, barRows, columnChart } from './chart-view';

export const MIN_REFUSALS_MAX = 1000;

/**
 * The threshold of the "refused N or more times" table: minRefusals if given, else the
 * `refusals` filter (so the table agrees with it), else 2. An invalid value is a field error.
 */
export function readMinRefusals(query: Record<string, unknown>, sq: SelectionQuery): { min: number; typed: string } {
  const raw = Array.isArray(query.minRefusals) ? query.minRefusals[0] : query.minRefusals;
  const fallback = sq.parsed.filter.refusedAtLeast ?? 2;
  if (raw === undefined || raw === '') return { min: fallback, typed: String(fallback) };
  const typed = typeof raw === 'string' ? raw : '';
  const n = /^\s*\d{1,4}\s*$/.test(typed) ? Number(typed) : NaN;
  if (!(n >= 1 && n <= MIN_REFUSALS_MAX)) {
    sq.errors.minRefusals = t('reports.errors.minRefusals', { max: MIN_REFUSALS_MAX });
    return { min: fallback, typed };
  }
  return { min: n, typed };
}

/** The report's three tables of cases, each paged on its own (`?refusedPage=2#refused`). */
export const REPORT_TABLES = ['refused', 'convictions', 'opened'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];
/** Rows per page of a table on the reports page (the API gives up to TABLE_ROWS_MAX). */
export const TABLE_PAGE_ROWS = 50;
export type TablePages = Record<ReportTable, number>;

/** Each table's page number from the query (`refusedPage` ...): 1 unless a whole number from 1 up is given. */
export function readTablePages(query: Record<string, unknown>): TablePages {
  const page = (name: string) => {
    const raw = query[`${name}Page`];
    const typed = Array.isArray(raw) ? raw[0] : raw;
    return typeof typed === 'string' && /^\d{1,6}$/.test(typed) && Number(typed) >= 1 ? Number(typed) : 1;
  };
  return { refused: page('refused'), convictions: page('convictions'), opened: page('opened') };
}

/**
 * Every chart and table of the reports page, over the selected cases. Tables: with `pages`, that
 * page of TABLE_PAGE_ROWS rows of each; without, the first TABLE_ROWS_MAX rows (the API). Each
 * table says how many rows it has in all (`refusedTotal` ...), so a cut is never silent.
 */
export async function buildReport(ds: DataSource, user: CurrentUser, sq: SelectionQuery, minRefusals: number, pages?: TablePages) {
  const s = selectCases(ds, user, selectionInput(sq));
  const win = (table: ReportTable) => (pages ? { limit: TABLE_PAGE_ROWS, offset: (pages[table] - 1) * TABLE_PAGE_ROWS } : { limit: TABLE_ROWS_MAX, offset: 0 });
  const [byYear, byRegion, byMethod, byOutcome, byInstitution, refused, convictions, opened, deaths] = await Promise.all([
    casesByYear(ds, s),
    casesByRegion(ds, s),
    casesByMethod(ds, s),
    responsesByOutcome(ds, s),
    casesByInstitution(ds, s),
    refusedAtLeast(ds, s, minRefusals, win('refused')),
    convictionsOnRetractedStatements(ds, s, win('convictions')),
    investigationsOpenedReport(ds, s, win('opened')),
    deathsInCustody(ds, s),
  ]);
  return {
    cases: selectedCaseCount(ds, s),
    minRefusals,
    byYear,
    byRegion,
    byMethod,
    byOutcome,
    byInstitution,
    refused: refused.rows,
    refusedTotal: refused.total,
    convictions: convictions.rows,
    convictionsTotal: convictions.total,
    opened,
    deathsInCustody: deaths,
  };
}
export type Report = Awaited<ReturnType<typeof buildReport>>;

/**
 * The page's charts, each bar a link to the same report narrowed to its value (the other
 * filters kept): a year to the cases with an event in it (from = to = the year), an institution
 * to the cases involving it or its sub-units, a method, region or outcome to that filter.
 */
export function withDrillDown(report: Report, sq: SelectionQuery) {
  const href = (over: Partial<Record<QueryParam, string>>) => `/reports?${selectionQueryString(sq, over)}`;
  const drill = (param: QueryParam, bars: Bar[]): ChartBar[] => bars.map((b) => ({ ...b, href: href({ [param]: b.key }) }));
  const years = (bars: Bar[]): ChartBar[] => bars.map((b) => ({ ...b, href: href({ from: b.key, to: b.key }) }));
  return {
    ...report,
    charts: {
      byYear: columnChart(years(report.byYear.bars), formatNumber),
      byInstitution: barRows(drill('institution', report.byInstitution)),
      byMethod: barRows(drill('method', report.byMethod)),
      byRegion: barRows(drill('region', report.byRegion)),
      byOutcome: barRows(drill('outcome', report.byOutcome)),
      deathsByYear: columnChart(years(report.deathsInCustody.byYear), formatNumber),
      deathsByInstitution: barRows(drill('institution', report.deathsInCustody.byInstitution)),
    },
  };
}

/**
 * What a table shows of its rows ("50 of 4,127", rows 51–100) and the links to its other pages,
 * which keep the selection, the threshold and the other tables' pages.
 */
export function tablePaging(sq: SelectionQuery, minRefusals: string, pages: TablePages, totals: Record<ReportTable, number>) {
  const out = {} as Record<ReportTable, { page: number; pages: number; total: number; from: number; to: number; baseQuery: string }>;
  for (const table of REPORT_TABLES) {
    const total = totals[table];
    const count = Math.max(1, Math.ceil(total / TABLE_PAGE_ROWS));
    const page = Math.min(pages[table], count);
    const q = new URLSearchParams(selectionQueryString(sq));
    if (minRefusals && minRefusals !== String(sq.parsed.filter.refusedAtLeast ?? 2)) q.set('minRefusals', minRefusals);
    for (const other of REPORT_TABLES) if (other !== table && pages[other] > 1) q.set(`${other}Page`, String(pages[other]));
    out[table] = { page, pages: count, total, from: total ? (page - 1) * TABLE_PAGE_ROWS + 1 : 0, to: Math.min(total, page * TABLE_PAGE_ROWS), baseQuery: q.toString() };
  }
  return out;
}

/** The filter form (the search's fields and choices), what is filtered, and links that keep the selection. */
export async function selectionPage(ds: DataSource, sq: SelectionQuery) {
  const query = selectionQueryString(sq);
  return {
    values: sq.parsed.values,
    tag: sq.tag,
    errors: sq.errors,
    options: await searchFormOptions(ds, sq.parsed),
    described: await describeSelection(ds, sq),
    query,
    searchHref: searchHref(sq),
  };
}
