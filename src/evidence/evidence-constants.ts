import { EVIDENCE_TYPES, type EvidenceType } from '../media/allow-lists';

/** Fixed lists used by the evidence tables' CHECK constraints, the forms and the presenters. */
export { EVIDENCE_TYPES, type EvidenceType };

export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  photo: 'Photo',
  video: 'Video',
  audio: 'Audio recording',
  medical_record: 'Medical record',
  medical_evaluation: 'Medical evaluation',
  forensic_report: 'Forensic report',
  court_document: 'Court document',
  statement_document: 'Statement document',
  complaint_or_response: 'Complaint or official response',
  testimony_transcript: 'Testimony transcript',
  media_report: 'Media report or web capture',
  letter: 'Letter',
  official_report: 'Official report (ombudsman, monitoring body, inquiry)',
  other: 'Other',
};

export const RECEIVED_HOW = ['in_person', 'email', 'messenger', 'court_file', 'other'] as const;
export type ReceivedHow = (typeof RECEIVED_HOW)[number];
export const RECEIVED_HOW_LABELS: Record<ReceivedHow, string> = {
  in_person: 'In person',
  email: 'E-mail',
  messenger: 'Messenger',
  court_file: 'Court file',
  other: 'Other',
};

/** normal: every reader of the case; sensitive: files only for admins, lawyers, researchers; privileged: lawyers and admins only. */
export const CONFIDENTIALITY = ['normal', 'sensitive', 'privileged'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];
export const CONFIDENTIALITY_LABELS: Record<Confidentiality, string> = {
  normal: 'Normal',
  sensitive: 'Sensitive',
  privileged: 'Privileged (lawyer–client)',
};

export const PREVIEW_STATES = ['pending', 'ready', 'none'] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

export const FILE_CATEGORY_VALUES = ['image', 'pdf', 'video', 'audio', 'office', 'text', 'other'] as const;

export const LINK_KINDS = ['event', 'allegation', 'statement', 'person'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Istanbul Protocol grades, weakest to strongest. */
export const IP_GRADES = ['not_consistent', 'consistent', 'highly_consistent', 'typical', 'diagnostic'] as const;
export type IpGrade = (typeof IP_GRADES)[number];
export const IP_GRADE_LABELS: Record<IpGrade, string> = {
  not_consistent: 'not consistent with',
  consistent: 'consistent with',
  highly_consistent: 'highly consistent with',
  typical: 'typical of',
  diagnostic: 'diagnostic of',
};

export const TRI_STATE = ['yes', 'no', 'unknown'] as const;
export type TriState = (typeof TRI_STATE)[number];

export const ALERT_KINDS = ['mismatch', 'missing'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const inList = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(',')})`;
