import crypto from 'node:crypto';

/**
 * Highlighted text travels as segments, never as HTML: [{ text, hit }]. Views print each
 * segment escaped and wrap hits in <mark>; the API returns the same segments. FTS5's
 * highlight()/snippet() mark matches with markers made unique per query (a random nonce), so
 * marker-like text inside a record can never open or close a highlight.
 */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface Markers {
  open: string;
  close: string;
}

export function newMarkers(): Markers {
  const nonce = randomNonce();
  return { open: `\u0001${nonce}<`, close: `>${nonce}\u0001` };
}

/** 9 random bytes per query, drawn from a pool filled 1 KiB at a time (one call into the CSPRNG per hundred queries, not per query). */
const NONCE_BYTES = 9;
let pool = Buffer.alloc(0);
let used = 0;
function randomNonce(): string {
  if (used + NONCE_BYTES > pool.length) {
    pool = crypto.randomBytes(NONCE_BYTES * 113);
    used = 0;
  }
  used += NONCE_BYTES;
  return pool.toString('base64url', used - NONCE_BYTES, used);
}

/** Splits marked-up text into segments; unmatched markers cannot occur (the nonce is unguessable). */
export function toSegments(marked: string | null | undefined, m: Markers): Segment[] {
  const out: Segment[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.hit === hit) last.text += text;
    else out.push({ text, hit });
  };
  if (!marked) return out;
  if (!marked.includes(m.open) && !marked.includes(m.close)) return [{ text: marked, hit: false }];
  const parts = marked.split(m.open);
  push(parts[0].split(m.close).join(''), false);
  for (const part of parts.slice(1)) {
    const end = part.indexOf(m.close);
    if (end === -1) {
      push(part, false);
      continue;
    }
    push(part.slice(0, end), true);
    push(part.slice(end + m.close.length).split(m.close).join(''), false);
  }
  return out;
}

export const hasHit = (segments: Segment[]) => segments.some((s) => s.hit);
export const plainSegments = (text: string | null | undefined): Segment[] => (text ? [{ text, hit: false }] : []);
export const segmentsText = (segments: Segment[]) => segments.map((s) => s.text).join('');

/** Shortens plain text at a word boundary, for list rows without a match to show. */
export function excerpt(text: string | null | undefined, max = 240): string {
  if (!text) return '';
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}
