import { buildNameMatcher, changeName, findMentions, mentionPatterns } from '../../src/people/protected-names';
import { Redactor } from '../../src/people/redaction';
import { CREATE_STATE_TABLE_SQL, redactionTriggerSql } from '../../src/people/protected-names-state';
import fs from 'node:fs';
import { BLNS } from '../support/blns';
import path from 'node:path';

const people = [
  { id: 142, names: ['Кудаев Расул Камбулатович', 'Rasul Kudaev'] },
  { id: 7, names: ['Vera'] },
  { id: 9, names: ["Il'ya Smith"] },
  { id: 11, names: ['ნინო ბერიძე'] },
];
const matcher = buildNameMatcher(people);
const hidden = new Redactor(matcher, new Set());
const mentioned = (text: string) => findMentions(matcher, text).map((m) => [text.slice(m.start, m.end), [...m.personIds]]);

describe('finding protected names in free text', () => {
  test.each([
    ['Кудаев Расул Камбулатович был задержан', 'Кудаев Расул Камбулатович'],
    ['KUDAYEV, Rasul was beaten', 'KUDAYEV, Rasul'],
    ['the lawyer of rasul kudaev said', 'rasul kudaev'],
    ['(Rasul Koudaev)', 'Rasul Koudaev'],
    ['Расул Камбулатович, you said', 'Расул Камбулатович'],
    ['Rasul Kudaeff testified', 'Rasul Kudaeff'],
    ['КУДАЕВ РАСУЛ.', 'КУДАЕВ РАСУЛ'],
    ['Rasul Kudaev’s arrest', 'Rasul Kudaev'],
    ['адвокат Расула Кудаева заявил', 'Расула Кудаева'],
    ['встреча с Расулом Кудаевым', 'Расулом Кудаевым'],
  ])('%s', (text, mention) => {
    expect(mentioned(text)).toEqual([[mention, [142]]]);
  });

  test('a word alone is a mention only inside the cases the person is linked to', () => {
    expect(mentioned('Rasul went home; Kudaev too')).toEqual([]);
    const inCase = findMentions(matcher, 'Rasul went home; Kudaev too', new Set([142])).map((m) => m.personIds[0]);
    expect(inCase).toEqual([142, 142]);
  });

  test('a name that is a common word is replaced only as a whole word, in either script and any case', () => {
    expect(mentioned('Vera testified; the veranda of several houses, very; VERA; вера; Вере')).toEqual([
      ['Vera', [7]],
      ['VERA', [7]],
      ['вера', [7]],
    ]);
    expect(hidden.text('Several people saw Vera.')).toBe('Several people saw [Person P-0007].');
  });

  test('names with apostrophes and in scripts without a Latin transliteration', () => {
    expect(mentioned("Il'ya Smith and Ilya Smith")).toEqual([["Il'ya Smith", [9]], ['Ilya Smith', [9]]]);
    expect(mentioned('ნინო ბერიძე არის')).toEqual([['ნინო ბერიძე', [11]]]);
  });

  test('case forms of a surname meet its nominative, female forms included', () => {
    const m = buildNameMatcher([{ id: 3, names: ['Ахметова Зарема'] }]);
    const found = (t: string) => findMentions(m, t).map((x) => t.slice(x.start, x.end));
    expect(found('с Заремой Ахметовой, Ахметову Зарему и Ахметовой Заремой')).toEqual(['Заремой Ахметовой', 'Ахметову Зарему', 'Ахметовой Заремой']);
  });

  test('the longest mention wins and mentions never overlap', () => {
    expect(mentioned('Rasul Kudaev Kudaev Rasul')).toEqual([
      ['Rasul Kudaev', [142]],
      ['Kudaev Rasul', [142]],
    ]);
    expect(mentioned('Кудаев Расул Камбулатович')).toEqual([['Кудаев Расул Камбулатович', [142]]]);
  });

  test('patterns: every order of a short name, any two of its words, never one word of several', () => {
    const patterns = mentionPatterns('Кудаев Расул Камбулатович').map((p) => p.join(' '));
    expect(patterns).toEqual(expect.arrayContaining(['kudaev rasul kambulatovich', 'rasul kambulatovich kudaev', 'rasul kudaev', 'kambulatovich rasul']));
    for (const single of ['rasul', 'kudaev', 'kambulatovich']) expect(patterns).not.toContain(single);
  });
});

