/**
 * The geometry of the reports' charts, computed here so the views only draw. Readable from one
 * case to 100,000: a scale rounded to a "nice" top (1, 2, 2.5 or 5 times a power of ten) with
 * whole-number ticks, so a selection of one case shows an axis 0–1 and not 0–0.25–0.5; bars
 * drawn in proportion to that top; text sized by the page's CSS, never by scaling a drawing.
 */

export interface ChartBar {
  key: string;
  label: string;
  value: number;
  /** The same report narrowed to this bar's value. */
  href?: string;
}

export interface Scale {
  top: number;
  ticks: number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/** A scale from 0 to a nice top at or above `max`, with about `count` whole-number steps. */
export function niceScale(max: number, count = 4): Scale {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = STEPS.map((s) => s * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  step = Math.max(1, Math.round(step));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { top, ticks };
}

export interface BarRowView extends ChartBar {
  /** Bar length, 0–100 (per cent of the track); at least a sliver for any count above 0. */
  length: number;
}

/** Horizontal bars (institutions, methods, regions, outcomes): one row each, longest = the scale's top. */
export function barRows(bars: ChartBar[]): { rows: BarRowView[]; scale: Scale } {
  const scale = niceScale(Math.max(0, ...bars.map((b) => b.value)));
  return {
    scale,
    rows: bars.map((b) => ({ ...b, length: b.value > 0 ? Math.max(0.5, Math.round((b.value / scale.top) * 1000) / 10) : 0 })),
  };
}

export interface ColumnView extends ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whether its label is written under it (every year when they fit, else every n-th). */
  labelled: boolean;
  labelX: number;
}

export interface ColumnChartView {
  width: number;
  height: number;
  plotTop: number;
  plotBottom: number;
  plotLeft: number;
  plotRight: number;
  labelY: number;
  ticks: { value: number; y: number }[];
  columns: ColumnView[];
}

const PLOT_HEIGHT = 160;
const PLOT_TOP = 12;
/** Width of one character of a 12 px label, generously (digits and spaces). */
const CHAR_WIDTH = 7.5;

/**
 * Columns over time (years). Drawn at their own size (the view scrolls sideways when they do not
 * fit): a narrow screen never shrinks the labels below the CSS size. Columns share about 400 px
 * (a panel's width), each between 14 and 48; a year label every n-th column so that labels never overlap.
 */
export function columnChart(bars: ChartBar[], formatTick: (n: number) => string = String): ColumnChartView {
  const scale = niceScale(Math.max(0, ...bars.map((b) => b.value)));
  const tickText = scale.ticks.map(formatTick);
  const plotLeft = Math.ceil(Math.max(...tickText.map((s) => s.length)) * CHAR_WIDTH) + 10;
  const colW = Math.max(14, Math.min(48, Math.floor(400 / Math.max(bars.length, 1))));
  const plotBottom = PLOT_TOP + PLOT_HEIGHT;
  const longestLabel = Math.max(4, ...bars.map((b) => b.label.length));
  const every = Math.max(1, Math.ceil((longestLabel * CHAR_WIDTH + 6) / colW));
  const columns = bars.map((b, i) => {
    const height = b.value > 0 ? Math.max(1, Math.round((b.value / scale.top) * PLOT_HEIGHT)) : 0;
    const x = plotLeft + 4 + i * colW;
    return { ...b, x, y: plotBottom - height, width: colW - 4, height, labelled: i % every === 0, labelX: x + (colW - 4) / 2 };
  });
  const plotRight = plotLeft + 4 + bars.length * colW + 4;
  return {
    width: plotRight + Math.ceil((longestLabel * CHAR_WIDTH) / 2),
    height: plotBottom + 26,
    plotTop: PLOT_TOP,
    plotBottom,
    plotLeft,
    plotRight,
    labelY: plotBottom + 18,
    ticks: scale.ticks.map((value) => ({ value, y: plotBottom - Math.round((value / scale.top) * PLOT_HEIGHT) })),
    columns,
  };
}
