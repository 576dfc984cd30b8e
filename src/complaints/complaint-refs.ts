import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { personLabels } from '../people/identity';
import { institutionLabels } from '../records/record-refs';
import { citedSourcesByRecord } from '../sources/cited-sources';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { ComplaintRecord } from './complaint.service';
import { ComplaintRefs } from './complaint.presenter';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** Labels for everything the given complaints and their responses link to. */
export async function loadComplaintRefs(ds: DataSource, user: CurrentUser, label: Labeler, caseId: number, complaints: ComplaintRecord[]): Promise<ComplaintRefs> {
  const [people, institutions, sources] = await Promise.all([
    personLabels(ds, user, complaints.map((c) => c.filedByPersonId).filter((id): id is number => id !== null)),
    institutionLabels(ds, [...complaints.map((c) => c.toInstitutionId), ...complaints.flatMap((c) => c.responseList.map((r) => r.respondingInstitutionId))]),
    citedSourcesByRecord(ds, caseId, label),
  ]);
  return { label, people, institutions, sources };
}
