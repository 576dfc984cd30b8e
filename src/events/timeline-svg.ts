import { CATEGORY_LABELS, EVENT_CATEGORIES, EventCategory } from './event-category';
import { Attrs, Markup, el, group, svgDocument } from './svg-markup';
import { GEOMETRY, PlacedEvent, TimelineEvent, TimelineLayout, inTimelineOrder, layoutTimeline, markedDate } from './timeline-layout';
import { CATEGORY_SHAPES, markGeometry, markPaint } from './timeline-marks';
import { MarkShape } from './timeline-entry';
import { textWidth, wrapText } from './text-measure';
import { t } from '../i18n/i18n';
import { catalogueLabels } from '../records/catalogue-labels';

export type { TimelineEvent } from './timeline-layout';

/**
 * The case timeline as a standalone SVG image: a time axis scaled to the case, each event a mark
 * at its date (shape and colour by category, filled only when the day is known), bars for ranges
 * and for the window of a date known only to the month, the year or approximately, lanes so that
 * no label overlaps another, and a key. Pure: event view models in, an SVG document out; every
 * piece of text goes through the escaping writer in svg-markup.ts.
 *
 * Colours are presentation attributes because an SVG shown through <img> cannot load the page's
 * CSS; they repeat public/css/timeline.css (keep the two in step). Shapes differ as well as
 * colours, so the picture survives grey-scale printing and colour blindness.
 */
export const CATEGORY_COLOURS: Record<EventCategory, string> = {
  detention: '#1f4e8c',
  torture: '#a4262c',
  complaint: '#8a5a00',
  court: '#5b2a86',
  release: '#1e6b3a',
  other: '#4d5865',
};

const INK = '#1d232b';
const MUTED = '#5b6672';
const GRID = '#e3e7eb';
const AXIS = '#8895a3';
const FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';

/** viewBox widths: the browser picks one by the width of the screen (views/events/_section.ejs). */
export const TIMELINE_WIDTHS = { wide: 960, medium: 640, narrow: 360 } as const;

export interface TimelineOptions {
  width?: number;
  /** The picture's accessible name, e.g. "Timeline of RU-2005-0001". */
  title?: string;
}

/** The key's lines for the date marks, in the reader's language (catalogue `timeline.key`). */
export const KEY_TEXT = catalogueLabels('timeline.key', ['exact', 'window', 'range'] as const);

/** The mark of one category: a filled shape, or hollow when the day is not known. */
export function markerShape(category: EventCategory, cx: number, cy: number, r: number, hollow: boolean): Markup {
  return shapeMark(CATEGORY_SHAPES[category], CATEGORY_COLOURS[category], cx, cy, r, hollow);
}

/** Any family's mark (timeline-marks.ts), drawn through the escaping writer. */
export function shapeMark(shape: MarkShape, colour: string, cx: number, cy: number, r: number, hollow: boolean): Markup {
  const g = markGeometry(shape, cx, cy, r);
  return el(g.tag, { ...g.attrs, ...markPaint(colour, hollow) } as Attrs);
}

/** The mark and colour of one entry: its family's, or for an event its category's. */
const markOf = (e: TimelineEvent, cx: number, cy: number, r: number, hollow: boolean) =>
  e.family ? shapeMark(e.family.shape, e.family.colour, cx, cy, r, hollow) : markerShape(e.category, cx, cy, r, hollow);
const colourOf = (e: TimelineEvent) => e.family?.colour ?? CATEGORY_COLOURS[e.category];

function barShape(colour: string, x: number, y: number, width: number, mark: 'window' | 'range', classes = 'bar'): Markup {
  return el('rect', {
    class: `${classes} bar-${mark}`,
    x,
    y: y - GEOMETRY.barHeight / 2,
    width: Math.max(width, 1),
    height: GEOMETRY.barHeight,
    rx: 2,
    fill: colour,
    'fill-opacity': mark === 'range' ? 0.35 : 0.12,
    stroke: colour,
    'stroke-width': 1.5,
    'stroke-dasharray': mark === 'window' ? '4 3' : undefined,
  });
}

