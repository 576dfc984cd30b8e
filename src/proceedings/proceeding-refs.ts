import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { personLabels } from '../people/identity';
import { institutionLabels } from '../records/record-refs';
import { citedSourcesByRecord } from '../sources/cited-sources';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { ProceedingRecord } from './proceeding.service';
import { ProceedingRefs } from './proceeding.presenter';
import { deathsOf } from '../people/person-death';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export async function loadProceedingRefs(ds: DataSource, user: CurrentUser, label: Labeler, caseId: number, rows: ProceedingRecord[]): Promise<ProceedingRefs> {
  const [people, institutions, sources, deaths] = await Promise.all([
    personLabels(ds, user, rows.flatMap((p) => p.defendantIds)),
    institutionLabels(ds, [...rows.map((p) => p.courtInstitutionId), ...rows.flatMap((p) => p.stageList.map((s) => s.courtInstitutionId))]),
    citedSourcesByRecord(ds, caseId, label),
    deathsOf(ds, rows.flatMap((p) => p.defendantIds)),
  ]);
  return { label, people, institutions, sources, deaths };
}
