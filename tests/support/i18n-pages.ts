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
  'Casebook PDF CSV XLSX JSON JSONL ZIP SHA UTC API HTTP HTTPS URL GPS EXIF ISO IPTC XMP MIME OCR TXT JPEG JPG PNG HEIC TIFF WebP MP MP4 MOV OGG WAV MB KB GB ID QR DOCX ODT Ed25519 English Excel Bearer Istanbul Protocol Markdown UTF Windows cbk USB NFC JavaScript age'
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

const SKIP = /^\/(?:static|logout|language|api)\b|\.(?:pdf|csv|zip|json|jsonl|xlsx|jpg|png|svg|txt)(?:$|\?)|\/(?:download|files|derived|thumbnail|preview|original|bundle)\b/;

/** Same-site links of a page, as the browser would follow them. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"#]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).filter((h) => h.startsWith('/') && !h.startsWith('//'));
}

/**
 * Follows every link from the start pages, one page per address pattern (ids as :n, the names of
 * the query's parameters; at most three shapes of one path), as `get` answers them; calls
 * `onPage` for each HTML page. Downloads, the API and sign-out are not followed.
 */
export async function crawl(start: string[], get: (address: string) => Promise<{ status: number; type: string; html: string }>, onPage: (address: string, html: string) => void, limit = 350): Promise<void> {
  const seen = new Map<string, number>();
  const visited = new Set<string>();
  const queue = [...start];
  while (queue.length && visited.size < limit) {
    const address = queue.shift()!;
    const url = new URL(address, 'http://casebook.test');
    if (SKIP.test(url.pathname) || SKIP.test(address)) continue;
    const pattern = url.pathname.replace(/\/\d+/g, '/:n');
    const shape = `${pattern}?${[...url.searchParams.keys()].sort().join('&')}`;
    if (visited.has(shape) || (seen.get(pattern) ?? 0) >= 3) continue;
    seen.set(pattern, (seen.get(pattern) ?? 0) + 1);
    visited.add(shape);
    const res = await get(address);
    if (res.status >= 300 && res.status < 400) continue;
    if (!res.type.startsWith('text/html')) continue;
    onPage(address, res.html);
    queue.push(...linksOf(res.html));
  }
}
