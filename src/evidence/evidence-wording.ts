import { t } from '../i18n/i18n';
import { ALLOWED_CATEGORIES, type EvidenceType, type FileCategory, mimeKind } from '../media';

/**
 * The media library (src/media) words its messages in English for the API's codes, the command
 * line and the logs, and stays free of the interface's catalogues. What a reader sees of it is
 * worded here, in the language of the request: the type of a file, why a file was refused.
 */

/** "HTML document (text/html)", "HTML-документ (text/html)". */
export function describeType(mime: string): string {
  const kind = mimeKind(mime);
  return kind ? t('media.described', { label: t(`media.mime.${kind.key}`, { format: kind.format }), mime }) : mime;
}

/** Why a file does not fit an evidence type, as media's checkAllowed() says it, in the reader's language. */
export function refusalText(evidenceType: EvidenceType, mime: string): string {
  const accepted = ALLOWED_CATEGORIES[evidenceType].map((c: FileCategory) => t(`media.categories.${c}`));
  const alternatives = accepted.length <= 1 ? (accepted[0] ?? '') : t('media.alternatives', { first: accepted.slice(0, -1).join(', '), last: accepted[accepted.length - 1] });
  return t('media.mustBe', { type: t(`media.typeSubjects.${evidenceType}`), accepted: alternatives, found: describeType(mime) });
}

/**
 * The notes the background jobs store with a file (why it has no preview, what could not be
 * read in its metadata) are written in English, outside any request, and kept as written: the
 * API returns them so. A page words them again in its reader's language; a library's own error
 * text inside a note stays as the library wrote it. A note not recognised is shown as stored.
 */
type Rule = [pattern: RegExp, word: (m: RegExpExecArray) => string];

const PREVIEW_REASONS: Rule[] = [
  [/^processing failed \((.*)\)$/s, (m) => t('evidence.preview.failed', { error: m[1] })],
  [/^the image could not be decoded: (.*)$/s, (m) => t('evidence.preview.undecodable', { error: m[1] })],
  [/^(.*)\(([^()]+)\) is not a format this server can make previews of$/s, (m) => t('evidence.preview.unsupported', { type: describeType(m[2]!) })],
  [/^the content decodes as (.*), not (.*)$/s, (m) => t('evidence.preview.formatMismatch', { found: m[1], expected: m[2] })],
  [
    /^the image declares (\d+) × (\d+) pixels \(([\d.]+) megapixels\), above the limit of ([\d.]+) megapixels$/,
    (m) => t('evidence.preview.tooManyPixels', { width: m[1], height: m[2], megapixels: m[3], limit: m[4] }),
  ],
];

const PREVIEW_NOTES: Rule[] = [
  [/^no preview: kept as other binary, never shown in the browser$/, () => t('evidence.preview.keptAsOther')],
  [/^no preview: PDFs open in the browser$/, () => t('evidence.preview.pdf')],
  [/^no preview: text is shown as it is$/, () => t('evidence.preview.text')],
  [/^no preview: (video|audio) plays in the browser$/, (m) => t(`evidence.preview.${m[1]}`)],
  [/^no preview for this kind of file$/, () => t('evidence.preview.otherKind')],
  [/^no preview: (.*)$/s, (m) => t('evidence.preview.noPreview', { reason: reword(PREVIEW_REASONS, m[1]!) })],
];

const METADATA_NOTES: Rule[] = [
  [/^the file could not be read: (.*)$/s, (m) => t('evidence.metadataNotes.fileUnreadable', { error: m[1] })],
  [/^the metadata could not be read: (.*)$/s, (m) => t('evidence.metadataNotes.metadataUnreadable', { error: m[1] })],
  [/^part of the metadata could not be read: (.*)$/s, (m) => t('evidence.metadataNotes.partUnreadable', { error: m[1] })],
  [/^an EXIF block is present but none of its tags could be read$/, () => t('evidence.metadataNotes.exifEmpty')],
  [/^invalid orientation value (.*)$/s, (m) => t('evidence.metadataNotes.orientation', { value: m[1] })],
  [/^unreadable date (.*)$/s, (m) => t('evidence.metadataNotes.date', { value: m[1] })],
  [/^GPS tags are present but hold no valid position$/, () => t('evidence.metadataNotes.gpsInvalid')],
  [/^a box of the video runs past the end of its container$/, () => t('evidence.metadataNotes.boxOverrun')],
  [/^a location is recorded in the video but could not be read$/, () => t('evidence.metadataNotes.locationUnreadable')],
  [/^the video's metadata could not be read: (.*)$/s, (m) => t('evidence.metadataNotes.videoUnreadable', { error: m[1] })],
];

function reword(rules: Rule[], stored: string): string {
  for (const [pattern, word] of rules) {
    const m = pattern.exec(stored);
    if (m) return word(m);
  }
  return stored;
}

/** A stored preview note in the reader's language. */
export function previewNoteText(note: string | null): string | null {
  return note === null ? null : reword(PREVIEW_NOTES, note);
}

/** A stored metadata warning in the reader's language. */
export function metadataNoteText(note: string): string {
  return reword(METADATA_NOTES, note);
}
