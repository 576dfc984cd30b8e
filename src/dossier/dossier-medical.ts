import { DataSource } from 'typeorm';
import { CaseAccess } from '../cases/case.policy';
import { CurrentUser } from '../http/context';
import { evaluationsOf } from '../evidence/medical.service';
import { DossierItem } from './dossier.model';

const YES_NO: Record<string, string> = { yes: 'yes', no: 'no', unknown: 'not known' };

/**
 * The case's medical and forensic evaluations with their grades, as the case page shows them
 * (evidence/medical.service.ts decides what this user may see: the report is named only to those
 * who may read that evidence item).
 */
export async function medicalItems(ds: DataSource, user: CurrentUser, caseId: number, access: CaseAccess): Promise<DossierItem[]> {
  const evaluations = await evaluationsOf(ds, { user, access }, caseId);
  return evaluations.map((e) => ({
    anchor: `medical-${e.id}`,
    heading: `Medical evaluation by ${e.examiner}`,
    date: e.examDate.text || null,
    facts: [
      ['Overall opinion', e.overallGradeLabel ? `${e.overallGradeLabel} torture or ill-treatment` : 'not given'],
      ...(e.place ? ([['Place', e.place]] as [string, string][]) : []),
      ...(e.conditions.present ? ([['Present', e.conditions.present]] as [string, string][]) : []),
      ['Conditions', `police present: ${YES_NO[e.conditions.policePresent]}; restraints: ${YES_NO[e.conditions.restrained]}; interpreter: ${YES_NO[e.conditions.interpreter]}; consent: ${YES_NO[e.conditions.consent]}`],
      ...(e.conditions.restrictions ? ([['Restrictions', e.conditions.restrictions]] as [string, string][]) : []),
      ...e.findings.map((f, i): [string, string] => [
        `Finding ${i + 1}: ${f.gradeLabel}`,
        [f.allegationLabel || f.methodLabel, f.allegationLabel && f.methodLabel ? `(${f.methodLabel})` : null, `— ${f.bodyLocation}`, f.description ? `— ${f.description}` : null].filter(Boolean).join(' '),
      ]),
      ...(e.evidenceItemId ? ([['Report', `on file as evidence item ${e.evidenceItemId}`]] as [string, string][]) : []),
    ],
    text: e.overallOpinion,
    flags: e.examDate.uncertain ? ['Date uncertain'] : [],
  }));
}
