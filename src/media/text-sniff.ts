/**
 * Content sniffing for files without a magic number: is this UTF-8 text, and is it markup a browser
 * would render (HTML, SVG, XML)? Patterns follow the WHATWG MIME Sniffing Standard, because what
 * matters is what a browser would make of the bytes.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Tags that make a browser sniff HTML (WHATWG "identifying an unknown MIME type"). */
const HTML_OPENINGS = [
  '<!doctype html', '<html', '<head', '<script', '<iframe', '<h1', '<div', '<font', '<table',
  '<a', '<style', '<title', '<b', '<body', '<br', '<p', '<!--',
];

export type SniffedText = 'text/plain' | 'text/html' | 'image/svg+xml' | 'application/xml';

/**
 * @param sample the first bytes of the file
 * @param isWholeFile whether `sample` is the entire file; if not, a multi-byte character cut at the
 *   end of the sample is not held against it
 * @returns a MIME type, or null when the bytes are not UTF-8 text
 */
export function sniffText(sample: Uint8Array, isWholeFile: boolean): SniffedText | null {
  if (sample.length === 0 || containsBinaryByte(sample) || !isUtf8(sample, isWholeFile)) return null;
  const head = leadingText(sample);
  if (!head.startsWith('<')) return 'text/plain';
  if (/<svg[\s>/]/.test(head)) return 'image/svg+xml';
  if (HTML_OPENINGS.some((tag) => opensWith(head, tag))) return 'text/html';
  if (head.startsWith('<?xml')) return 'application/xml';
  return 'text/plain';
}

/** NUL and the C0 controls that never occur in text (the standard's "binary data bytes"). */
function containsBinaryByte(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return true;
  }
  return false;
}

function isUtf8(bytes: Uint8Array, isWholeFile: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A sample may end inside a character of up to four bytes.
  const maxTrim = isWholeFile ? 0 : 3;
  for (let trim = 0; trim <= maxTrim && trim < bytes.length; trim++) {
    try {
      decoder.decode(bytes.subarray(0, bytes.length - trim));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

/** The start of the text, lower-cased, after a BOM and leading whitespace. */
function leadingText(bytes: Uint8Array): string {
  let start = 0;
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) start = 3;
  const text = Buffer.from(bytes.subarray(start)).toString('utf8');
  return text.replace(/^[\t\n\f\r ]+/, '').toLowerCase();
}

/** The tag must end there: "<b>" or "<b " is HTML, "<bogus" is not. */
function opensWith(head: string, tag: string): boolean {
  if (!head.startsWith(tag)) return false;
  if (tag === '<!--') return true;
  const next = head.charAt(tag.length);
  return next === ' ' || next === '>' || next === '\t' || next === '\n' || next === '\r' || next === '\f';
}
