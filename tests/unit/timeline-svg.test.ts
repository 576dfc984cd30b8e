import { renderTimelineSvg, TimelineEvent, describeTimeline } from '../../src/events/timeline-svg';
import { layoutTimeline, GEOMETRY } from '../../src/events/timeline-layout';
import { buildScale, dayOf } from '../../src/events/timeline-scale';
import { el, escapeXml } from '../../src/events/svg-markup';
import { fitText, graphemes, textWidth, wrapText } from '../../src/events/text-measure';
import { formatPartialDate, parsePartialDate } from '../../src/db/partial-date';
import { categoryOf } from '../../src/events/event-category';

let nextId = 1;
/** An event as the presenter would give it, from a date as a user types it. */
function event(type: string, title: string | null, precision: string, value: string, end?: string): TimelineEvent {
  const parsed = parsePartialDate(precision === 'range' ? { precision, start: value, end } : { precision, value });
  if (!parsed.ok) throw new Error(parsed.message);
  const d = parsed.date;
  return { id: nextId++, category: categoryOf(type), precision: d.precision, start: d.start, end: d.end, dateLabel: formatPartialDate(d), typeLabel: type.replace(/_/g, ' '), title };
}

/**
 * A strict check that the SVG is well-formed XML written only by the renderer: known elements,
 * balanced, quoted attributes, entities only for & < > " ', and no character XML forbids.
 */
function expectWellFormed(svg: string): void {
  expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
  expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  const body = svg.replace(/^<\?xml[^>]*\?>\n/, '').trimEnd();
  const entity = /&(?!(amp|lt|gt|quot|#39);)/;
  const stack: string[] = [];
  for (const token of body.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      expect(token).not.toMatch(entity);
      expect(stack.length).toBeGreaterThan(0);
      continue;
    }
    const tag = /^<(\/?)(svg|title|desc|g|rect|line|circle|path|text)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*="[^"<]*")*)\s*(\/?)>$/.exec(token);
    expect([token, Boolean(tag)]).toEqual([token, true]);
    const [, closing, name, attrs, selfClosing] = tag!;
    expect(attrs).not.toMatch(entity);
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
  }
  expect(stack).toEqual([]);
}

const groupOf = (svg: string, id: number) => {
  const at = svg.indexOf(`id="timeline-event-${id}"`);
  expect(at).toBeGreaterThan(0);
  return svg.slice(svg.lastIndexOf('<g ', at), svg.indexOf('</g>', at));
};
const attr = (markup: string, name: string) => Number(new RegExp(`\\s${name}="([-\\d.]+)"`).exec(markup)![1]);

