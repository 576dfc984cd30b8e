import { presentDate } from '../records/record-dates';
import { DataSource, EntityManager, In } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity';
import { AllegationMethod } from '../allegations/allegation-method.entity';
import { Actor } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound, validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';
import { fieldErrorsOf } from '../http/validate';
import { auditRecord } from '../records/record-audit';
import { assertTerms, vocabLabeler } from '../vocab/vocab.service';
import { requireEvidenceCase, requireItem } from './evidence-access';
import { IP_GRADES, IP_GRADE_LABELS, IpGrade } from './evidence-constants';
import { assertTargetsInCase } from './evidence-links';
import { EvaluationInput, FindingInput, evaluationSchema, findingInput } from './evidence.schema';
import { MedicalEvaluation } from './medical-evaluation.entity';
import { MedicalFinding } from './medical-finding.entity';
import { EvidenceItem } from './evidence-item.entity';
import { CaseAccess } from '../cases/case.policy';
import { can } from '../auth/policy';
import { caseRows } from '../db/read-memo';

const FIELDS = ['kind', 'examiner', 'examDate', 'place', 'present', 'policePresent', 'restrained', 'interpreter', 'consent', 'restrictions', 'overallGrade', 'overallOpinion', 'evidenceItemId'] as const;

/** Parses an evaluation with its findings (API: findings as an array; errors at findings.N.field). */
export function parseEvaluation(body: unknown): { ok: true; data: EvaluationInput } | { ok: false; errors: Record<string, string> } {
  const base = evaluationSchema.safeParse(body ?? {});
  const errors: Record<string, string> = base.success ? {} : fieldErrorsOf(base.error);
  const findings: FindingInput[] = [];
  const raw = (body as { findings?: unknown } | null)?.findings;
  if (Array.isArray(raw) && raw.length <= 200) {
    raw.forEach((one, i) => {
      const parsed = findingInput.safeParse(one ?? {});
      if (parsed.success) findings.push(parsed.data);
      else for (const [k, v] of Object.entries(fieldErrorsOf(parsed.error))) errors[`findings.${i}.${k}`] = v;
    });
  }
  if (!base.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { ...base.data, findings } };
}

/** Only an Istanbul Protocol evaluation grades every finding; other examinations (forensic, post-mortem) may leave grades out. */
export const GRADED_KIND = 'istanbul_protocol';

async function checkFindings(em: EntityManager, caseId: number, findings: FindingInput[], prefix: (i: number) => string, kind: string): Promise<void> {
  const ungraded = findings.findIndex((f) => f.grade === null);
  if (kind === GRADED_KIND && ungraded >= 0) throw validationFailed({ [`${prefix(ungraded)}grade`]: t('evidence.errors.gradeRequired') });
  for (const [i, f] of findings.entries()) {
    if (f.allegationId) await assertTargetsInCase(em, caseId, [{ kind: 'allegation', id: f.allegationId }], () => `${prefix(i)}allegationId`);
    await assertTerms(em, [{ field: `${prefix(i)}method`, vocabulary: 'torture_method', code: f.method }]);
  }
}

export async function createEvaluation(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, input: EvaluationInput): Promise<MedicalEvaluation> {
  return withTransaction(ds, async (em) => {
    await requireEvidenceCase(em, user, caseId, 'medical.create');
    if (input.evidenceItemId) {
      await requireItem(em, user, caseId, input.evidenceItemId).catch(() => {
        throw validationFailed({ evidenceItemId: t('evidence.errors.evidenceOfCase') });
      });
    }
    await assertTerms(em, [{ field: 'kind', vocabulary: 'examination_kind', code: input.kind }]);
    await checkFindings(em, caseId, input.findings, (i) => `findings.${i}.`, input.kind);
    const { findings, ...fields } = input;
    const evaluation = await em.save(MedicalEvaluation, em.create(MedicalEvaluation, { caseId, ...fields, examDate: fields.examDate!, createdById: user.id, updatedById: user.id }));
    for (const f of findings) await em.insert(MedicalFinding, { evaluationId: evaluation.id, ...f });
    await auditRecord(em, actor, 'medical_evaluation', evaluation.id, 'create', [...FIELDS.filter((k) => evaluation[k] != null), ...(findings.length ? ['findings'] : [])], caseId);
    return evaluation;
  });
}

export async function addFinding(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, evaluationId: number, input: FindingInput): Promise<void> {
  await withTransaction(ds, async (em) => {
    await requireEvidenceCase(em, user, caseId, 'medical.create');
    const evaluation = await em.findOneBy(MedicalEvaluation, { id: evaluationId, caseId });
    if (!evaluation) throw notFound(t('evidence.errors.noEvaluation'));
    await checkFindings(em, caseId, [input], () => '', evaluation.kind);
    await em.insert(MedicalFinding, { evaluationId, ...input });
    await auditRecord(em, actor, 'medical_evaluation', evaluationId, 'finding_add', ['findings'], caseId);
  });
}

