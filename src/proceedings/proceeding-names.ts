import { DataSource } from 'typeorm';
import { Proceeding } from './proceeding.entity';
import { institutionLabels } from '../records/record-refs';
import { proceedingName } from '../sources/case-record-index';
import { caseRows } from '../db/read-memo';

/** The proceedings of a case by name ("The Nalchik trial"), for selects and links. */
export async function caseProceedingNames(ds: DataSource, caseId: number): Promise<Map<number, string>> {
  const rows = await caseRows(ds, Proceeding, caseId);
  const courts = await institutionLabels(ds, rows.map((p) => p.courtInstitutionId));
  return new Map(rows.map((p) => [p.id, proceedingName(p, p.courtInstitutionId ? courts.get(p.courtInstitutionId)?.label : null)]));
}
