/**
 * A tiny SVG writer that cannot forget to escape: a plain string given as a child is always
 * text and is escaped; only `Markup` built by `el()` is inserted as markup. Tag and attribute
 * names come from code and are checked; every attribute value is escaped.
 */
export class Markup {
  private constructor(readonly xml: string) {}
  /** Only this module creates markup. */
  static of(xml: string): Markup {
    return new Markup(xml);
  }
}

export type SvgTag = 'svg' | 'title' | 'desc' | 'g' | 'rect' | 'line' | 'circle' | 'path' | 'text' | 'tspan';
export type Attrs = Record<string, string | number | null | undefined>;

const NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;
// Characters XML 1.0 does not allow anywhere, even escaped: C0 controls other than tab, line
// feed and carriage return, lone surrogates, U+FFFE and U+FFFF. One of them would make the whole
// picture fail to load, so each is shown as U+FFFD instead.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML character data and attribute values (double- or single-quoted). */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (n: number) => String(Math.round(n * 10) / 10);

function attribute(name: string, value: string | number): string {
  if (!NAME.test(name)) throw new Error(`bad SVG attribute name ${name}`);
  return ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
}

export function el(tag: SvgTag, attrs: Attrs = {}, children: (Markup | string | null | undefined | false)[] = []): Markup {
  let out = `<${tag}`;
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) out += attribute(name, value);
  const inner = children.map((c) => (c instanceof Markup ? c.xml : typeof c === 'string' ? escapeXml(c) : '')).join('');
  return Markup.of(inner ? `${out}>${inner}</${tag}>` : `${out}/>`);
}

export function group(children: (Markup | null | undefined | false)[], attrs: Attrs = {}): Markup {
  return el('g', attrs, children);
}

/** The serialised document, with the XML declaration so it stands alone as an image file. */
export function svgDocument(root: Markup): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
}
