import { WITHHELD, excerpt, newMarkers, toSegments, withholdWords } from '../../src/search/snippets';
import { foldForComparison, normaliseWord } from '../../src/search/search-access';
import { BLNS } from '../support/blns';

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

  it('withholds name words whatever their case or diacritics', () => {
    const out = withholdWords([{ text: 'ZAREMA Protectedova said, and Zárema agreed', hit: false }, { text: 'protectedova', hit: true }], new Set(['zarema', 'protectedova']));
    expect(out).toEqual([
      { text: `${WITHHELD} ${WITHHELD} said, and ${WITHHELD} agreed`, hit: false },
      { text: WITHHELD, hit: false },
    ]);
  });

  it('draws distinct markers for every query, also across refills of its random pool', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newMarkers().open));
    expect(seen.size).toBe(1000);
  });

  it('withholds names in Cyrillic, Greek (final sigma) and decomposed Latin too', () => {
    const words = new Set(['Дудаёв', 'ΟΔΥΣΣΕΥΣ', 'Zárema'].map(normaliseWord));
    const out = withholdWords([{ text: 'дудаев met Οδυσσευς and Za\u0301rema (ZAREMA); Odysseus stays', hit: false }], words);
    expect(out).toEqual([{ text: `${WITHHELD} met ${WITHHELD} and ${WITHHELD} (${WITHHELD}); Odysseus stays`, hit: false }]);
  });

  it('never skips a text holding a withheld word: every word folds into a part of its text (blns)', () => {
    // withholdWords looks at a segment's words only when its folded text holds a withheld word.
    for (const text of BLNS) {
      const folded = foldForComparison(text);
      for (const word of text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) expect([text, word, folded.includes(normaliseWord(word))]).toEqual([text, word, true]);
    }
  });

  it('folds exactly as case folding, ё to е, final sigma, NFKD and dropping marks would, shortcuts included (blns, Cyrillic, Greek)', () => {
    const reference = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/ς/g, 'σ').normalize('NFKD').replace(/\p{M}/gu, '');
    const samples = [...BLNS, 'Кудаев Расул', 'ЙОШКАР-ОЛА Йошкар', 'Ёлкин', 'Ѓорѓи Ї', 'ΟΔΥΣΣΕΥΣ ς', 'Zárema', 'plain ascii', 'Щукин Нариман Артемович'];
    for (const text of samples) expect([text, foldForComparison(text)]).toEqual([text, reference(text)]);
  });

  it('shortens long text at a word boundary', () => {
    expect(excerpt('short')).toBe('short');
    const long = 'word '.repeat(100);
    expect(excerpt(long, 50).length).toBeLessThanOrEqual(51);
    expect(excerpt(long, 50).endsWith('…')).toBe(true);
  });
});
