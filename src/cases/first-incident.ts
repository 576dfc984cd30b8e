import { DataSource } from 'typeorm';
import { typesOf } from '../events/event-category';
import { presentDate } from '../records/record-dates';

/**
 * A case's first incident: the earliest event of what was done to the person — detention
 * (arrest, abduction, detention, search, transfer, interrogation) or ill-treatment (torture,
 * threats, denial of medical care, death in custody...) — by the start of its date. Complaints,
 * investigations and court steps follow from an incident and are not one. An event type added
 * by an admin counts once it is given one of those categories (events/event-category.ts).
 */
export const INCIDENT_TYPES = typesOf(['detention', 'torture']);
const TYPE_LIST = INCIDENT_TYPES.map((type) => `'${type}'`).join(', ');

/**
 * The start of the first incident of case `caseIdExpr`, as SQL. The walk goes through the events
 * index on (case_id, date_start) in date order and stops at the first incident, which is nearly
 * always the case's first or second event: a seek and a row or two per case, no stored column
 * to keep up to date.
 */
export const firstIncidentStartSql = (caseIdExpr: string) =>
  `(SELECT fi.date_start FROM case_event fi WHERE fi.case_id = ${caseIdExpr} AND fi.type IN (${TYPE_LIST}) ORDER BY fi.date_start LIMIT 1)`;

/** The first incident's date of each of these cases (a page of a list), as the lists show dates. */
export async function firstIncidents(ds: DataSource, caseIds: number[]): Promise<Map<number, NonNullable<ReturnType<typeof presentDate>>>> {
  const out = new Map<number, NonNullable<ReturnType<typeof presentDate>>>();
  if (caseIds.length === 0) return out;
  const rows: { caseId: number; precision: string; start: string; end: string }[] = await ds.query(
    `SELECT case_id AS "caseId", date_precision AS precision, date_start AS start, date_end AS "end" FROM case_event
      WHERE case_id IN (${caseIds.map(() => '?').join(',')}) AND type IN (${TYPE_LIST}) ORDER BY case_id, date_start, date_end, id`,
    caseIds,
  );
  for (const r of rows) {
    if (out.has(Number(r.caseId))) continue;
    const view = presentDate(r);
    if (view) out.set(Number(r.caseId), view);
  }
  return out;
}
