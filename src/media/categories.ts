export const FILE_CATEGORIES = ['image', 'pdf', 'video', 'audio', 'office', 'text', 'other'] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

/**
 * Raster images only: SVG is XML that may carry script and never counts as an image here.
 * Each type is a kind of picture and its format; the kinds (and the keys below) are worded in
 * MIME_LABELS here, and in the interface's catalogues under `media.mime.*` (src/evidence/evidence-wording.ts).
 */
const IMAGE_TYPES: Record<string, [kind: 'image' | 'animatedImage' | 'imageSequence' | 'cameraRaw' | 'raw' | 'icon', format: string]> = {
  'image/jpeg': ['image', 'JPEG'],
  'image/png': ['image', 'PNG'],
  'image/apng': ['animatedImage', 'PNG'],
  'image/gif': ['image', 'GIF'],
  'image/webp': ['image', 'WebP'],
  'image/tiff': ['image', 'TIFF'],
  'image/avif': ['image', 'AVIF'],
  'image/heic': ['image', 'HEIC'],
  'image/heic-sequence': ['imageSequence', 'HEIC'],
  'image/heif': ['image', 'HEIF'],
  'image/heif-sequence': ['imageSequence', 'HEIF'],
  'image/bmp': ['image', 'BMP'],
  'image/jxl': ['image', 'JPEG XL'],
  'image/jp2': ['image', 'JPEG 2000'],
  'image/jpx': ['image', 'JPEG 2000'],
  'image/x-icon': ['icon', ''],
  'image/x-adobe-dng': ['cameraRaw', 'DNG'],
  'image/x-canon-cr2': ['raw', 'Canon'],
  'image/x-canon-cr3': ['raw', 'Canon'],
  'image/x-nikon-nef': ['raw', 'Nikon'],
  'image/x-sony-arw': ['raw', 'Sony'],
  'image/x-olympus-orf': ['raw', 'Olympus'],
  'image/x-panasonic-rw2': ['raw', 'Panasonic'],
  'image/x-fujifilm-raf': ['raw', 'Fujifilm'],
};

/**
 * Macro-enabled variants (docm, xlsm, pptm) are deliberately absent: they fall to `other`.
 * application/x-cfb is the OLE container of legacy .doc/.xls/.ppt; file-type cannot tell those
 * apart from other OLE files (e.g. .msi), which is acceptable because office files are only ever
 * served as attachments.
 */
const OFFICE_TYPES: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/x-cfb': 'cfb',
  'application/rtf': 'rtf',
};

const TEXT_TYPES: Record<string, string> = {
  'text/plain': 'plain',
  'text/vtt': 'vtt',
  'text/calendar': 'calendar',
  'text/vcard': 'vcard',
};

const OTHER_LABELS: Record<string, string> = {
  'text/html': 'html',
  'image/svg+xml': 'svg',
  'application/xml': 'xml',
  'application/zip': 'zip',
  'application/x-msdownload': 'exe',
  'application/x-elf': 'elf',
  'application/octet-stream': 'binary',
  'application/x-empty': 'empty',
};

export function categoryOf(mime: string): FileCategory {
  if (mime in IMAGE_TYPES) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (mime in OFFICE_TYPES) return 'office';
  if (mime in TEXT_TYPES) return 'text';
  // file-type reports video/* and audio/* only for containers it recognised by their bytes.
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'other';
}

/** How each kind of file is called in messages (English; `{format}` is the format's name). */
const MIME_LABELS: Record<string, string> = {
  image: '{format} image',
  animatedImage: 'animated {format} image',
  imageSequence: '{format} image sequence',
  cameraRaw: '{format} camera raw image',
  raw: '{format} raw image',
  icon: 'icon image',
  docx: 'Word document (docx)',
  xlsx: 'Excel spreadsheet (xlsx)',
  pptx: 'PowerPoint presentation (pptx)',
  odt: 'OpenDocument text (odt)',
  ods: 'OpenDocument spreadsheet (ods)',
  odp: 'OpenDocument presentation (odp)',
  cfb: 'legacy Microsoft Office document (doc/xls/ppt)',
  rtf: 'RTF document',
  plain: 'plain text',
  vtt: 'WebVTT subtitles',
  calendar: 'iCalendar text',
  vcard: 'vCard text',
  html: 'HTML document',
  svg: 'SVG drawing',
  xml: 'XML document',
  zip: 'ZIP archive',
  exe: 'Windows executable',
  elf: 'Linux executable',
  binary: 'unrecognised binary data',
  empty: 'empty file',
  pdf: 'PDF document',
  video: 'video',
  audio: 'audio',
};

const CATEGORY_LABELS: Record<FileCategory, string> = {
  image: 'an image',
  pdf: 'a PDF',
  video: 'a video',
  audio: 'an audio recording',
  office: 'an office document',
  text: 'a plain-text file',
  other: 'another kind of file',
};

/** The kind of a type for messages (a key of MIME_LABELS) and its format's name, or null for a MIME type without a name. */
export function mimeKind(mime: string): { key: string; format: string } | null {
  const image = IMAGE_TYPES[mime];
  if (image) return { key: image[0], format: image[1] };
  const key = OFFICE_TYPES[mime] ?? TEXT_TYPES[mime] ?? OTHER_LABELS[mime];
  if (key) return { key, format: '' };
  if (mime === 'application/pdf') return { key: 'pdf', format: '' };
  if (mime.startsWith('video/')) return { key: 'video', format: '' };
  if (mime.startsWith('audio/')) return { key: 'audio', format: '' };
  return null;
}

/** A human label for messages, e.g. "HTML document (text/html)". */
export function describeMime(mime: string): string {
  const kind = mimeKind(mime);
  return kind ? `${MIME_LABELS[kind.key]!.replace('{format}', kind.format)} (${mime})` : mime;
}

export function describeCategory(category: FileCategory): string {
  return CATEGORY_LABELS[category];
}

/**
 * Whether the file may be shown in the browser (with nosniff and a sandboxing CSP) rather than only
 * downloaded. Office documents and everything in `other` are attachments only.
 */
export function isInlineSafe(category: FileCategory): boolean {
  return category === 'image' || category === 'pdf' || category === 'video' || category === 'audio' || category === 'text';
}
