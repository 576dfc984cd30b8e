import { SectionContext } from '../cases/case-section';
import { citationsOfCase } from './citation.service';
import { caseRecordIndex } from './case-record-index';
import { presentCitation, CitationView } from './citation.presenter';
import { presentSource, SourceView } from './source.presenter';
import { sourceChoices } from './source.service';
import { vocabOptions } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';

export interface SourcesSection {
  /** Each cited source once, with what it supports in this case. */
  sources: { source: SourceView; citations: CitationView[] }[];
  /** The citation form's choices (only for users who may edit the case). */
  form: { sources: { code: string; label: string }[]; records: { code: string; label: string }[]; attributions: { code: string; label: string }[] } | null;
}

/** The sources part of the case page: which sources the case rests on, and how far to trust them. */
export async function sourcesSection(ctx: SectionContext): Promise<SourcesSection> {
  const caseId = ctx.record.id;
  const [citations, records] = await Promise.all([citationsOfCase(ctx.ds, caseId), caseRecordIndex(ctx, caseId)]);
  const byKey = new Map(records.map((r) => [r.key, r]));
  const groups = new Map<number, { source: SourceView; citations: CitationView[] }>();
  for (const c of citations) {
    if (!c.source) continue;
    const group = groups.get(c.sourceId) ?? { source: presentSource(c.source, ctx.label), citations: [] };
    group.citations.push(presentCitation(c, group.source, byKey.get(`${c.recordType}:${c.recordId}`), ctx.label));
    groups.set(c.sourceId, group);
  }
  const form = ctx.canEdit
    ? {
        sources: (await sourceChoices(ctx.ds)).map((s) => ({ code: String(s.id), label: s.title ? t('sources.citation.sourceChoiceTitled', { name: s.name, title: s.title, relation: ctx.label('source_relation', s.relation) }) : t('sources.citation.sourceChoice', { name: s.name, relation: ctx.label('source_relation', s.relation) }) })),
        records: records.map((r) => ({ code: r.key, label: r.label })),
        attributions: await vocabOptions(ctx.ds, 'citation_attribution'),
      }
    : null;
  return { sources: [...groups.values()], form };
}
