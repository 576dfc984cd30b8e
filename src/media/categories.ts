export const FILE_CATEGORIES = ['image', 'pdf', 'video', 'audio', 'office', 'text', 'other'] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

/** Raster images only: SVG is XML that may carry script and never counts as an image here. */
const IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/apng': 'animated PNG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/tiff': 'TIFF image',
  'image/avif': 'AVIF image',
  'image/heic': 'HEIC image',
  'image/heic-sequence': 'HEIC image sequence',
  'image/heif': 'HEIF image',
  'image/heif-sequence': 'HEIF image sequence',
  'image/bmp': 'BMP image',
  'image/jxl': 'JPEG XL image',
  'image/jp2': 'JPEG 2000 image',
  'image/jpx': 'JPEG 2000 image',
  'image/x-icon': 'icon image',
  'image/x-adobe-dng': 'DNG camera raw image',
  'image/x-canon-cr2': 'Canon raw image',
  'image/x-canon-cr3': 'Canon raw image',
  'image/x-nikon-nef': 'Nikon raw image',
  'image/x-sony-arw': 'Sony raw image',
  'image/x-olympus-orf': 'Olympus raw image',
  'image/x-panasonic-rw2': 'Panasonic raw image',
  'image/x-fujifilm-raf': 'Fujifilm raw image',
};

/**
 * Macro-enabled variants (docm, xlsm, pptm) are deliberately absent: they fall to `other`.
 * application/x-cfb is the OLE container of legacy .doc/.xls/.ppt; file-type cannot tell those
 * apart from other OLE files (e.g. .msi), which is acceptable because office files are only ever
 * served as attachments.
 */
const OFFICE_TYPES: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document (docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet (xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation (pptx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text (odt)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet (ods)',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation (odp)',
  'application/x-cfb': 'legacy Microsoft Office document (doc/xls/ppt)',
  'application/rtf': 'RTF document',
};

const TEXT_TYPES: Record<string, string> = {
  'text/plain': 'plain text',
  'text/vtt': 'WebVTT subtitles',
  'text/calendar': 'iCalendar text',
  'text/vcard': 'vCard text',
};

const OTHER_LABELS: Record<string, string> = {
  'text/html': 'HTML document',
  'image/svg+xml': 'SVG drawing',
  'application/xml': 'XML document',
  'application/zip': 'ZIP archive',
  'application/x-msdownload': 'Windows executable',
  'application/x-elf': 'Linux executable',
  'application/octet-stream': 'unrecognised binary data',
  'application/x-empty': 'empty file',
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

/** A human label for messages, e.g. "HTML document (text/html)". */
export function describeMime(mime: string): string {
  const label = IMAGE_TYPES[mime] ?? OFFICE_TYPES[mime] ?? TEXT_TYPES[mime] ?? OTHER_LABELS[mime];
  if (label) return `${label} (${mime})`;
  if (mime === 'application/pdf') return `PDF document (${mime})`;
  if (mime.startsWith('video/')) return `video (${mime})`;
  if (mime.startsWith('audio/')) return `audio (${mime})`;
  return mime;
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
