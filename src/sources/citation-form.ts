import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { requireCase } from '../cases/case-access';
import { can } from '../auth/policy';
import { vocabLabeler } from '../vocab/vocab.service';
import { personLabels } from '../people/identity';
import { sourcesSection } from './sources.section';

/** What the stand-alone citation form needs: the case and the same choices as the case page. */
export async function loadCitationForm(ds: DataSource, user: CurrentUser, caseId: number) {
  const { record, access } = await requireCase(ds, user, caseId, 'case.update');
  const label = await vocabLabeler(ds);
  const section = await sourcesSection({ ds, user, record, access, canEdit: can(user, 'case.update', access), label, people: (ids) => personLabels(ds, user, ids) });
  return { caseRecord: { id: record.id, code: record.code, title: record.title }, form: section.form! };
}
