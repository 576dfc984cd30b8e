import { DatePrecision } from '../db/partial-date';
import { EventCategory } from './event-category';
import { MarkShape } from './timeline-entry';
import { buildScale, dayOf, TimeScale } from './timeline-scale';
import { fitText, oneLine, textWidth } from './text-measure';

/** What the picture needs of one event (a subset of the event view model). */
export interface TimelineEvent {
  id: number;
  category: EventCategory;
  precision: DatePrecision | string;
  /** Earliest and latest possible day, YYYY-MM-DD. */
  start: string;
  end: string;
  /** As formatPartialDate shows it: "23 Oct 2005", "Apr 2005", "c. 2005", "Apr – Sep 2005". */
  dateLabel: string;
  typeLabel: string;
  title: string | null;
  /** A record of another family (complaint, statement, ...): its key and its family's mark. */
  key?: string;
  family?: { id: string; label: string; shape: MarkShape; colour: string };
  /** The day to draw the mark at (timeline-order.ts); when every entry has one, the order given is kept. */
  drawDay?: number;
}

/** How the date of an event is drawn. */
export type DateMark = 'exact' | 'window' | 'range';

export function dateMarkOf(precision: string): DateMark {
  return precision === 'day' ? 'exact' : precision === 'range' ? 'range' : 'window';
}

/** "≈ Apr 2005" for a date known only to the month or year, or approximately. */
export function markedDate(e: Pick<TimelineEvent, 'precision' | 'dateLabel'>): string {
  return dateMarkOf(e.precision) === 'window' ? `≈ ${e.dateLabel.replace(/^(?:c\.|≈|около)\s*/, '')}` : e.dateLabel;
}

export const GEOMETRY = {
  margin: 16,
  fontSize: 12,
  smallSize: 11,
  markerRadius: 6,
  laneHeight: 50,
  laneGap: 14,
  barHeight: 10,
  minBarWidth: 3,
} as const;

export interface PlacedEvent {
  event: TimelineEvent;
  mark: DateMark;
  lane: number;
  markerX: number;
  /** The bar from the earliest to the latest possible day, when it is wide enough to see. */
  bar: { x: number; width: number } | null;
  labelX: number;
  lines: [string, string];
}

export interface TimelineLayout {
  width: number;
  scale: TimeScale;
  placed: PlacedEvent[];
  lanes: number;
}

/**
 * Places each event on the axis and in a lane: an event goes into the first lane where its mark
 * and its two-line label do not touch the previous occupant, so no label overlaps another.
 */
export function layoutTimeline(input: readonly TimelineEvent[], width: number): TimelineLayout | null {
  if (input.length === 0) return null;
  const events = inTimelineOrder(input);
  const g = GEOMETRY;
  const plotWidth = width - 2 * g.margin;
  const first = Math.min(...events.map((e) => dayOf(e.start)));
  const last = Math.max(...events.map((e) => dayOf(e.end)));
  const scale = buildScale(first, last, { left: g.margin, width: plotWidth, minSpacing: 56 });
  // On a phone-sized picture a label may use the whole width (events then take a lane each).
  const maxLabel = width < 500 ? plotWidth : Math.max(260, plotWidth * 0.36);

  const items = events.map((event) => {
    const mark = dateMarkOf(event.precision);
    const x0 = scale.x(dayOf(event.start));
    const x1 = scale.x(dayOf(event.end) + 1);
    const markerX = event.drawDay !== undefined ? scale.x(event.drawDay + 0.5) : (x0 + x1) / 2;
    const bar = mark !== 'exact' && x1 - x0 >= g.minBarWidth ? { x: x0, width: x1 - x0 } : null;
    const title = event.title ? oneLine(event.title) : '';
    const lines: [string, string] = [
      fitText(title || event.typeLabel, maxLabel, g.fontSize, true),
      fitText(title ? `${markedDate(event)} · ${event.typeLabel}` : markedDate(event), maxLabel, g.smallSize),
    ];
    const labelWidth = Math.max(textWidth(lines[0], g.fontSize, true), textWidth(lines[1], g.smallSize));
    const graphicLeft = Math.min(bar ? bar.x : markerX, markerX - g.markerRadius);
    const graphicRight = Math.max(bar ? bar.x + bar.width : markerX, markerX + g.markerRadius);
    let labelX = Math.max(g.margin, graphicLeft);
    if (labelX + labelWidth > width - g.margin) labelX = Math.max(g.margin, width - g.margin - labelWidth);
    return { event, mark, markerX, bar, labelX, lines, left: Math.min(graphicLeft, labelX), right: Math.max(graphicRight, labelX + labelWidth) };
  });

  const laneEnds: number[] = [];
  const placed: PlacedEvent[] = [];
  // In date order, so that the lanes read from top to bottom as the case unfolds. A lane takes an
  // event only to the right of everything already in it, so nothing in a lane overlaps.
  for (const item of items) {
    let lane = laneEnds.findIndex((end) => end + g.laneGap <= item.left);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.right);
    } else laneEnds[lane] = Math.max(laneEnds[lane], item.right);
    placed.push({ event: item.event, mark: item.mark, lane, markerX: item.markerX, bar: item.bar, labelX: item.labelX, lines: item.lines });
  }
  return { width, scale, placed, lanes: laneEnds.length };
}

/** The entries as given when they were ordered (timeline-order.ts), else by their window. */
export function inTimelineOrder<T extends TimelineEvent>(input: readonly T[]): T[] {
  if (input.length && input.every((e) => e.drawDay !== undefined)) return [...input];
  return [...input].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.id - b.id);
}
