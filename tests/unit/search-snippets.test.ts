import { excerpt, newMarkers, toSegments } from '../../src/search/snippets';

describe('search snippets', () => {
  const m = newMarkers();
  const mark = (s: string) => `${m.open}${s}${m.close}`;

  it('turns marked text into segments', () => {
    expect(toSegments(`a ${mark('b')} c ${mark('d')}`, m)).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c ', hit: false },
      { text: 'd', hit: true },
    ]);
    expect(toSegments('', m)).toEqual([]);
    expect(toSegments(null, m)).toEqual([]);
  });

  it('is not fooled by marker-like text: each query has its own markers', () => {
    const other = newMarkers();
    expect(other.open).not.toBe(m.open);
    const text = `${other.open}x${other.close} <b>${mark('y')}</b>`;
    expect(toSegments(text, m)).toEqual([
      { text: `${other.open}x${other.close} <b>`, hit: false },
      { text: 'y', hit: true },
      { text: '</b>', hit: false },
    ]);
  });

  it('draws distinct markers for every query, also across refills of its random pool', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newMarkers().open));
    expect(seen.size).toBe(1000);
  });

  it('shortens long text at a word boundary', () => {
    expect(excerpt('short')).toBe('short');
    const long = 'word '.repeat(100);
    expect(excerpt(long, 50).length).toBeLessThanOrEqual(51);
    expect(excerpt(long, 50).endsWith('…')).toBe(true);
  });
});