describe('the redactor', () => {
  test('replaces mentions of people the user is not cleared for, and keeps those of people they are', () => {
    const cleared = new Redactor(matcher, new Set([7]));
    expect(cleared.text('Vera and Rasul Kudaev')).toBe('Vera and [Person P-0142]');
    expect(new Redactor(matcher, 'all').text('Vera and Rasul Kudaev')).toBe('Vera and Rasul Kudaev');
  });

  test('a name shared by a person the user is cleared for is shown: it reveals nothing new', () => {
    const m = buildNameMatcher([{ id: 1, names: ['Ivan Petrov'] }, { id: 2, names: ['Ivan Petrov', 'Sergei Petrov'] }]);
    const r = new Redactor(m, new Set([1]));
    expect(r.text('Ivan Petrov')).toBe('Ivan Petrov');
    expect(r.text('Sergei Petrov')).toBe('[Person P-0002]');
    expect(new Redactor(m, new Set()).text('Ivan Petrov')).toBe('[Person P-0001]');
  });

  test('deep: every string at any depth, copying only what changed, class instances keep their prototype', () => {
    class Box {
      constructor(public label: string) {}
      shout() {
        return this.label.toUpperCase();
      }
    }
    const untouched = { a: 'nothing here' };
    const model = { title: 'Rasul Kudaev', list: [untouched, { d: ['Vera'] }], when: new Date(0), box: new Box('Vera said'), n: 3, m: new Map([['k', 'Kudaev Rasul']]) };
    const out = hidden.deep(model);
    expect(out.title).toBe('[Person P-0142]');
    expect(out.list[0]).toBe(untouched);
    expect(out.list[1]).toEqual({ d: ['[Person P-0007]'] });
    expect(out.when).toBe(model.when);
    expect(out.box).toBeInstanceOf(Box);
    expect(out.box.shout()).toBe('[PERSON P-0007] SAID');
    expect(out.m.get('k')).toBe('[Person P-0142]');
    expect(model.title).toBe('Rasul Kudaev');
  });
});

describe('names in Cyrillic, Greek (final sigma) and decomposed Latin, and hostile strings', () => {
  const m = buildNameMatcher([{ id: 1, names: ['Дудаёв'] }, { id: 2, names: ['ΟΔΥΣΣΕΥΣ'] }, { id: 3, names: ['Zárema'] }]); // one-word names
  const r = new Redactor(m, new Set());
  test('folded whatever their case, ё, final sigma or diacritics', () => {
    expect(r.text('дудаев met Οδυσσευς and Za\u0301rema (ZAREMA); Odysseus stays')).toBe('[Person P-0001] met [Person P-0002] and [Person P-0003] ([Person P-0003]); Odysseus stays');
  });
  test('every string of blns passes without error, and is changed only where a name stands', () => {
    const withNames = buildNameMatcher(people);
    const redactor = new Redactor(withNames, new Set());
    for (const text of BLNS) {
      const out = redactor.text(text);
      if (out !== text) expect([text, out]).toEqual([text, expect.stringContaining('[Person P-')]);
      expect(redactor.text(`${text} Rasul Kudaev`)).toContain('[Person P-0142]');
    }
  });
});

describe('a matcher changed name by name', () => {
  test('finds exactly what a matcher built afresh finds, as names come and go', () => {
    const texts = ['Rasul Kudaev and Vera met Ilya Smith', 'Кудаев Расул, Смит Илья', 'A. Smith said'];
    const m = buildNameMatcher([{ id: 142, names: ['Rasul Kudaev', 'Kudaev Rasul'] }]);
    changeName(m, 7, 'Vera', 1);
    changeName(m, 9, 'Ilya Smith', 1);
    changeName(m, 142, 'Kudaev Rasul', -1); // its patterns are shared with the other name: still found
    const fresh = buildNameMatcher([{ id: 142, names: ['Rasul Kudaev'] }, { id: 7, names: ['Vera'] }, { id: 9, names: ['Ilya Smith'] }]);
    for (const t of texts) expect(findMentions(m, t)).toEqual(findMentions(fresh, t));
    changeName(m, 142, 'Rasul Kudaev', -1);
    changeName(m, 7, 'Vera', -1);
    expect(findMentions(m, texts[0]).map((x) => x.personIds)).toEqual([[9]]);
    expect(m.size).toBe(buildNameMatcher([{ id: 9, names: ['Ilya Smith'] }]).size);
  });
});

describe('the redaction triggers', () => {
  test('the migration holds the registry verbatim', () => {
    const dir = path.join(__dirname, '../../migrations/sqlite');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('-ProtectedNamesState.ts'))!;
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const sql of [...CREATE_STATE_TABLE_SQL, ...Object.values(redactionTriggerSql())]) expect(source).toContain(sql);
  });
});
