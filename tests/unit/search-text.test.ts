import fs from 'node:fs';
import { SEARCH_TEXT_MAX, ftsString, matchExpression, namesExpression, parseSearchText } from '../../src/search/search-text';

const terms = (raw: string) => {
  const parsed = parseSearchText(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.terms;
};

describe('search text', () => {
  it('quotes every word, so FTS5 operators are plain words', () => {
    expect(matchExpression(terms('torture AND NOT "b'))).toBe('"torture" AND "and" AND "not" AND "b"');
    expect(matchExpression(terms('NEAR(a b) title:a *'))).toBe('"near(a" AND "b)" AND "title:a"');
    expect(matchExpression(terms('do "mock torture"'))).toBe('"do" AND ("mock torture" OR names : ("mok" AND "torture"))');
  });

  it('adds the transliteration and the name key of each word', () => {
    expect(matchExpression(terms('Кудаев'))).toBe('("кудаев" OR "kudayev" OR "kudaev")');
    expect(matchExpression(terms('Kudayev'))).toBe('("kudayev" OR "kudaev")');
    expect(matchExpression(terms('ёлка'))).toBe('("елка" OR "yelka" OR "elka")');
    expect(namesExpression(terms('Kudaev'))).toBe('names : "kudaev"');
    expect(namesExpression(terms('Кудаев'))).toBe('names : "кудаев" OR names : "kudayev" OR names : ("kudaev")');
  });

  it('escapes quotes inside FTS5 strings', () => {
    expect(ftsString('a"b')).toBe('"a""b"');
    expect(matchExpression(terms("O'Brien"))).toBe(`("o'brien" OR "obren")`);
  });

  it('drops what holds no word at all, and control characters', () => {
    expect(terms('*** !!! " ^ --')).toEqual([]);
    expect(matchExpression([])).toBeNull();
    expect(terms('a\u0000b\u202Ec').map((t) => t.text)).toEqual(['a', 'b', 'c']);
  });

  it('limits the length and the number of words, with a message', () => {
    expect(parseSearchText('x'.repeat(SEARCH_TEXT_MAX))).toEqual(expect.objectContaining({ ok: true }));
    expect(parseSearchText('x'.repeat(SEARCH_TEXT_MAX + 1))).toEqual({ ok: false, message: 'Search for at most 200 characters.' });
    expect(parseSearchText(Array.from({ length: 21 }, () => 'w').join(' '))).toEqual({ ok: false, message: 'Search for at most 20 words.' });
  });

  it('never throws on the big list of naughty strings', () => {
    const strings: string[] = JSON.parse(fs.readFileSync('/work/shared/corpora/strings/blns.json', 'utf8'));
    for (const s of strings) {
      const parsed = parseSearchText(s);
      if (parsed.ok) expect(() => matchExpression(parsed.terms)).not.toThrow();
      else expect(parsed.message).toMatch(/^Search for at most/);
    }
  });
});
