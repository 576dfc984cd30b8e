import { centreDay, dayNumber, isoOfDay, moveWithin, orderTimeline, sortDayNumber } from '../../src/events/timeline-order';

const day = (d: string) => ({ precision: 'day', start: d, end: d });
const month = (m: string, last: string) => ({ precision: 'month', start: `${m}-01`, end: `${m}-${last}` });
const keys = (items: { key: string }[]) => items.map((i) => i.key);

describe('timeline order', () => {
  it('sorts a month, a year, an approximate date and a range at the centre of its window', () => {
    expect(isoOfDay(centreDay(month('2005-04', '30')))).toBe('2005-04-15');
    expect(isoOfDay(centreDay({ precision: 'year', start: '2014-01-01', end: '2014-12-31' }))).toBe('2014-07-02');
    // c. Jan 2018 is stored as Dec 2017 .. Feb 2018: it sorts in mid-January 2018.
    expect(isoOfDay(sortDayNumber({ precision: 'approximate', start: '2017-12-01', end: '2018-02-28' }))).toBe('2018-01-14');
    expect(isoOfDay(sortDayNumber({ precision: 'range', start: '2005-04-01', end: '2005-05-31' }))).toBe('2005-05-01');
    const ordered = orderTimeline([
      { key: 'year', date: { precision: 'year', start: '2005-01-01', end: '2005-12-31' } },
      { key: 'arrest', date: day('2005-10-23') },
      { key: 'month', date: month('2005-04', '30') },
      { key: 'early-april', date: day('2005-04-03') },
    ]);
    expect(keys(ordered)).toEqual(['early-april', 'month', 'year', 'arrest']);
  });

  it('never places an entry before one it follows from, and draws it no earlier than its cause when its window allows', () => {
    // "c. 2005" centres on 2 July 2005, but it follows from the arrest on 23 October.
    const items = [
      { key: 'effect', date: { precision: 'year', start: '2005-01-01', end: '2005-12-31' }, follows: ['cause'] },
      { key: 'cause', date: day('2005-10-23') },
      { key: 'unrelated', date: day('2005-08-01') },
      { key: 'later', date: day('2005-11-01') },
    ];
    const ordered = orderTimeline(items);
    expect(keys(ordered)).toEqual(['unrelated', 'cause', 'effect', 'later']);
    const effect = ordered.find((o) => o.key === 'effect')!;
    expect(isoOfDay(effect.drawDay)).toBe('2005-10-23');
    // A window that ends before its cause keeps the mark inside the window (the list still follows).
    const inconsistent = orderTimeline([{ key: 'b', date: month('2005-03', '31'), follows: ['a'] }, { key: 'a', date: day('2005-10-23') }]);
    expect(keys(inconsistent)).toEqual(['a', 'b']);
    expect(inconsistent[1].drawDay).toBe(dayNumber('2005-03-31'));
  });

  it('follows chains of links, ignores links to entries that are not there, and breaks a cycle without losing an entry', () => {
    const chain = orderTimeline([
      { key: 'c', date: day('2005-01-01'), follows: ['b'] },
      { key: 'b', date: day('2005-01-02'), follows: ['a', 'missing'] },
      { key: 'a', date: day('2005-01-03') },
    ]);
    expect(keys(chain)).toEqual(['a', 'b', 'c']);
    const cycle = orderTimeline([
      { key: 'x', date: day('2005-01-02'), follows: ['y'] },
      { key: 'y', date: day('2005-01-03'), follows: ['z'] },
      { key: 'z', date: day('2005-01-01'), follows: ['x'] },
      { key: 'free', date: day('2005-01-05') },
      { key: 'self', date: day('2005-01-04'), follows: ['self'] },
    ]);
    expect(keys(cycle).sort()).toEqual(['free', 'self', 'x', 'y', 'z']);
    // The links of the cycle x → y → z → x cannot all hold: its entries keep their dates' order, in place.
    expect(keys(cycle)).toEqual(['z', 'x', 'y', 'self', 'free']);
    expect(cycle.filter((c) => c.brokenCycle).map((c) => c.key).sort()).toEqual(['x', 'y', 'z']);
    // An entry that follows a cycle still comes after all of it.
    const after = orderTimeline([
      { key: 'p', date: day('2005-01-02'), follows: ['q'] },
      { key: 'q', date: day('2005-01-03'), follows: ['p'] },
      { key: 'r', date: day('2005-01-01'), follows: ['q'] },
    ]);
    expect(keys(after)).toEqual(['p', 'q', 'r']);
    // A long chain is no problem for the cycle search.
    const long = Array.from({ length: 5_000 }, (_, i) => ({ key: `k${i}`, date: day('2005-01-01'), follows: i ? [`k${i - 1}`] : [], seq: -i }));
    expect(orderTimeline(long)[4_999].key).toBe('k4999');
  });

  it('orders entries sharing a date by the researchers’ positions, then family rank, then order of entry', () => {
    const same = day('2006-05-12');
    const plain = orderTimeline([
      { key: 'verdict', date: same, rank: 3, seq: 1 },
      { key: 'event', date: same, rank: 0, seq: 2 },
      { key: 'refusal', date: same, rank: 1, seq: 0 },
    ]);
    expect(keys(plain)).toEqual(['event', 'refusal', 'verdict']);
    const set = orderTimeline([
      { key: 'verdict', date: same, rank: 3, seq: 1, position: 1 },
      { key: 'event', date: same, rank: 0, seq: 2, position: 3 },
      { key: 'refusal', date: same, rank: 1, seq: 0, position: 2 },
    ]);
    expect(keys(set)).toEqual(['verdict', 'refusal', 'event']);
    // A position never beats "follows": the refusal follows the event whatever its position.
    const constrained = orderTimeline([
      { key: 'event', date: same, position: 2 },
      { key: 'refusal', date: same, position: 1, follows: ['event'] },
    ]);
    expect(keys(constrained)).toEqual(['event', 'refusal']);
  });

  it('moves a key one place within its group, or refuses at the ends', () => {
    expect(moveWithin(['a', 'b', 'c'], 'b', 'up')).toEqual(['b', 'a', 'c']);
    expect(moveWithin(['a', 'b', 'c'], 'b', 'down')).toEqual(['a', 'c', 'b']);
    expect(moveWithin(['a', 'b', 'c'], 'a', 'up')).toBeNull();
    expect(moveWithin(['a', 'b', 'c'], 'c', 'down')).toBeNull();
    expect(moveWithin(['a'], 'z', 'up')).toBeNull();
  });
});
