import { Citation } from './citation.entity';
import { RecordRef } from './case-record-index';
import { SourceView } from './source.presenter';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { t } from '../i18n/i18n';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

export function presentCitation(c: Citation, source: SourceView, record: RecordRef | undefined, label?: Labeler) {
  return {
    id: c.id,
    anchor: `citation-${c.id}`,
    sourceId: c.sourceId,
    source,
    recordType: c.recordType,
    recordId: c.recordId,
    record: record ? { key: record.key, label: record.label, anchor: record.anchor } : { key: `${c.recordType}:${c.recordId}`, label: t('sources.records.gone'), anchor: null },
    attribution: c.attribution,
    /** "Found by an official inquiry": what the source does with the fact. */
    attributionLabel: c.attribution && label ? label('citation_attribution', c.attribution) : null,
    note: c.note,
  };
}
export type CitationView = ReturnType<typeof presentCitation>;

/** What a record shows of the sources it cites: enough to judge them at a glance. */
export function sourceBadge(s: SourceView, attributionLabel: string | null = null) {
  return { id: s.id, name: s.name, title: s.title, reliabilityLabel: s.reliabilityLabel, relationLabel: s.relationLabel, stateMedia: s.stateMedia, warning: s.warning, officialFinding: s.officialFinding, attributionLabel };
}
export type SourceBadge = ReturnType<typeof sourceBadge>;
