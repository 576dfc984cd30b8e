import { SOURCE_KIND_LABELS, Source } from './source.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { isHttpUrl } from '../records/record-fields';
import { dateInput, presentDate } from '../records/record-dates';
import { t } from '../i18n/i18n';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** State media may report deliberately false things: every view of such a source says so (in the current language). */
export const stateMediaWarning = () => t('sources.stateMedia');

export function presentSource(s: Source, label: Labeler) {
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: SOURCE_KIND_LABELS[s.kind] ?? s.kind,
    /** A finding by an official body: neither a court nor a party's word. */
    officialFinding: s.kind === 'official_finding',
    name: s.name,
    title: s.title,
    url: s.url,
    /** Only ever an http(s) address, so a view can use it as a link. */
    href: s.url && isHttpUrl(s.url) ? s.url : null,
    /** "www.hrw.org": what a link to the address says. */
    host: s.url && isHttpUrl(s.url) ? new URL(s.url).host : null,
    date: presentDate(s.date),
    reliability: s.reliability,
    reliabilityLabel: label('reliability', s.reliability),
    relation: s.relation,
    relationLabel: label('source_relation', s.relation),
    stateMedia: s.relation === 'state_media',
    warning: s.relation === 'state_media' ? stateMediaWarning() : null,
    note: s.note,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
export type SourceView = ReturnType<typeof presentSource>;

export function sourceFormValues(s?: Source) {
  return {
    kind: s?.kind ?? 'organisation',
    name: s?.name ?? '',
    title: s?.title ?? '',
    url: s?.url ?? '',
    date: dateInput(s?.date),
    reliability: s?.reliability ?? 'cannot_be_judged',
    relation: s?.relation ?? 'ngo',
    note: s?.note ?? '',
  };
}
export type SourceFormValues = ReturnType<typeof sourceFormValues>;
