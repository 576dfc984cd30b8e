import fs from 'node:fs';
import path from 'node:path';

/** Every page template (not partials): the set a Russian page walk must render. */
export function pageTemplates(viewsDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'partials') walk(full);
      } else if (entry.name.endsWith('.ejs') && !entry.name.startsWith('_')) {
        out.push(path.relative(viewsDir, full).replace(/\\/g, '/').replace(/\.ejs$/, ''));
      }
    }
  };
  walk(viewsDir);
  return out.sort();
}

/** Flattened catalogue: "a.b.c" -> value. */
export function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

/**
 * The words a reader sees on a page: text between tags and the attributes read aloud or shown
 * (title, aria-label, placeholder, alt, a button's value); never scripts, styles, code samples,
 * form values (what was typed) or links' addresses.
 */
export function visibleText(html: string): string {
  const attrs: string[] = [];
  const withoutHidden = html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<code[\s\S]*?<\/code>/gi, ' ')
    .replace(/<pre[\s\S]*?<\/pre>/gi, ' ')
    .replace(/<textarea[\s\S]*?<\/textarea>/gi, ' ')
    .replace(/<option[^>]*value="[^"]*"[^>]*>[\s\S]*?<\/option>/gi, (m) => m.replace(/value="[^"]*"/, ''));
  const text = withoutHidden.replace(/<[^>]+>/g, (tag) => {
    for (const m of tag.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/gi)) attrs.push(m[1]);
    if (/^<input[^>]*type="(?:submit|button)"/i.test(tag)) {
      const v = /\svalue="([^"]*)"/i.exec(tag);
      if (v) attrs.push(v[1]);
    }
    return ' ';
  });
  return decode(`${text} ${attrs.join(' ')}`).replace(/\s+/g, ' ');
}

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/**
 * Latin words that may stand in a Russian page: names of formats, standards and the product,
 * units and codes people read as they are.
 */
export const LATIN_ALLOWED = new Set(
  'Casebook PDF CSV XLSX JSON JSONL ZIP SHA UTC API HTTP HTTPS URL GPS EXIF ISO IPTC XMP MIME OCR TXT JPEG JPG PNG HEIC TIFF WebP MP MP4 MOV OGG WAV MB KB GB ID QR DOCX ODT Ed25519 English Excel Bearer Istanbul Protocol Markdown UTF Windows cbk'
    .split(' ')
    .map((w) => w.toLowerCase()),
);

/** Latin words on a Russian page that are not on the allowed list, with how often. */
export function latinWords(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_@./-])[A-Za-z][A-Za-z'’-]{2,}(?![\p{L}\p{N}_@/])/gu)) {
    const word = m[0].replace(/['’-]+$/, '');
    if (!LATIN_ALLOWED.has(word.toLowerCase())) found.add(word);
  }
  return [...found];
}
