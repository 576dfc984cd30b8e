import { CaseRecord, CountPrecision } from './case.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';
import { t } from '../i18n/i18n';

type Labeler = (vocabulary: Vocabulary, code: string | null | undefined) => string;

/** "around 40", "at least 2", "size unknown": a count as precisely as it is known; null when not entered. */
export function describeCount(count: number | null, precision: CountPrecision | null): string | null {
  if (precision === 'unknown') return t('cases.group.sizeUnknown');
  if (count == null) return null;
  return !precision || precision === 'exact' ? String(count) : t(`cases.count.${precision}`, { n: count });
}

type GroupCounts = Pick<CaseRecord, 'groupCount' | 'groupCountPrecision' | 'groupDeathCount' | 'groupDeathCountPrecision'>;

/**
 * A case's group as a sentence reads it, in the reader's language: "around 40 people" (plural
 * forms by the number), "size unknown"; "at least 2 dead", "deaths, number unknown". Null parts
 * were not entered.
 */
export function groupPhrases(c: GroupCounts): { people: string | null; deaths: string | null } {
  const phrase = (noun: 'people' | 'dead', count: number | null, precision: CountPrecision | null) =>
    count == null ? null : t(`cases.group.${noun}.${precision && precision !== 'unknown' ? precision : 'exact'}`, { count });
  return {
    people: c.groupCountPrecision === 'unknown' ? t('cases.group.sizeUnknown') : phrase('people', c.groupCount, c.groupCountPrecision),
    deaths: c.groupDeathCountPrecision === 'unknown' ? t('cases.group.deathsUnknown') : phrase('dead', c.groupDeathCount, c.groupDeathCountPrecision),
  };
}

/**
 * `regions`: all the case's regions (cases/case-regions.ts), the primary first; without them,
 * the primary region alone.
 */
export function presentCaseSummary(c: CaseRecord, label: Labeler, victims: PersonLabel[] = [], tags: string[] = [], regions?: string[]) {
  const groupCount = describeCount(c.groupCount, c.groupCountPrecision);
  const deaths = describeCount(c.groupDeathCount, c.groupDeathCountPrecision);
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    status: c.status,
    statusLabel: label('case_status', c.status),
    region: c.region,
    regionLabel: c.region ? label('region', c.region) : null,
    regions: (regions ?? (c.region ? [c.region] : [])).map((code) => ({ code, label: label('region', code), primary: code === c.region })),
    restricted: c.restricted,
    victims: victims.map((v) => ({ id: v.id, label: v.label, hidden: v.hidden })),
    group: c.groupDescription || groupCount || deaths ? { description: c.groupDescription, count: groupCount, sizeUnknown: c.groupCountPrecision === 'unknown', deaths } : null,
    tags,
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type CaseSummaryView = ReturnType<typeof presentCaseSummary>;

export function presentCase(c: CaseRecord, label: Labeler, victims: PersonLabel[] = [], tags: string[] = [], regions?: string[]) {
  return {
    ...presentCaseSummary(c, label, victims, tags, regions),
    summary: c.summary,
    groupDescription: c.groupDescription,
    groupCount: c.groupCount,
    groupCountPrecision: c.groupCountPrecision,
    groupDeathCount: c.groupDeathCount,
    groupDeathCountPrecision: c.groupDeathCountPrecision,
    createdAt: c.createdAt.toISOString(),
    createdById: c.createdById,
    updatedById: c.updatedById,
  };
}
export type CaseView = ReturnType<typeof presentCase>;

/** What a form shows for a case: the stored values as strings. */
export function caseFormValues(c?: CaseRecord, tags: string[] = []) {
  return {
    code: c?.code ?? '',
    title: c?.title ?? '',
    summary: c?.summary ?? '',
    status: c?.status ?? 'open',
    region: c?.region ?? '',
    restricted: c?.restricted ?? false,
    groupDescription: c?.groupDescription ?? '',
    groupCount: c?.groupCount == null ? '' : String(c.groupCount),
    groupCountPrecision: c?.groupCountPrecision ?? '',
    groupDeathCount: c?.groupDeathCount == null ? '' : String(c.groupDeathCount),
    groupDeathCountPrecision: c?.groupDeathCountPrecision ?? '',
    tags: tags.join(', '),
    year: '',
  };
}
