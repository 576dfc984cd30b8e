import { DataSource, In } from 'typeorm';
import { CurrentUser } from '../http/context';
import { CaseRecord } from '../cases/case.entity';
import { citationsOfSource } from './citation.service';
import { caseRecordIndex, isCaseCitable } from './case-record-index';
import { personLabels } from '../people/identity';
import { institutionLabels } from '../records/record-refs';
import { vocabLabeler } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';

export interface SourceUsage {
  cases: { id: number; code: string; title: string; records: { label: string; href: string; note: string | null }[] }[];
  others: { label: string; href: string | null; hidden: boolean; note: string | null }[];
}

/** Where a source is cited, only in cases the user may see, with names as the user may see them. */
export async function sourceUsage(ds: DataSource, user: CurrentUser, sourceId: number): Promise<SourceUsage> {
  const citations = await citationsOfSource(ds, user, sourceId);
  const caseIds = [...new Set(citations.map((c) => c.caseId).filter((id): id is number => id !== null))];
  const cases = caseIds.length ? await ds.getRepository(CaseRecord).find({ where: { id: In(caseIds) }, order: { code: 'ASC' } }) : [];
  const label = await vocabLabeler(ds);
  const ctx = { ds, label, people: (ids: Iterable<number>) => personLabels(ds, user, ids) };
  const out: SourceUsage = { cases: [], others: [] };
  for (const c of cases) {
    const index = new Map((await caseRecordIndex(ctx, c.id)).map((r) => [r.key, r]));
    const records = citations
      .filter((ci) => ci.caseId === c.id)
      .map((ci) => {
        const ref = index.get(`${ci.recordType}:${ci.recordId}`);
        return { label: ref?.label ?? t('sources.records.gone'), href: `/cases/${c.id}${ref ? `#${ref.anchor}` : ''}`, note: ci.note };
      });
    out.cases.push({ id: c.id, code: c.code, title: c.title, records });
  }
  const people = await personLabels(ds, user, citations.filter((c) => c.caseId === null && c.recordType === 'person').map((c) => c.recordId));
  const institutions = await institutionLabels(ds, citations.filter((c) => c.caseId === null && c.recordType === 'institution').map((c) => c.recordId));
  for (const ci of citations.filter((c) => c.caseId === null && !isCaseCitable(c.recordType))) {
    if (ci.recordType === 'person') {
      const p = people.get(ci.recordId);
      if (p) out.others.push({ label: p.label, href: p.hidden ? null : `/people/${p.id}`, hidden: p.hidden, note: p.hidden ? null : ci.note });
    } else if (ci.recordType === 'institution') {
      const i = institutions.get(ci.recordId);
      if (i) out.others.push({ label: i.label, href: `/institutions/${i.id}`, hidden: false, note: ci.note });
    }
  }
  return out;
}
