import { EVIDENCE_TYPES, type EvidenceType } from '../media/allow-lists';
import { t } from '../i18n/i18n';

/** Fixed lists used by the evidence tables' CHECK constraints, the forms and the presenters. */
export { EVIDENCE_TYPES, type EvidenceType };

/**
 * Labels in the language of the request being served: each property reads the catalogue when it
 * is read (`evidence.types.photo` ...), so code that indexes these maps needs no change.
 */
function catalogueLabels<K extends string>(codes: readonly K[], prefix: string): Record<K, string> {
  const labels = {} as Record<K, string>;
  for (const code of codes) Object.defineProperty(labels, code, { enumerable: true, get: () => t(`${prefix}.${code}`) });
  return Object.freeze(labels);
}

export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = catalogueLabels(EVIDENCE_TYPES, 'evidence.types');

export const RECEIVED_HOW = ['in_person', 'email', 'messenger', 'court_file', 'other'] as const;
export type ReceivedHow = (typeof RECEIVED_HOW)[number];
export const RECEIVED_HOW_LABELS: Record<ReceivedHow, string> = catalogueLabels(RECEIVED_HOW, 'evidence.receivedHow');

/** normal: every reader of the case; sensitive: files only for admins, lawyers, researchers; privileged: lawyers and admins only. */
export const CONFIDENTIALITY = ['normal', 'sensitive', 'privileged'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];
export const CONFIDENTIALITY_LABELS: Record<Confidentiality, string> = catalogueLabels(CONFIDENTIALITY, 'evidence.confidentiality');

export const PREVIEW_STATES = ['pending', 'ready', 'none'] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

export const FILE_CATEGORY_VALUES = ['image', 'pdf', 'video', 'audio', 'office', 'text', 'other'] as const;

export const LINK_KINDS = ['event', 'allegation', 'statement', 'person'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Istanbul Protocol grades, weakest to strongest. */
export const IP_GRADES = ['not_consistent', 'consistent', 'highly_consistent', 'typical', 'diagnostic'] as const;
export type IpGrade = (typeof IP_GRADES)[number];
export const IP_GRADE_LABELS: Record<IpGrade, string> = catalogueLabels(IP_GRADES, 'evidence.grades');

export const TRI_STATE = ['yes', 'no', 'unknown'] as const;
export type TriState = (typeof TRI_STATE)[number];

export const ALERT_KINDS = ['mismatch', 'missing'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const inList = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(',')})`;