/** A short description of the whole picture, for <desc> and alt text. */
export function describeTimeline(events: readonly TimelineEvent[]): string {
  if (events.length === 0) return t('timeline.describe.empty');
  const first = events[0];
  const last = events[events.length - 1];
  const others = events.filter((e) => e.family).length;
  const eventCount = t('timeline.describe.events', { count: events.length - others });
  const what = others === 0 ? eventCount : t('timeline.describe.eventsAndOthers', { events: eventCount, others: t('timeline.describe.others', { count: others }) });
  return events.length === 1 ? t('timeline.describe.on', { what, date: markedDate(first) }) : t('timeline.describe.span', { what, from: markedDate(first), to: markedDate(last) });
}

export function renderTimelineSvg(input: readonly TimelineEvent[], opts: TimelineOptions = {}): string {
  const width = opts.width ?? TIMELINE_WIDTHS.wide;
  const events = inTimelineOrder(input);
  const title = opts.title ?? t('timeline.heading');
  const description = t('timeline.svg.description', { summary: describeTimeline(events) });
  const layout = layoutTimeline(events, width);
  const head = [el('title', { id: 'timeline-title' }, [title]), el('desc', { id: 'timeline-desc' }, [description])];
  if (!layout) {
    const height = 64;
    return svgDocument(root(width, height, [...head, background(width, height), el('text', { x: width / 2, y: 38, 'text-anchor': 'middle', fill: MUTED }, [t('timeline.empty')])]));
  }
  const axis = drawAxis(layout);
  const lanesTop = axis.bottom + 14;
  const lanesBottom = lanesTop + layout.lanes * GEOMETRY.laneHeight;
  const key = drawKey(layout, lanesBottom + 8);
  const height = Math.ceil(key.bottom + 12);
  return svgDocument(
    root(width, height, [
      ...head,
      background(width, height),
      group([...axis.grid(lanesBottom), ...axis.parts], { class: 'axis' }),
      group(layout.placed.map((p) => drawEvent(p, lanesTop)), { class: 'events' }),
      key.markup,
    ]),
  );
}

function root(width: number, height: number, children: Markup[]): Markup {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': 'timeline-title timeline-desc',
      'font-family': FONTS,
      'font-size': GEOMETRY.fontSize,
      class: 'timeline-svg',
    },
    children,
  );
}

function background(width: number, height: number): Markup {
  return el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' });
}

function drawAxis(layout: TimelineLayout) {
  const { scale } = layout;
  const hasContext = scale.ticks.some((t) => t.context);
  const contextY = GEOMETRY.margin + 4;
  const labelY = hasContext ? contextY + 16 : contextY;
  const axisY = labelY + 8;
  const parts: Markup[] = [el('line', { x1: GEOMETRY.margin, y1: axisY, x2: layout.width - GEOMETRY.margin, y2: axisY, stroke: AXIS, 'stroke-width': 1.5 })];
  for (const day of scale.minor) {
    const x = scale.x(day);
    parts.push(el('line', { class: 'tick-minor', x1: x, y1: axisY, x2: x, y2: axisY + 4, stroke: AXIS }));
  }
  for (const t of scale.ticks) {
    parts.push(el('line', { class: 'tick', x1: t.x, y1: axisY - 4, x2: t.x, y2: axisY + 6, stroke: AXIS, 'stroke-width': 1.5 }));
    parts.push(el('text', { class: 'tick-label', x: t.x, y: labelY, 'text-anchor': 'middle', fill: INK, 'font-size': GEOMETRY.smallSize }, [t.label]));
    if (t.context) parts.push(el('text', { class: 'tick-context', x: t.x, y: contextY, 'text-anchor': 'start', fill: MUTED, 'font-size': GEOMETRY.smallSize, 'font-weight': 600 }, [t.context]));
  }
  return {
    bottom: axisY + 6,
    parts,
    grid: (bottom: number) => scale.ticks.map((t) => el('line', { x1: t.x, y1: axisY, x2: t.x, y2: bottom, stroke: GRID })),
  };
}

