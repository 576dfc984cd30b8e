import { presentDate } from '../records/record-dates';
import { partialDateToInput } from '../db/partial-date';
import {
  CONFIDENTIALITY_LABELS,
  EVIDENCE_TYPE_LABELS,
  RECEIVED_HOW_LABELS,
  type Confidentiality,
  type EvidenceType,
  type ReceivedHow,
} from './evidence-constants';
import { EvidenceItem } from './evidence-item.entity';
import { EvidenceFile } from './evidence-file.entity';
import { FileWithHash } from './evidence-files';
import { isInlineSafe, type FileCategory } from '../media/categories';
import { formatBytes } from './evidence-upload';

export interface Visibility {
  /** May see the files, thumbnails and metadata. */
  files: boolean;
  /** May see GPS positions. */
  gps: boolean;
}

/** The API's one date shape (records/record-dates.ts), or null when the date was not recorded. */
const dateView = (d: { precision: string | null; start: string | null; end: string | null }) => presentDate(d);

export function itemBase(caseId: number, item: EvidenceItem) {
  return `/cases/${caseId}/evidence/${item.id}`;
}

/** Audio in the MP4/QuickTime container, where phones write a position as they do in videos. */
const MP4_AUDIO = new Set(['audio/mp4', 'audio/x-m4a']);

/**
 * Whether the original's bytes may record where it was taken. Users not cleared for GPS
 * positions get the preview (no metadata) instead of such an original, or nothing.
 * - an image whose EXIF/XMP holds a GPS position, or has not been read (still pending, or kept
 *   as other binary);
 * - every video: phones write the position in several places (and action cameras and drones a
 *   whole track of them), more than can be read with confidence, and videos have no preview;
 * - MP4 audio (voice memos) unless its metadata was read and records no position (files read
 *   before the position was looked for in them count as unread).
 */
export function mayRecordPosition(f: Pick<EvidenceFile, 'mime' | 'keptAsOther' | 'processedAt' | 'gpsLatitude' | 'gpsLongitude' | 'metadata'>): boolean {
  if (f.mime.startsWith('video/')) return true;
  const unreadOrLocated = f.keptAsOther || f.processedAt === null || f.gpsLatitude !== null || f.gpsLongitude !== null;
  if (MP4_AUDIO.has(f.mime)) return unreadOrLocated || f.metadata?.locationRead !== true;
  if (!f.mime.startsWith('image/')) return false;
  return unreadOrLocated;
}

export function presentFile(caseId: number, item: EvidenceItem, f: FileWithHash, v: Visibility) {
  const base = `${itemBase(caseId, item)}/files/${f.id}`;
  const withheld = !v.gps && mayRecordPosition(f);
  const inline = !withheld && !f.keptAsOther && isInlineSafe(f.category as FileCategory);
  return {
    id: f.id,
    position: f.position,
    name: f.originalName,
    mime: f.mime,
    category: f.category,
    size: f.size,
    sizeText: formatBytes(f.size),
    sha256: f.sha256,
    keptAsOther: f.keptAsOther,
    preview: { state: f.previewState, note: f.previewNote, width: f.width, height: f.height },
    /** The original may record a GPS position this user may not see: only the preview (if any) is offered. */
    originalWithheld: withheld,
    urls: {
      original: withheld ? null : `${base}/original`,
      view: inline ? `${base}/view` : null,
      preview: f.previewState === 'ready' ? `${base}/preview` : null,
      thumbnail: f.previewState === 'ready' ? `${base}/thumbnail` : null,
    },
    metadata: f.metadata,
    pageCount: f.pageCount,
    textExcerpt: f.extractedText ? f.extractedText.slice(0, 2000) : null,
    processed: f.processedAt !== null,
    ...(v.gps ? { gps: f.gpsLatitude !== null && f.gpsLongitude !== null ? { latitude: f.gpsLatitude, longitude: f.gpsLongitude, altitude: f.gpsAltitude } : null } : {}),
  };
}
export type FileView = ReturnType<typeof presentFile>;

export function presentItemSummary(caseId: number, item: EvidenceItem, files: FileWithHash[], v: Visibility) {
  const shown = v.files ? files.map((f) => presentFile(caseId, item, f, v)) : [];
  return {
    id: item.id,
    caseId,
    url: itemBase(caseId, item),
    type: item.type,
    typeLabel: EVIDENCE_TYPE_LABELS[item.type as EvidenceType] ?? item.type,
    title: item.title,
    contentDate: dateView(item.contentDate),
    confidentiality: item.confidentiality,
    confidentialityLabel: CONFIDENTIALITY_LABELS[item.confidentiality as Confidentiality] ?? item.confidentiality,
    graphic: item.graphic,
    fileCount: files.length,
    filesVisible: v.files,
    thumbnail: shown.find((f) => f.urls.thumbnail)?.urls.thumbnail ?? null,
    files: shown,
  };
}
export type ItemSummaryView = ReturnType<typeof presentItemSummary>;

export function presentItem(caseId: number, item: EvidenceItem, files: FileWithHash[], v: Visibility) {
  return {
    ...presentItemSummary(caseId, item, files, v),
    description: item.description,
    provenance: {
      receivedFrom: item.receivedFrom,
      receivedHow: item.receivedHow,
      receivedHowLabel: item.receivedHow ? RECEIVED_HOW_LABELS[item.receivedHow as ReceivedHow] : null,
      receivedDate: dateView(item.receivedDate),
      enteredById: item.enteredById,
    },
    paperLocation: item.paperLocation,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
export type ItemView = ReturnType<typeof presentItem>;

/** The stored values as a form shows them. */
export function itemFormValues(item?: EvidenceItem) {
  return {
    type: item?.type ?? 'photo',
    title: item?.title ?? '',
    description: item?.description ?? '',
    contentDate: partialDateToInput(item?.contentDate),
    receivedFrom: item?.receivedFrom ?? '',
    receivedHow: item?.receivedHow ?? '',
    receivedDate: partialDateToInput(item?.receivedDate),
    confidentiality: item?.confidentiality ?? 'normal',
    paperLocation: item?.paperLocation ?? '',
    graphic: item?.graphic ?? false,
  };
}
