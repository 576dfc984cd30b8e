import { catalogueLabels } from '../records/catalogue-labels';

/**
 * The six families the timeline colours and shapes events by. The event_type vocabulary is
 * editable by admins; a term added later falls into "other" until it is mapped here.
 */
export const EVENT_CATEGORIES = ['detention', 'torture', 'complaint', 'court', 'release', 'other'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** The categories' names, in the reader's language (catalogue `timeline.categories`). */
export const CATEGORY_LABELS: Record<EventCategory, string> = catalogueLabels('timeline.categories', EVENT_CATEGORIES);

const BY_TYPE: Record<string, EventCategory> = {
  arrest: 'detention',
  abduction: 'detention',
  detention: 'detention',
  search: 'detention',
  transfer: 'detention',
  interrogation: 'detention',
  torture_ill_treatment: 'torture',
  death_in_custody: 'torture',
  threat_reprisal: 'torture',
  complaint: 'complaint',
  investigation_refused: 'complaint',
  investigation_opened: 'complaint',
  investigation_suspended: 'complaint',
  investigation_closed: 'complaint',
  medical_examination: 'complaint',
  document_destroyed: 'torture',
  denial_of_medical_care: 'torture',
  evidence_published: 'complaint',
  officials_disciplined: 'complaint',
  monitoring_visit: 'complaint',
  confession: 'court',
  retraction: 'court',
  charged: 'court',
  hearing: 'court',
  verdict: 'court',
  acquittal: 'court',
  annulment: 'court',
  appeal: 'court',
  release: 'release',
};

export function categoryOf(eventType: string): EventCategory {
  return BY_TYPE[eventType] ?? 'other';
}

/** The event types of these categories (the mapping above), for queries. */
export function typesOf(categories: readonly EventCategory[]): string[] {
  return Object.entries(BY_TYPE).filter(([, c]) => categories.includes(c)).map(([type]) => type);
}
