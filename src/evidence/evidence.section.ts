import { can } from '../auth/policy';
import { SectionContext } from '../cases/case-section';
import { EVIDENCE_TYPE_LABELS, EvidenceType } from './evidence-constants';
import { visibilityFor } from './evidence-page';
import { filesOf, listEvidence } from './evidence.service';
import { presentItemSummary } from './evidence.presenter';
import { evaluationsOf, gradesByAllegation } from './medical.service';
import './evidence.policy';

/** The evidence part of the case page: thumbnails and counts, medical evaluations, and the grades beside the allegations. */
export async function evidenceSection(ctx: SectionContext) {
  const { ds, user, record, access } = ctx;
  const items = await listEvidence(ds, user, record.id, access);
  const files = await filesOf(ds, items.map((i) => i.id));
  const views = items.map((item) => presentItemSummary(record.id, item, files.filter((f) => f.itemId === item.id), visibilityFor(user, { ...access, confidentiality: item.confidentiality })));
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.type, (counts.get(item.type) ?? 0) + 1);
  const evaluations = await evaluationsOf(ds, { user, access }, record.id);
  return {
    items: views.slice(0, 24),
    total: items.length,
    fileCount: files.length,
    counts: [...counts.entries()].map(([type, count]) => ({ type, label: EVIDENCE_TYPE_LABELS[type as EvidenceType] ?? type, count })),
    evaluations,
    grades: await gradesByAllegation(ds, record.id, evaluations),
    canUpload: can(user, 'evidence.create', access),
    canExport: can(user, 'evidence.export', access),
    canMedical: can(user, 'medical.create', access),
  };
}
export type EvidenceSectionView = Awaited<ReturnType<typeof evidenceSection>>;
