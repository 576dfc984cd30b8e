import Database from 'better-sqlite3';
import { BLNS } from '../support/blns';
import { columnPhrases, foldToken, highlightText, snippetText, tokenize } from '../../src/search/highlight';
import { parseSearchText } from '../../src/search/search-text';
import { newMarkers, toSegments } from '../../src/search/snippets';

/** The tokens SQLite's own tokenizer makes of a text, in order (the index uses the same tokenizer). */
function sqliteTokens(db: Database.Database, text: string): string[] {
  db.exec('DELETE FROM t');
  db.prepare('INSERT INTO t(rowid, x) VALUES (1, ?)').run(text);
  return (db.prepare('SELECT term FROM v ORDER BY offset').all() as { term: string }[]).map((r) => r.term);
}

const terms = (q: string) => {
  const parsed = parseSearchText(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.terms;
};

describe('highlighting in JavaScript, as the index tokenizes', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
  afterAll(() => db.close());

  it('makes the same tokens as SQLite for names in several scripts and diacritics', () => {
    for (const text of ['Расул Кудаев', 'Rasul Kudaev', 'Ёлкин Йошкар-Ола', 'Zárema Müller-Łukasz Øster', 'Ǆ ǆ ﬁ Ⅻ ²', 'Іван Їжак Ґрунт', 'ΆΩ ῼ', "O'Brien d’Arc", 'Straße ẞ']) {
      expect(tokenize(text).map((t) => t.folded)).toEqual(sqliteTokens(db, text));
    }
  });

  it('makes the same tokens as SQLite for (almost) every hostile string', () => {
    const differ = BLNS.filter((s) => JSON.stringify(tokenize(s).map((t) => t.folded)) !== JSON.stringify(sqliteTokens(db, s)));
    // A difference can only change what is marked, never what is found; keep them rare.
    expect(differ.length).toBeLessThan(BLNS.length * 0.02);
  });

  it('marks every form of the words, merging overlaps, and leaves the rest exactly as stored', () => {
    const m = newMarkers();
    const text = 'Кудаев (Kudaev) was beaten; KUDAEV said so. <b>kudaev</b>';
    // The match key of a word finds every spelling spelled as the key, in names and in free text (search-keys.ts).
    const names = toSegments(highlightText(text, columnPhrases(terms('Кудаев'), 'names'), m), m);
    expect(names.filter((s) => s.hit).map((s) => s.text)).toEqual(['Кудаев', 'Kudaev', 'KUDAEV', 'kudaev']);
    expect(names.map((s) => s.text).join('')).toBe(text);
    const title = toSegments(highlightText(text, columnPhrases(terms('Кудаев'), 'title'), m), m);
    expect(title.filter((s) => s.hit).map((s) => s.text)).toEqual(['Кудаев', 'Kudaev', 'KUDAEV', 'kudaev']);
    // A phrase's keys are matched in names only (free text's keys hold no word order).
    const phrase = toSegments(highlightText('Rasul was seen; Kudaev too', columnPhrases(terms('"Расул Кудаев"'), 'body'), m), m);
    expect(phrase.filter((s) => s.hit)).toEqual([]);
  });

  it('marks phrases only where the whole phrase occurs', () => {
    const m = newMarkers();
    const out = toSegments(highlightText('a mock trial, then a mock execution', columnPhrases(terms('"mock execution"'), 'body'), m), m);
    expect(out.filter((s) => s.hit).map((s) => s.text)).toEqual(['mock execution']);
  });

  it('matches name keys in the names column only', () => {
    const t = terms('Kudayev');
    expect(columnPhrases(t, 'names').length).toBeGreaterThanOrEqual(columnPhrases(t, 'body', { stems: false }).length);
    expect(foldToken('KÜDÄÉV')).toBe('kudaev');
  });

  it('cuts a snippet around the best matches with ellipses, or keeps short text whole', () => {
    const m = newMarkers();
    const words = Array.from({ length: 100 }, (_v, i) => `w${i}`);
    words[60] = 'armadillo';
    const snip = snippetText(words.join(' '), columnPhrases(terms('armadillo'), 'body'), m, 10);
    expect(snip.startsWith('…')).toBe(true);
    expect(snip.endsWith('…')).toBe(true);
    const segs = toSegments(snip, m);
    expect(segs.find((s) => s.hit)?.text).toBe('armadillo');
    expect(snip.replace(/…/g, '').trim().split(/\s+/).length).toBe(10);
    expect(snippetText('Admitted the armadillo plot.', columnPhrases(terms('armadillo'), 'body'), m, 28)).toBe(`Admitted the ${m.open}armadillo${m.close} plot.`);
    expect(snippetText(words.join(' '), columnPhrases(terms('nothing'), 'body'), m, 5)).toBe('w0 w1 w2 w3 w4…');
  });

  it('finds the match deep inside a long extracted text and stays short', () => {
    const m = newMarkers();
    const text = 'filler words here. '.repeat(150_000) + 'the wolverine was seen. ' + 'more filler. '.repeat(1000);
    const snip = snippetText(text, columnPhrases(terms('wolverine'), 'body'), m, 12);
    expect(toSegments(snip, m).filter((s) => s.hit).map((s) => s.text)).toEqual(['wolverine']);
    expect(snip.startsWith('…') && snip.endsWith('…')).toBe(true);
    const many = snippetText('wolverine '.repeat(500_000), columnPhrases(terms('wolverine'), 'body'), m, 8);
    expect(toSegments(many, m).filter((s) => s.hit)).toHaveLength(8);
  });
});
