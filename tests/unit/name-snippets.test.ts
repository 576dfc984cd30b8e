import { namesSnippet, writtenNames } from '../../src/search/name-snippets';
import { parseSearchText } from '../../src/search/search-text';
import { BLNS } from '../support/blns';

const m = { open: '[', close: ']' };
const terms = (q: string) => {
  const p = parseSearchText(q);
  if (!p.ok) throw new Error(p.message);
  return p.terms;
};
const INDEXED = 'Rasul Kudayev, Кудаев Расул · kudayev rasul · kudaev rasul';

describe('names in a hit', () => {
  it('keeps the names as written and leaves out the transliterations and match keys', () => {
    expect(writtenNames(INDEXED)).toEqual(['Rasul Kudayev', 'Кудаев Расул']);
    // An institution's keys derive from its name, which is its title.
    expect(writtenNames('department grozni politse · ROVD Grozny · grozni rovd', ['Grozny police department'])).toEqual(['ROVD Grozny']);
    // A transliteration made before ё was folded to е still shares the key.
    expect(writtenNames('Кудаев Рамзан Артемович · kudayev ramzan artyomovich · artemovich kudaev ramzan')).toEqual(['Кудаев Рамзан Артемович']);
  });

  it('marks each name whose word matched in any spelling, apart from its neighbours', () => {
    expect(namesSnippet(INDEXED, terms('kudaev'), m, 16)).toBe('Rasul [Kudayev], [Кудаев] Расул');
    expect(namesSnippet(INDEXED, terms('Кудаев Расул'), m, 16)).toBe('[Rasul Kudayev], [Кудаев Расул]');
    // No written name matches: nothing, never the keys.
    expect(namesSnippet(INDEXED, terms('ivanov'), m, 16)).toBe('');
  });

  it('cuts long lists around the first match', () => {
    const many = Array.from({ length: 30 }, (_, i) => `Name${i} Person`).join(', ') + ', Rasul Kudaev';
    const out = namesSnippet(many, terms('kudaev'), m, 8);
    expect(out.startsWith('…')).toBe(true);
    expect(out).toContain('[Kudaev]');
  });

  it('takes any text', () => {
    for (const s of BLNS) expect(typeof namesSnippet(`${s} · ${s.toLowerCase()}`, terms('kudaev'), m, 16)).toBe('string');
  });
});
