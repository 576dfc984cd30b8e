import fs from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from './error-message';
import { importEsm, lazyEsm } from './esm-import';

export interface PdfTextOptions {
  /** Stop collecting text after this many characters. Default 5,000,000. */
  maxChars?: number;
  /** pdf.js needs the whole file in memory; larger PDFs are not read. Default 256 MiB. */
  maxBytes?: number;
  /** Give up after this long; a hostile PDF can keep the parser busy. Default 60 s. */
  timeoutMs?: number;
}

export type PdfTextResult =
  | { ok: true; pageCount: number; text: string; truncated: boolean; warnings: string[] }
  | { ok: false; code: 'encrypted' | 'invalid' | 'too_large' | 'timeout' | 'failed'; reason: string };

const loadPdfjs = lazyEsm(() => importEsm(() => import('pdfjs-dist/legacy/build/pdf.mjs'), 'pdfjs-dist/legacy/build/pdf.mjs'));

/** pdf.js reads CMaps (for CJK encodings) and standard font metrics from its own package. */
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Text for search and the page count of a PDF. Never throws for a bad PDF: it says what went wrong. */
export async function extractPdfText(filePath: string, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const { size } = await fs.stat(filePath);
  if (size > maxBytes) {
    return { ok: false, code: 'too_large', reason: `the PDF is ${size} bytes, above the ${maxBytes}-byte limit for text extraction` };
  }
  return extractPdfTextFromBytes(await fs.readFile(filePath), options);
}

export async function extractPdfTextFromBytes(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const pdfjs = await loadPdfjs();
  const loadingTask = pdfjs.getDocument({
    // A copy: pdf.js may take ownership of (detach) the buffer it is given.
    data: new Uint8Array(bytes),
    // Never compile fonts to JavaScript (CVE-2024-4367) and never touch system fonts.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: path.join(PDFJS_DIR, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(PDFJS_DIR, 'standard_fonts') + path.sep,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PdfTextResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, code: 'timeout', reason: 'text extraction took too long and was stopped' }),
      options.timeoutMs ?? 60_000,
    );
  });
  try {
    return await Promise.race([readText(loadingTask.promise, options.maxChars ?? 5_000_000), timeout]);
  } catch (err) {
    return failure(err);
  } finally {
    clearTimeout(timer);
    await loadingTask.destroy().catch(() => undefined);
  }
}

type PdfDocument = Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfjs>>['getDocument']>['promise']>;

async function readText(opening: Promise<PdfDocument>, maxChars: number): Promise<PdfTextResult> {
  const doc = await opening;
  const parts: string[] = [];
  const warnings: string[] = [];
  let length = 0;
  let truncated = false;
  for (let pageNumber = 1; pageNumber <= doc.numPages && !truncated; pageNumber++) {
    try {
      const page = await doc.getPage(pageNumber);
      const content = await page.getTextContent();
      let pageText = '';
      for (const item of content.items) {
        if ('str' in item) pageText += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      pageText = pageText.replace(/\u0000/g, '').trim();
      if (length + pageText.length > maxChars) {
        pageText = pageText.slice(0, Math.max(0, maxChars - length));
        truncated = true;
      }
      parts.push(pageText);
      length += pageText.length + 2;
    } catch (err) {
      warnings.push(`page ${pageNumber}: ${errorMessage(err)}`);
    }
  }
  return { ok: true, pageCount: doc.numPages, text: parts.filter(Boolean).join('\n\n'), truncated, warnings };
}

/** pdf.js errors may come from another realm (see esm-import.ts), so they are told apart by name. */
function failure(err: unknown): PdfTextResult {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') return { ok: false, code: 'encrypted', reason: 'the PDF is password-protected' };
  if (name === 'InvalidPDFException') return { ok: false, code: 'invalid', reason: 'the file is not a readable PDF' };
  return { ok: false, code: 'failed', reason: `text could not be extracted: ${errorMessage(err)}` };
}
