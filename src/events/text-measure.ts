/**
 * The server has no fonts, so label widths are estimated per grapheme (a letter with all its
 * combining marks, an emoji with its modifiers): wide scripts count a full em, narrow letters
 * less. The estimate errs on the wide side so that labels in different lanes never touch.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F000}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const NARROW = /^[iljtfrI.,:;'!|()[\] ]$/;
const CAPITAL = /^[A-ZА-ЯЁМW@%#&mwшщжюМЩШЖЮ]$/u;

function graphemeEm(g: string): number {
  if (WIDE.test(g)) return 1.05;
  if (NARROW.test(g)) return 0.34;
  if (CAPITAL.test(g)) return 0.8;
  return 0.63;
}

const BOLD = 1.14;

/** Estimated advance width of `text` at `fontSize` (bold adds a little). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const g of graphemes(text)) em += graphemeEm(g);
  return em * fontSize * (bold ? BOLD : 1);
}

/** `text` cut at a grapheme boundary, with "…", so that it fits in `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const parts = graphemes(text);
  const ellipsis = textWidth('…', fontSize, bold);
  let width = 0;
  let kept = 0;
  for (const g of parts) {
    const w = graphemeEm(g) * fontSize * (bold ? BOLD : 1);
    if (width + w + ellipsis > maxWidth) break;
    width += w;
    kept++;
  }
  return parts.slice(0, kept).join('').trimEnd() + '…';
}

/** One line of a label: runs of white space (new lines, tabs) shown as single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Words of `text` broken into lines no wider than `maxWidth` (a word too long for a line is cut). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth) line = candidate;
    else {
      if (line) lines.push(line);
      line = textWidth(word, fontSize) <= maxWidth ? word : fitText(word, maxWidth, fontSize);
    }
  }
  if (line) lines.push(line);
  return lines;
}