export async function loadEvaluation(ds: DataSource, user: CurrentUser, caseId: number, evaluationId: number) {
  const { access } = await requireEvidenceCase(ds, user, caseId);
  const evaluation = await ds.getRepository(MedicalEvaluation).findOneBy({ id: evaluationId, caseId });
  if (!evaluation) throw notFound(t('evidence.errors.noEvaluation'));
  return (await presentEvaluations(ds, { user, access }, caseId, [evaluation]))[0]!;
}

/** Who is looking: the report an evaluation cites is named only when they may read that evidence item. */
export interface EvaluationViewer {
  user: CurrentUser;
  access: CaseAccess;
}

export async function evaluationsOf(ds: DataSource, viewer: EvaluationViewer, caseId: number) {
  const rows = await ds.getRepository(MedicalEvaluation).find({ where: { caseId }, order: { id: 'ASC' } });
  return presentEvaluations(ds, viewer, caseId, rows);
}

/** The evidence items among `ids` the viewer may read (a privileged report is unknown to non-lawyers). */
async function readableItems(ds: DataSource, viewer: EvaluationViewer, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const items = await ds.getRepository(EvidenceItem).find({ where: { id: In(ids) }, select: { id: true, confidentiality: true } });
  return new Set(items.filter((i) => can(viewer.user, 'evidence.read', { ...viewer.access, confidentiality: i.confidentiality })).map((i) => i.id));
}

async function presentEvaluations(ds: DataSource, viewer: EvaluationViewer, caseId: number, rows: MedicalEvaluation[]) {
  const label = await vocabLabeler(ds);
  const readable = await readableItems(ds, viewer, rows.map((r) => r.evidenceItemId).filter((id): id is number => id !== null));
  const findings = rows.length ? await ds.getRepository(MedicalFinding).find({ where: { evaluationId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } }) : [];
  const allegations = new Map((await caseRows(ds, Allegation, caseId)).map((a) => [a.id, a.summary || t('evidence.allegationN', { id: a.id })]));
  return rows.map((e) => ({
    id: e.id,
    url: `/cases/${caseId}/medical-evaluations/${e.id}`,
    kind: e.kind,
    kindLabel: label('examination_kind', e.kind),
    istanbulProtocol: e.kind === GRADED_KIND,
    examiner: e.examiner,
    examDate: presentDate(e.examDate) ?? { text: '', uncertain: true, precision: 'day', start: '', end: '' },
    place: e.place,
    conditions: { present: e.present, policePresent: e.policePresent, restrained: e.restrained, interpreter: e.interpreter, consent: e.consent, restrictions: e.restrictions },
    overallGrade: e.overallGrade,
    overallGradeLabel: e.overallGrade ? IP_GRADE_LABELS[e.overallGrade] : null,
    overallOpinion: e.overallOpinion,
    evidenceItemId: e.evidenceItemId !== null && readable.has(e.evidenceItemId) ? e.evidenceItemId : null,
    findings: findings
      .filter((f) => f.evaluationId === e.id)
      .map((f) => ({
        id: f.id,
        allegationId: f.allegationId,
        allegationLabel: f.allegationId ? (allegations.get(f.allegationId) ?? null) : null,
        method: f.method,
        methodLabel: f.method ? label('torture_method', f.method) : null,
        bodyLocation: f.bodyLocation,
        description: f.description,
        grade: f.grade,
        gradeLabel: f.grade ? IP_GRADE_LABELS[f.grade] : null,
      })),
  }));
}
export type EvaluationView = Awaited<ReturnType<typeof evaluationsOf>>[number];

/**
 * The grades beside the allegations they concern: findings tied to an allegation, and findings
 * tied to a method, shown beside every allegation of the case that names that method.
 */
export async function gradesByAllegation(ds: DataSource, caseId: number, evaluations: EvaluationView[]) {
  const allegations = await caseRows(ds, Allegation, caseId);
  const methods = allegations.length ? await ds.getRepository(AllegationMethod).find({ where: { allegationId: In(allegations.map((a) => a.id)) } }) : [];
  return allegations
    .map((a) => {
      const own = new Set(methods.filter((m) => m.allegationId === a.id).map((m) => m.code));
      const grades = evaluations.flatMap((e) =>
        e.findings
          .filter((f) => f.allegationId === a.id || (f.allegationId === null && f.method !== null && own.has(f.method)))
          .map((f) => ({ ...f, evaluationId: e.id, evaluationUrl: e.url, examiner: e.examiner, examDate: e.examDate.text, evaluationKindLabel: e.kindLabel })),
      );
      const strongest = grades.reduce<IpGrade | null>((best, g) => (g.grade !== null && (best === null || IP_GRADES.indexOf(g.grade) > IP_GRADES.indexOf(best)) ? g.grade : best), null);
      return { allegationId: a.id, label: a.summary || t('evidence.allegationN', { id: a.id }), grades, strongest: strongest ? IP_GRADE_LABELS[strongest] : null };
    })
    .filter((a) => a.grades.length > 0);
}
