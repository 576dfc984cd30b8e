import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { searchFormOptions } from '../search/search-page';
import { QueryParam } from '../search/search.schema';
import { selectCases, selectedCaseCount } from './case-selection';
import { Bar, casesByInstitution, casesByMethod, casesByRegion, casesByYear, convictionsOnRetractedStatements, deathsInCustody, refusedAtLeast, responsesByOutcome } from './report.service';
import { investigationsOpenedReport } from '../investigations/process.report';
import { SelectionQuery, describeSelection, searchHref, selectionInput, selectionQueryString } from './selection-query';
import { t } from '../i18n/i18n';

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

/** Every chart and table of the reports page, over the selected cases. */
export async function buildReport(ds: DataSource, user: CurrentUser, sq: SelectionQuery, minRefusals: number) {
  const s = selectCases(ds, user, selectionInput(sq));
  const [byYear, byRegion, byMethod, byOutcome, byInstitution, refused, convictions, opened, deaths] = await Promise.all([
    casesByYear(ds, s),
    casesByRegion(ds, s),
    casesByMethod(ds, s),
    responsesByOutcome(ds, s),
    casesByInstitution(ds, s),
    refusedAtLeast(ds, s, minRefusals),
    convictionsOnRetractedStatements(ds, s),
    investigationsOpenedReport(ds, s),
    deathsInCustody(ds, s),
  ]);
  return { cases: selectedCaseCount(ds, s), minRefusals, byYear, byRegion, byMethod, byOutcome, byInstitution, refused, convictions, opened, deathsInCustody: deaths };
}
export type Report = Awaited<ReturnType<typeof buildReport>>;

/** Bars link to the same report narrowed to that value (the other filters kept). */
export function withDrillDown(report: Report, sq: SelectionQuery) {
  const drill = (param: QueryParam, bars: Bar[]) => bars.map((b) => ({ ...b, href: `/reports?${selectionQueryString(sq, { [param]: b.key })}` }));
  return { ...report, byRegion: drill('region', report.byRegion), byMethod: drill('method', report.byMethod), byOutcome: drill('outcome', report.byOutcome), byInstitution: drill('institution', report.byInstitution) };
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
