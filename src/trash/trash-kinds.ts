import { hasKey, t } from '../i18n/i18n';

/**
 * How the trash names the records it holds. A table not listed (a record kind added later) is
 * still kept and restored: its kind is its table's name.
 */
export const TRASH_KINDS: Record<string, string> = {
  case_record: 'case',
  case_event: 'event',
  allegation: 'allegation',
  statement: 'statement',
  complaint: 'complaint',
  complaint_response: 'complaint response',
  proceeding: 'proceeding',
  proceeding_stage: 'proceeding stage',
  investigation: 'investigation',
  investigation_decision: 'investigation decision',
  statement_retraction: 'retraction or reaffirmation',
  person_death: 'death record',
  person: 'person',
  institution: 'institution',
  source: 'source',
  evidence_item: 'evidence item',
};

export function kindOf(table: string): string {
  return TRASH_KINDS[table] ?? table.replace(/_/g, ' ');
}

/**
 * A kind (as stored on a trash item and given by kindOf: "case", "complaint response") in the
 * current language: trash.kinds.* in the catalogues; a kind they do not name shows as it is.
 */
export function kindLabel(kind: string): string {
  const key = `trash.kinds.${kind.replace(/ /g, '_')}`;
  return hasKey(key) ? t(key) : kind;
}

/**
 * The addresses where a record used to be shown, so that an admin following an old link learns
 * it is in the trash. Most specific first: the record of the first pattern that is in the trash wins.
 */
export const TRASH_ADDRESSES: { pattern: RegExp; table: string }[] = [
  { pattern: /^\/cases\/\d+\/events\/(\d+)(?:\/|$)/, table: 'case_event' },
  { pattern: /^\/cases\/\d+\/allegations\/(\d+)(?:\/|$)/, table: 'allegation' },
  { pattern: /^\/cases\/\d+\/statements\/\d+\/retractions\/(\d+)(?:\/|$)/, table: 'statement_retraction' },
  { pattern: /^\/cases\/\d+\/statements\/(\d+)(?:\/|$)/, table: 'statement' },
  { pattern: /^\/cases\/\d+\/complaints\/\d+\/responses\/(\d+)(?:\/|$)/, table: 'complaint_response' },
  { pattern: /^\/cases\/\d+\/complaints\/(\d+)(?:\/|$)/, table: 'complaint' },
  { pattern: /^\/cases\/\d+\/proceedings\/\d+\/stages\/(\d+)(?:\/|$)/, table: 'proceeding_stage' },
  { pattern: /^\/cases\/\d+\/proceedings\/(\d+)(?:\/|$)/, table: 'proceeding' },
  { pattern: /^\/cases\/\d+\/investigations\/\d+\/decisions\/(\d+)(?:\/|$)/, table: 'investigation_decision' },
  { pattern: /^\/cases\/\d+\/investigations\/(\d+)(?:\/|$)/, table: 'investigation' },
  { pattern: /^\/cases\/\d+\/evidence\/(\d+)(?:\/|$)/, table: 'evidence_item' },
  { pattern: /^\/cases\/(\d+)(?:\/|$)/, table: 'case_record' },
  { pattern: /^\/people\/(\d+)(?:\/|$)/, table: 'person' },
  { pattern: /^\/institutions\/(\d+)(?:\/|$)/, table: 'institution' },
  { pattern: /^\/sources\/(\d+)(?:\/|$)/, table: 'source' },
];

const LABEL_COLUMNS = ['title', 'primary_name', 'name', 'summary', 'request', 'outcome', 'kind', 'type', 'code'];

/** What the trash list shows for a row: its title or name as it was, else its kind and id. */
export function labelOf(table: string, values: Record<string, unknown>): string {
  if (table === 'case_record') return `${values.code} · ${values.title}`;
  if (table === 'investigation') return [values.official_number, values.trigger && t('trash.labels.investigationOn', { trigger: String(values.trigger).replace(/_/g, ' ') })].filter(Boolean).join(' · ') || t('trash.labels.investigation', { id: values.id });
  if (table === 'investigation_decision' || table === 'statement_retraction') return [String(values.kind ?? kindOf(table)).replace(/_/g, ' '), values.forum, values.official].filter((v) => typeof v === 'string' && v.trim()).join(' · ');
  if (table === 'person_death') return t('trash.labels.death', { id: values.person_id });
  for (const c of LABEL_COLUMNS) {
    const v = values[c];
    if (typeof v === 'string' && v.trim()) return v.trim().replace(/\s+/g, ' ');
  }
  return `${kindOf(table)} ${values.id ?? ''}`.trim();
}
