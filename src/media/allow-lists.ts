import { describeCategory, type FileCategory } from './categories';
import type { DetectedType } from './detect-type';

export const EVIDENCE_TYPES = [
  'photo',
  'video',
  'audio',
  'medical_record',
  'medical_evaluation',
  'forensic_report',
  'court_document',
  'statement_document',
  'complaint_or_response',
  'testimony_transcript',
  'media_report',
  'letter',
  'official_report',
  'other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const DOCUMENTS: readonly FileCategory[] = ['pdf', 'image', 'office', 'text'];

/**
 * Which kinds of file each evidence type accepts. `other` (HTML, SVG, archives, executables,
 * unrecognised bytes) is in no list: only a lawyer or admin may keep such a file, as "other binary".
 * Documents accept images because paper records usually arrive as scans or phone photos.
 */
export const ALLOWED_CATEGORIES: Readonly<Record<EvidenceType, readonly FileCategory[]>> = {
  photo: ['image'],
  video: ['video'],
  audio: ['audio'],
  medical_record: DOCUMENTS,
  medical_evaluation: DOCUMENTS,
  forensic_report: DOCUMENTS,
  court_document: DOCUMENTS,
  statement_document: DOCUMENTS,
  complaint_or_response: DOCUMENTS,
  testimony_transcript: DOCUMENTS,
  media_report: [...DOCUMENTS, 'video', 'audio'],
  letter: DOCUMENTS,
  official_report: DOCUMENTS,
  other: ['image', 'pdf', 'video', 'audio', 'office', 'text'],
};

const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  photo: 'A photo',
  video: 'A video',
  audio: 'An audio recording',
  medical_record: 'A medical record',
  medical_evaluation: 'A medical evaluation',
  forensic_report: 'A forensic report',
  court_document: 'A court document',
  statement_document: 'A statement document',
  complaint_or_response: 'A complaint or official response',
  testimony_transcript: 'A testimony transcript',
  media_report: 'A media report',
  letter: 'A letter',
  official_report: 'An official report',
  other: 'Other evidence',
};

export type AllowCheck = { ok: true } | { ok: false; message: string };

export function checkAllowed(evidenceType: EvidenceType, detected: DetectedType): AllowCheck {
  const allowed = ALLOWED_CATEGORIES[evidenceType];
  if (allowed.includes(detected.category)) return { ok: true };
  const accepted = joinAlternatives(allowed.map(describeCategory));
  return {
    ok: false,
    message: `${EVIDENCE_TYPE_LABELS[evidenceType]} must be ${accepted}; this file's content is ${detected.description}.`,
  };
}

/** ["a PDF", "an image", "a plain-text file"] -> "a PDF, an image or a plain-text file". */
function joinAlternatives(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
