import { EventCategory } from './event-category';
import { MarkShape } from './timeline-entry';

/**
 * The geometry of every timeline mark, shared by the SVG picture (timeline-svg.ts) and the marks
 * beside the list on the case page (views/events/_mark.ejs), so the two always look alike.
 * Shapes differ as well as colours, so a mark is readable in grey-scale and without colour vision.
 */
export const CATEGORY_SHAPES: Record<EventCategory, MarkShape> = {
  detention: 'circle',
  torture: 'diamond',
  complaint: 'square',
  court: 'triangle-up',
  release: 'triangle-down',
  other: 'hexagon',
};

export interface MarkGeometry {
  tag: 'circle' | 'rect' | 'path';
  attrs: Record<string, number | string>;
}

const round = (n: number) => Math.round(n * 10) / 10;
const polygon = (points: [number, number][]): MarkGeometry => ({ tag: 'path', attrs: { d: 'M' + points.map(([x, y]) => `${round(x)} ${round(y)}`).join(' L') + ' Z' } });
const regular = (n: number, cx: number, cy: number, r: number, turn: number) =>
  Array.from({ length: n }, (_, i) => [cx + r * Math.cos(turn + ((2 * Math.PI) / n) * i), cy + r * Math.sin(turn + ((2 * Math.PI) / n) * i)] as [number, number]);

export function markGeometry(shape: MarkShape, cx: number, cy: number, r: number): MarkGeometry {
  switch (shape) {
    case 'circle':
      return { tag: 'circle', attrs: { cx, cy, r } };
    case 'diamond':
      return polygon([[cx, cy - r * 1.15], [cx + r * 1.15, cy], [cx, cy + r * 1.15], [cx - r * 1.15, cy]]);
    case 'square':
      return { tag: 'rect', attrs: { x: round(cx - r * 0.9), y: round(cy - r * 0.9), width: round(r * 1.8), height: round(r * 1.8) } };
    case 'triangle-up':
      return polygon([[cx, cy - r * 1.1], [cx + r * 1.05, cy + r * 0.8], [cx - r * 1.05, cy + r * 0.8]]);
    case 'triangle-down':
      return polygon([[cx, cy + r * 1.1], [cx + r * 1.05, cy - r * 0.8], [cx - r * 1.05, cy - r * 0.8]]);
    case 'hexagon':
      return polygon(regular(6, cx, cy, r, 0));
    case 'pentagon':
      return polygon(regular(5, cx, cy, r * 1.1, -Math.PI / 2));
    case 'star': {
      const outer = regular(5, cx, cy, r * 1.25, -Math.PI / 2);
      const inner = regular(5, cx, cy, r * 0.55, -Math.PI / 2 + Math.PI / 5);
      return polygon(outer.flatMap((p, i) => [p, inner[i]]));
    }
    case 'cross': {
      const a = r * 1.1;
      const b = r * 0.38;
      return polygon([[cx - b, cy - a], [cx + b, cy - a], [cx + b, cy - b], [cx + a, cy - b], [cx + a, cy + b], [cx + b, cy + b], [cx + b, cy + a], [cx - b, cy + a], [cx - b, cy + b], [cx - a, cy + b], [cx - a, cy - b], [cx - b, cy - b]]);
    }
    case 'bowtie':
      return polygon([[cx - r, cy - r], [cx, cy - r * 0.3], [cx + r, cy - r], [cx + r, cy + r], [cx, cy + r * 0.3], [cx - r, cy + r]]);
    case 'hourglass':
      return polygon([[cx - r, cy - r], [cx + r, cy - r], [cx + r * 0.3, cy], [cx + r, cy + r], [cx - r, cy + r], [cx - r * 0.3, cy]]);
  }
}

/** Fill and stroke of a mark: filled when the day is known, hollow (white) when not. */
export function markPaint(colour: string, hollow: boolean) {
  return { fill: hollow ? '#ffffff' : colour, stroke: colour, 'stroke-width': hollow ? 2 : 1 };
}

/** A mark for the list (a 16×16 inline SVG), as the view draws it. */
export interface ListMark {
  shape: MarkShape;
  colour: string;
  hollow: boolean;
  tag: MarkGeometry['tag'];
  attrs: [string, string | number][];
}

export function listMark(shape: MarkShape, colour: string, hollow: boolean): ListMark {
  const g = markGeometry(shape, 8, 8, 6);
  return { shape, colour, hollow, tag: g.tag, attrs: Object.entries({ ...g.attrs, ...markPaint(colour, hollow) }) };
}
