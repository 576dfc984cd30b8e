/**
 * Casebook's media library: the only place that imports sharp, exifreader, file-type and pdf.js.
 * Everything here works on files already on disk (or bytes) and returns plain, JSON-able results.
 */
export { Sha256PassThrough, writeAndHash, sha256Stream, sha256File, type FileDigest } from './hashing';
export { detectFileType, detectBufferType, detectedTypeOf, TEXT_SNIFF_BYTES, type DetectedType } from './detect-type';
export { FILE_CATEGORIES, categoryOf, describeMime, isInlineSafe, mimeKind, type FileCategory } from './categories';
export { EVIDENCE_TYPES, ALLOWED_CATEGORIES, checkAllowed, type EvidenceType, type AllowCheck } from './allow-lists';
export {
  createImageProcessor,
  type ImageProcessor,
  type ImageProcessorOptions,
  type Derivative,
  type DerivativesResult,
  type NoPreviewCode,
} from './images';
export { previewLoaderFor, previewableMimeTypes, configureLibvips } from './image-formats';
export { readPhotoMetadata, METADATA_READ_BYTES, type PhotoMetadata, type GpsPosition } from './metadata';
export { readVideoLocation, type VideoLocation } from './video-location';
export { extractPdfText, extractPdfTextFromBytes, type PdfTextOptions, type PdfTextResult } from './pdf-text';
export { extractPlainText, PLAIN_TEXT_MAX_BYTES, type PlainTextResult } from './plain-text';
export { Semaphore } from './semaphore';
