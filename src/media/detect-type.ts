import fs from 'node:fs/promises';
import { categoryOf, describeMime, isInlineSafe, type FileCategory } from './categories';
import { importEsm, lazyEsm } from './esm-import';
import { sniffText } from './text-sniff';

export interface DetectedType {
  mime: string;
  /** The extension that fits the content, for naming working copies and downloads; never the uploader's. */
  ext: string;
  category: FileCategory;
  /** For messages: "HTML document (text/html)". */
  description: string;
  inlineSafe: boolean;
}

/** How much of a file without a magic number is read to decide whether it is text. */
export const TEXT_SNIFF_BYTES = 64 * 1024;

const loadFileType = lazyEsm(() => importEsm(() => import('file-type'), 'file-type'));

const SNIFFED_EXT: Record<string, string> = {
  'text/plain': 'txt',
  'text/html': 'html',
  'image/svg+xml': 'svg',
  'application/xml': 'xml',
};

/** The type of a stored file, decided by its bytes alone: never by its name or a Content-Type. */
export async function detectFileType(path: string): Promise<DetectedType> {
  const { fileTypeFromFile } = await loadFileType();
  const found = await fileTypeFromFile(path);
  if (found && found.mime !== 'application/xml') return detectedTypeOf(found.mime, found.ext);

  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const sample = Buffer.alloc(Math.min(size, TEXT_SNIFF_BYTES));
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    return fromSample(sample.subarray(0, bytesRead), bytesRead === size, found);
  } finally {
    await handle.close();
  }
}

/** The same decision for bytes already in memory. */
export async function detectBufferType(bytes: Uint8Array): Promise<DetectedType> {
  const { fileTypeFromBuffer } = await loadFileType();
  // A Buffer of this realm: under Jest the library lives in another one (see esm-import.ts).
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = await fileTypeFromBuffer(buffer);
  if (found && found.mime !== 'application/xml') return detectedTypeOf(found.mime, found.ext);
  const sample = buffer.subarray(0, TEXT_SNIFF_BYTES);
  return fromSample(sample, sample.length === buffer.length, found);
}

function fromSample(sample: Uint8Array, isWholeFile: boolean, found: { mime: string; ext: string } | undefined): DetectedType {
  if (sample.length === 0) return detectedTypeOf('application/x-empty', 'bin');
  const sniffed = sniffText(sample, isWholeFile);
  if (sniffed) return detectedTypeOf(sniffed, SNIFFED_EXT[sniffed] ?? 'txt');
  if (found) return detectedTypeOf(found.mime, found.ext);
  return detectedTypeOf('application/octet-stream', 'bin');
}

/** The full description of a type already detected, e.g. from the MIME type stored with a file. */
export function detectedTypeOf(mime: string, ext: string): DetectedType {
  const category = categoryOf(mime);
  return { mime, ext, category, description: describeMime(mime), inlineSafe: isInlineSafe(category) };
}
