import { DataSource } from 'typeorm';
import { CaseAccess } from '../cases/case.policy';
import { CurrentUser } from '../http/context';
import { evaluationsOf } from '../evidence/medical.service';
import { DossierItem } from './dossier.model';
import { t } from '../i18n/i18n';

/** yes, no, not known (dossier.medical.answer.*). */
const answer = (value: string) => t(`dossier.medical.answer.${value}`, { defaultValue: value });
const grade = (code: string | null) => (code ? t(`dossier.medical.grade.${code}`) : t('dossier.medical.ungraded'));

/**
 * The case's medical and forensic evaluations with their grades, as the case page shows them
 * (evidence/medical.service.ts decides what this user may see: the report is named only to those
 * who may read that evidence item).
 */
export async function medicalItems(ds: DataSource, user: CurrentUser, caseId: number, access: CaseAccess): Promise<DossierItem[]> {
  const evaluations = await evaluationsOf(ds, { user, access }, caseId);
  const fact = (key: string, value: string): [string, string] => [t(`dossier.medical.${key}`), value];
  return evaluations.map((e) => ({
    anchor: `medical-${e.id}`,
    heading: t('dossier.medical.heading', { examiner: e.examiner }),
    date: e.examDate.text || null,
    facts: [
      fact('overall', e.overallGrade ? t(`dossier.medical.overallGrade.${e.overallGrade}`) : t('dossier.medical.notGiven')),
      ...(e.place ? [fact('place', e.place)] : []),
      ...(e.conditions.present ? [fact('present', e.conditions.present)] : []),
      fact(
        'conditions',
        t('dossier.medical.conditionsText', { police: answer(e.conditions.policePresent), restraints: answer(e.conditions.restrained), interpreter: answer(e.conditions.interpreter), consent: answer(e.conditions.consent) }),
      ),
      ...(e.conditions.restrictions ? [fact('restrictions', e.conditions.restrictions)] : []),
      ...e.findings.map((f, i): [string, string] => [
        t('dossier.medical.finding', { n: i + 1, grade: grade(f.grade) }),
        [f.allegationLabel || f.methodLabel, f.allegationLabel && f.methodLabel ? `(${f.methodLabel})` : null, `— ${f.bodyLocation}`, f.description ? `— ${f.description}` : null].filter(Boolean).join(' '),
      ]),
      ...(e.evidenceItemId ? [fact('report', t('dossier.medical.reportOnFile', { id: e.evidenceItemId }))] : []),
    ],
    text: e.overallOpinion,
    flags: e.examDate.uncertain ? [t('dossier.medical.dateUncertain')] : [],
  }));
}