function drawEvent(p: PlacedEvent, lanesTop: number): Markup {
  const { event, mark } = p;
  const laneTop = lanesTop + p.lane * GEOMETRY.laneHeight;
  const y = laneTop + 8;
  const colour = colourOf(event);
  const full = [markedDate(event), event.typeLabel, event.title].filter(Boolean).join(' · ');
  return group(
    [
      el('title', {}, [full]),
      p.bar && mark !== 'exact' ? barShape(colour, p.bar.x, y, p.bar.width, mark) : null,
      markOf(event, p.markerX, y, GEOMETRY.markerRadius, mark !== 'exact'),
      el('text', { class: 'label', x: p.labelX, y: y + 21, fill: INK, 'font-weight': 600 }, [p.lines[0]]),
      el('text', { class: 'label-date', x: p.labelX, y: y + 35, fill: mark === 'exact' ? MUTED : colour, 'font-size': GEOMETRY.smallSize }, [p.lines[1]]),
    ],
    event.family
      ? { class: `entry family-${event.family.id} date-${mark}`, id: `timeline-${event.key}` }
      : { class: `event event-${event.category} date-${mark}`, id: `timeline-event-${event.id}` },
  );
}

/** The key: the categories present, then what filled, hollow and barred marks mean. */
function drawKey(layout: TimelineLayout, top: number): { markup: Markup; bottom: number } {
  const used = EVENT_CATEGORIES.filter((c) => layout.placed.some((p) => !p.event.family && p.event.category === c));
  const families = [...new Map(layout.placed.flatMap((p) => (p.event.family ? [[p.event.family.id, p.event.family] as const] : []))).values()];
  const size = GEOMETRY.smallSize;
  const lineHeight = 15;
  const left = GEOMETRY.margin;
  const right = layout.width - GEOMETRY.margin;
  type Item = { swatchWidth: number; swatch: (x: number, y: number) => Markup[]; lines: string[]; width: number; newRow: boolean };
  const items: Item[] = [];
  const add = (swatchWidth: number, swatch: Item['swatch'], text: string, newRow = false) => {
    const lines = wrapText(text, right - left - swatchWidth - 6, size);
    items.push({ swatchWidth, swatch, lines, width: swatchWidth + 6 + Math.max(...lines.map((l) => textWidth(l, size))), newRow });
  };
  for (const c of used) add(14, (x, y) => [markerShape(c, x + 7, y, 5.5, false)], CATEGORY_LABELS[c]);
  for (const f of families) add(14, (x, y) => [shapeMark(f.shape, f.colour, x + 7, y, 5.5, false)], f.label);
  // The date marks are drawn in the first category's colour, on rows of their own.
  const sample: EventCategory = used[0] ?? 'other';
  const sampleColour = used.length || !families.length ? CATEGORY_COLOURS[sample] : families[0].colour;
  const sampleMark = (x: number, y: number, hollow: boolean) => (used.length || !families.length ? markerShape(sample, x, y, 5.5, hollow) : shapeMark(families[0].shape, families[0].colour, x, y, 5.5, hollow));
  add(14, (x, y) => [sampleMark(x + 7, y, false)], KEY_TEXT.exact, true);
  add(30, (x, y) => [barShape(sampleColour, x, y, 30, 'window', 'key-bar'), sampleMark(x + 15, y, true)], KEY_TEXT.window);
  add(30, (x, y) => [barShape(sampleColour, x, y, 30, 'range', 'key-bar'), sampleMark(x + 15, y, true)], KEY_TEXT.range);

  const parts: Markup[] = [];
  let x = left;
  let y = top + 10;
  let rowLines = 1;
  for (const item of items) {
    if (x > left && (item.newRow || x + item.width > right)) {
      x = left;
      y += rowLines * lineHeight + 6;
      rowLines = 1;
    }
    parts.push(...item.swatch(x, y));
    item.lines.forEach((line, i) => parts.push(el('text', { x: x + item.swatchWidth + 6, y: y + 4 + i * lineHeight, fill: INK, 'font-size': size }, [line])));
    rowLines = Math.max(rowLines, item.lines.length);
    x += item.width + 18;
  }
  return { markup: group(parts, { class: 'key' }), bottom: y + (rowLines - 1) * lineHeight + 8 };
}
