import { DataSource } from 'typeorm';
import { can } from '../auth/policy';
import { CaseAccess } from '../cases/case.policy';
import { Complaint } from '../complaints/complaint.entity';
import { EvidenceItem } from '../evidence/evidence-item.entity';
import '../evidence/evidence.policy';
import { CurrentUser } from '../http/context';
import { institutionPickerValue } from '../records/picker-values';
import { presentDate } from '../records/record-dates';
import { vocabLabeler, vocabOptions } from '../vocab/vocab.service';
import { DecisionFormValues, InvestigationFormValues } from './investigation.presenter';
import { listCaseDecisions } from './investigation.service';
import { t } from '../i18n/i18n';

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export async function investigationFormOptions(ds: DataSource, caseId: number, values: InvestigationFormValues, previousTrigger?: string) {
  const label = await vocabLabeler(ds);
  const complaints = await ds.getRepository(Complaint).find({ where: { caseId }, order: { id: 'ASC' } });
  return {
    triggers: await vocabOptions(ds, 'investigation_trigger', [str(values.trigger), previousTrigger]),
    complaints: complaints.map((c) => ({ code: String(c.id), label: `${label('complaint_request', c.request)}${c.date.start ? `, ${presentDate(c.date)?.text}` : ''} (#${c.id})` })),
    institution: await institutionPickerValue(ds, str(values.institutionId)),
  };
}

/** The choices of the decision form: kinds, the case's evidence items this user may read, institutions. */
export async function decisionFormOptions(ds: DataSource, user: CurrentUser, access: CaseAccess, caseId: number, values: DecisionFormValues, previousKind?: string) {
  const items = await ds.getRepository(EvidenceItem).find({ where: { caseId }, select: { id: true, title: true, confidentiality: true }, order: { id: 'ASC' } });
  const documents = items.filter((i) => can(user, 'evidence.read', { ...access, confidentiality: i.confidentiality })).map((i) => ({ code: String(i.id), label: `${i.title} (#${i.id})` }));
  // A document linked by someone who may read it stays linked when this user saves the form.
  const current = str(values.evidenceItemId);
  if (current && !documents.some((d) => d.code === current) && items.some((i) => String(i.id) === current)) documents.unshift({ code: current, label: t('investigations.form.withheldDocument') });
  return {
    kinds: await vocabOptions(ds, 'investigation_decision', [str(values.kind), previousKind]),
    documents,
    institution: await institutionPickerValue(ds, str(values.institutionId)),
    transferredTo: await institutionPickerValue(ds, str(values.transferredToId)),
  };
}

/** The complaint response form's picker: every decision of the case's investigations, readable. */
export async function responseDecisionOptions(ds: DataSource, caseId: number) {
  const label = await vocabLabeler(ds);
  const decisions = await listCaseDecisions(ds, caseId);
  return decisions.map((d) => ({ code: String(d.id), label: `${label('investigation_decision', d.kind)}${d.date.start ? `, ${presentDate(d.date)?.text}` : ''} ${t('investigations.form.decisionOption', { investigation: d.investigationId, position: d.position })}` }));
}