describe('the timeline picture', () => {
  it('escapes hostile titles, type labels and the picture title, and replaces characters XML forbids', () => {
    const hostile = [
      event('arrest', '<script>alert(1)</script>', 'day', '2005-10-23'),
      event('torture_ill_treatment', '"><img src=x onerror=alert(2)> & ]]> <!-- \u0001\u0008\uFFFE', 'day', '2005-10-24'),
      event('complaint', "' onload='alert(3)", 'month', '2005-11'),
      { ...event('other', null, 'year', '2006'), typeLabel: '<b>type</b>' },
    ];
    const svg = renderTimelineSvg(hostile, { title: 'Timeline of <case> & "co"' });
    expectWellFormed(svg);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; ]]&gt; &lt;!-- \uFFFD\uFFFD\uFFFD');
    expect(svg).toContain('&#39; onload=&#39;alert(3)');
    expect(svg).toContain('&lt;b&gt;type&lt;/b&gt;');
    expect(svg).toContain('<title id="timeline-title">Timeline of &lt;case&gt; &amp; &quot;co&quot;</title>');
    expect(svg).not.toMatch(/<script|<img|onerror=alert\(2\)>|onload='/);
  });

  it('keeps every naughty string inert and the document well-formed', () => {
    const strings: string[] = require('../../../shared/corpora/strings/blns.json');
    const events = strings.map((s, i) => ({ ...event('other', s, 'day', '2005-01-01'), typeLabel: s || 'Other', id: 10_000 + i }));
    const svg = renderTimelineSvg(events, { width: 360, title: strings.join(' ').slice(0, 300) });
    expectWellFormed(svg);
  });

  it('draws ranges as bars from their start to their end', () => {
    const year = event('detention', 'Held in SIZO-1', 'day', '2005-01-01');
    const range = event('detention', 'Detention', 'range', '2005-04-01', '2005-09-30');
    const end = event('release', 'Released', 'day', '2005-12-31');
    const svg = renderTimelineSvg([year, range, end], { width: 960 });
    const g = groupOf(svg, range.id);
    expect(g).toContain('class="event event-detention date-range"');
    const bar = /<rect class="bar bar-range"[^>]*>/.exec(g)![0];
    expect(bar).not.toContain('stroke-dasharray');
    const scale = layoutTimeline([year, range, end], 960)!.scale;
    expect(attr(bar, 'x')).toBeCloseTo(scale.x(dayOf('2005-04-01')), 0);
    expect(attr(bar, 'x') + attr(bar, 'width')).toBeCloseTo(scale.x(dayOf('2005-10-01')), 0);
    // Half a year of a year-and-a-bit picture: a long bar, well over a third of the width.
    expect(attr(bar, 'width')).toBeGreaterThan(300);
    expect(groupOf(svg, year.id)).not.toContain('<rect');
  });

  it('marks uncertain dates: hollow marks, dashed bars over the possible window, ≈ in the label; exact days filled', () => {
    const exact = event('arrest', 'Arrested', 'day', '2005-10-23');
    const month = event('torture_ill_treatment', 'Beaten', 'month', '2005-11');
    const approximate = event('court', 'Hearing', 'approximate', '2006-03');
    const svg = renderTimelineSvg([exact, month, approximate]);
    const exactGroup = groupOf(svg, exact.id);
    expect(exactGroup).toContain('date-exact');
    expect(exactGroup).toMatch(/<circle [^>]*fill="#1f4e8c"/);
    expect(exactGroup).toContain('>23 Oct 2005 · arrest<');
    for (const [e, label] of [[month, '≈ Nov 2005'], [approximate, '≈ Mar 2006']] as const) {
      const g = groupOf(svg, e.id);
      expect(g).toContain('date-window');
      expect(g).toMatch(/<rect class="bar bar-window"[^>]*stroke-dasharray="4 3"/);
      expect(g).toMatch(/<(path|circle|rect) (d|cx|x)="[^"]*"[^>]*fill="#ffffff"/);
      expect(g).toContain(`>${label} · `);
    }
    // The approximate month spans the month before to the month after.
    const window = /<rect class="bar bar-window"[^>]*>/.exec(groupOf(svg, approximate.id))![0];
    const scale = layoutTimeline([exact, month, approximate], 960)!.scale;
    expect(attr(window, 'x')).toBeCloseTo(scale.x(dayOf('2006-02-01')), 0);
    // The key explains the marks.
    expect(svg).toContain('Known to the day');
    expect(svg).toContain('≈ Known only to the month or year, or');
    expect(svg).toContain('A range: from its start to its end');
    expect(svg).toContain('Torture, ill-treatment and reprisals');
  });

  it('draws an empty timeline as a short note', () => {
    const svg = renderTimelineSvg([]);
    expectWellFormed(svg);
    expect(svg).toContain('No events recorded yet.');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<desc id="timeline-desc">No events are recorded on this timeline yet.');
    expect(describeTimeline([])).toBe('No events are recorded on this timeline yet.');
  });

  it('centres a single event in some context with day ticks', () => {
    const only = event('arrest', 'Arrested', 'day', '2005-10-23');
    const svg = renderTimelineSvg([only], { title: 'One' });
    expectWellFormed(svg);
    const layout = layoutTimeline([only], 960)!;
    expect(layout.scale.unit).toBe('day');
    expect(layout.scale.endDay - layout.scale.startDay).toBeGreaterThanOrEqual(28);
    const x = attr(/<circle [^>]*>/.exec(groupOf(svg, only.id))![0], 'cx');
    expect(x).toBeGreaterThan(960 * 0.3);
    expect(x).toBeLessThan(960 * 0.7);
    expect(svg).toContain('>Oct 2005<');
    expect(describeTimeline([only])).toBe('1 event on 23 Oct 2005.');
  });

  it('scales twenty years to year ticks that never crowd, narrow or wide', () => {
    const events = [
      event('arrest', 'Arrested', 'day', '2000-03-02'),
      event('verdict', 'Convicted', 'year', '2006'),
      event('appeal', 'ECHR application', 'range', '2008-01', '2012-06'),
      event('release', 'Released', 'approximate', '2019'),
      event('threat_reprisal', 'Threats to the family', 'month', '2020-02'),
    ];
    for (const width of [960, 360]) {
      const svg = renderTimelineSvg(events, { width });
      expectWellFormed(svg);
      const { scale } = layoutTimeline(events, width)!;
      expect(scale.unit).toBe('year');
      const xs = scale.ticks.map((t) => t.x);
      for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(56);
      expect(scale.startDay).toBeLessThanOrEqual(dayOf('2000-03-02'));
      expect(scale.endDay).toBeGreaterThan(dayOf('2020-12-31'));
      expect(scale.ticks.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
      expect(svg).toContain(`viewBox="0 0 ${width} `);
    }
  });

  it('puts overlapping events in separate lanes so that no two labels touch', () => {
    const crowded = Array.from({ length: 12 }, (_, i) => event(i % 2 ? 'interrogation' : 'torture_ill_treatment', `Interrogation number ${i + 1} at the ROVD`, 'day', `2005-10-${String(10 + i).padStart(2, '0')}`));
    crowded.push(event('verdict', 'Verdict', 'day', '2006-05-20'));
    for (const width of [960, 360]) {
      const layout = layoutTimeline(crowded, width)!;
      expect(layout.lanes).toBeGreaterThan(1);
      const boxes = layout.placed.map((p) => ({
        lane: p.lane,
        left: Math.min(p.labelX, p.markerX - GEOMETRY.markerRadius, p.bar?.x ?? Infinity),
        right: Math.max(p.labelX + Math.max(textWidth(p.lines[0], GEOMETRY.fontSize, true), textWidth(p.lines[1], GEOMETRY.smallSize)), p.markerX + GEOMETRY.markerRadius, p.bar ? p.bar.x + p.bar.width : -Infinity),
      }));
      for (const a of boxes) for (const b of boxes) if (a !== b && a.lane === b.lane) expect(a.right <= b.left || b.right <= a.left).toBe(true);
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(width);
      }
      // Document order is chronological whatever the lanes.
      expect(layout.placed.map((p) => p.event.id)).toEqual(crowded.map((e) => e.id));
    }
  });
});

