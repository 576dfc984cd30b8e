import { DataSource } from 'typeorm';

/**
 * A case's regions: its own region (the primary one, case_record.region) and every region where
 * one of its events happened (case_event.region). The region filter, the facets, the reports and
 * the case list all read them from here, so a case in two regions is found, and counted, in both.
 */

/** Ids of the cases with region `?` among their regions; takes the region twice. */
export const CASES_IN_REGION_SQL = `SELECT rc.id FROM case_record rc WHERE rc.region = ? UNION SELECT re.case_id FROM case_event re WHERE re.region = ?`;

/** (case_id, region) pairs, each once, of the cases whose id column satisfies `inCases`. */
export function caseRegionsSql(inCases: (column: string) => string): string {
  return `SELECT c.id AS case_id, c.region AS region FROM case_record c WHERE c.region IS NOT NULL AND ${inCases('c.id')}
    UNION SELECT e.case_id, e.region FROM case_event e WHERE e.region IS NOT NULL AND ${inCases('e.case_id')}`;
}

/** The regions of these cases: the primary first, then its events' regions in code order. */
export async function regionsOfCases(ds: DataSource, caseIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return out;
  const list = caseIds.map(Number).filter(Number.isSafeInteger).join(',');
  const rows: { case_id: number; region: string; own: number }[] = await ds.query(
    `SELECT c.id AS case_id, c.region AS region, 1 AS own FROM case_record c WHERE c.id IN (${list}) AND c.region IS NOT NULL
     UNION SELECT e.case_id, e.region, 0 FROM case_event e WHERE e.case_id IN (${list}) AND e.region IS NOT NULL
     ORDER BY case_id, own DESC, region`,
  );
  for (const r of rows) {
    const regions = out.get(Number(r.case_id));
    if (regions && !regions.includes(r.region)) regions.push(r.region);
  }
  return out;
}
