import fs from 'node:fs';
import { SEARCH_TEXT_MAX, ftsString, matchExpression, namesExpression, parseSearchText } from '../../src/search/search-text';

const terms = (raw: string) => {
  const parsed = parseSearchText(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.terms;
};

describe('search text', () => {
  it('quotes every word, so FTS5 operators are plain words', () => {
    // Words as written meet the words as written (and names and keys); their normal forms, the normal forms of titles and texts.
    expect(matchExpression(terms('torture AND NOT "b'))).toBe('({title body names keys} : "torture" OR {title_stems body_stems} : "tortur") AND {title body names keys} : "and" AND {title body names keys} : "not" AND {title body names keys} : "b"');
    expect(matchExpression(terms('NEAR(a b) title:a *'))).toBe('{title body names keys} : "near(a" AND {title body names keys} : "b)" AND {title body names keys} : "title:a"');
    expect(matchExpression(terms('do "mock torture"'))).toBe('{title body names keys} : "do" AND ({title body names keys} : "mock torture" OR names : ("mok" AND "torture"))');
  });

  it('adds the transliteration and the name key of each word', () => {
    expect(matchExpression(terms('Кудаев'))).toBe('({title body names keys} : ("кудаев" OR "kudayev" OR "kudaev") OR {title_stems body_stems} : "кудаев")');
    expect(matchExpression(terms('Kudayev'))).toBe('({title body names keys} : ("kudayev" OR "kudaev") OR {title_stems body_stems} : "kudayev")');
    expect(matchExpression(terms('ёлка'))).toBe('({title body names keys} : ("елка" OR "yelka" OR "elka") OR {title_stems body_stems} : "елк")');
    expect(namesExpression(terms('Kudaev'))).toBe('names : "kudaev"');
    expect(namesExpression(terms('Кудаев'))).toBe('names : "кудаев" OR names : "kudayev" OR names : ("kudaev")');
  });

  it('escapes quotes inside FTS5 strings', () => {
    expect(ftsString('a"b')).toBe('"a""b"');
    expect(matchExpression(terms("O'Brien"))).toBe(`{title body names keys} : ("o'brien" OR "obren")`);
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