describe('the time scale', () => {
  it('chooses day, month or year ticks by span and width', () => {
    const opts = { left: 0, width: 900, minSpacing: 56 };
    expect(buildScale(dayOf('2005-10-01'), dayOf('2005-10-20'), opts).unit).toBe('day');
    expect(buildScale(dayOf('2005-04-01'), dayOf('2006-05-31'), opts).unit).toBe('month');
    expect(buildScale(dayOf('1990-01-01'), dayOf('2024-12-31'), opts).unit).toBe('year');
    const months = buildScale(dayOf('2005-04-01'), dayOf('2006-05-31'), opts);
    expect(months.ticks.filter((t) => t.context).map((t) => t.context)).toEqual(['2005', '2006']);
    expect(months.x(months.startDay)).toBe(0);
    expect(months.x(months.endDay)).toBe(900);
  });
});

describe('the SVG writer and text measure', () => {
  it('escapes every attribute and text, and refuses attribute names it did not expect', () => {
    expect(el('text', { x: 1.234, fill: '"red" onload=x' }, ['<a> & b']).xml).toBe('<text x="1.2" fill="&quot;red&quot; onload=x">&lt;a&gt; &amp; b</text>');
    expect(() => el('text', { 'onload="x" y': 1 })).toThrow('bad SVG attribute name');
    expect(escapeXml('a\u0000b\uD800c')).toBe('a\uFFFDb\uFFFDc');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('cuts long labels at grapheme boundaries with an ellipsis and wraps words', () => {
    const family = '👨‍👩‍👧‍👦';
    const cut = fitText(family.repeat(40), 100, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(graphemes(cut.slice(0, -1)).every((g) => g === family)).toBe(true);
    const zalgo = 'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳';
    const cutZalgo = fitText(zalgo, 40, 12);
    expect(zalgo.startsWith(cutZalgo.slice(0, -1))).toBe(true);
    expect(textWidth(cutZalgo, 12)).toBeLessThanOrEqual(40);
    expect(fitText('short', 200, 12)).toBe('short');
    expect(wrapText('Known only to the month or year, or approximately', 120, 11).length).toBeGreaterThan(1);
    expect(wrapText('Known only to the month or year, or approximately', 120, 11).every((l) => textWidth(l, 11) <= 120)).toBe(true);
  });
});
