import { matchTokens } from './transliterate';

/**
 * Finding protected people's names in free text, in every spelling, in one pass per text.
 *
 * Text and names are compared as sequences of words in their shared spelling (the match keys
 * search and the duplicate check use: transliterate.ts), so "Кудаев", "KUDAYEV" and "Koudaev"
 * are one word, whatever the script or case, and a name only ever matches whole words ("Vera"
 * never inside "Veranda"). The patterns of every protected person are kept in one trie of
 * words, built once per change of the protected set (redaction.ts keeps it); a text is split
 * into words once and each position walks the trie at most as many words as the longest name
 * has: linear in the text, whatever the number of protected people. The leftmost, longest name
 * wins, so "Rasul Kudaev" is one match, not two.
 *
 * What counts as a mention of a person, for each of their names (primary, aliases, spellings,
 * transliterations):
 * - all its words, in the order written or, for names of up to four words, in any order
 *   ("Кудаев Расул Камбулатович", "Rasul Kambulatovich Kudaev");
 * - any two of its words, in either order ("Rasul Kudaev", "Расул Камбулатович");
 * - a word alone when the name is that one word ("Vera"), or an alias of its own ("Kudaev");
 * - inside the cases the person is linked to, any word of their names alone ("Zarema told the
 *   investigator"): findMentions' `linkedPeople`.
 * A single word is not a mention elsewhere: surnames and given names are shared by many people,
 * and "Ivanov" withheld across every case would misname the others who bear it.
 */

export interface NameMention {
  /** UTF-16 offsets of the first and past the last character of the mention. */
  start: number;
  end: number;
  /** Every protected person one of whose names this is (usually one). */
  personIds: readonly number[];
}

export interface ProtectedPersonNames {
  id: number;
  names: string[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when a pattern ends here: the people it names. */
  people?: number[];
}

export interface NameMatcher {
  readonly root: TrieNode;
  /** Every word of every name on its own (by stem), with the people bearing it: see findMentions' `linkedPeople`. */
  readonly words: ReadonlyMap<string, readonly number[]>;
  /** Words of the longest pattern. */
  readonly depth: number;
  readonly size: number;
}

/** Words: runs of letters, digits and combining marks (apostrophes and hyphens separate). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const APOSTROPHES = /['’ʼ`]/g;

/**
 * Russian declines names: "адвокат Кудаева", "с Расулом", "Ахметовой". A word is compared by its
 * stem, the shared spelling less one case ending, whenever at least four letters remain, so every
 * case form of a name meets its nominative; shorter words ("Vera", "Ivan") compare whole. The
 * price is that a few related words meet too (Kudaev and Kudaeva, Marina and marine): they are
 * withheld as well, which is the safe side.
 */
const CASE_ENDINGS = ['iami', 'ami', 'ogo', 'ego', 'omu', 'emu', 'oiu', 'eiu', 'imi', 'oi', 'ei', 'om', 'em', 'im', 'ih', 'ia', 'iu', 'a', 'u', 'e', 'i'];
const STEM_MIN = 4;

export function stem(key: string): string {
  if (!/^[a-z]+$/.test(key)) return key;
  for (const ending of CASE_ENDINGS) {
    if (key.endsWith(ending) && key.length - ending.length >= STEM_MIN) return key.slice(0, -ending.length);
  }
  return key;
}

interface WordKey {
  /** The word in the shared spelling (transliterate.ts, matchTokens). */
  raw: string;
  /** What words are compared by: the stem. */
  key: string;
}

/**
 * The keys of one word of text: nearly always one; a script without a Latin transliteration
 * keeps its own folded letters. Remembered: a pure function of the word, and texts repeat their words.
 */
function wordKeys(word: string): WordKey[] {
  let keys = keysOf.get(word);
  if (keys === undefined) {
    let raws = matchTokens(word);
    if (raws.length === 0) {
      const folded = word.toLowerCase().replace(/ς/g, 'σ').normalize('NFKD').replace(/\p{M}/gu, '');
      raws = folded ? [folded] : [];
    }
    keys = raws.map((raw) => ({ raw, key: stem(raw) }));
    if (keysOf.size >= KEYS_KEPT) keysOf.clear();
    keysOf.set(word, keys);
  }
  return keys;
}
const KEYS_KEPT = 200_000;
const keysOf = new Map<string, WordKey[]>();

interface TextWord extends WordKey {
  start: number;
  end: number;
}

/** The words of a text, each with the span of the text it came from. */
function textWords(text: string): TextWord[] {
  const out: TextWord[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    for (const k of wordKeys(m[0])) out.push({ raw: k.raw, key: k.key, start, end });
  }
  return out;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** The word sequences that mention a person by one of their names (see the rules above). */
export function mentionPatterns(name: string): string[][] {
  const variants = new Set([name, name.replace(APOSTROPHES, '')]);
  const out = new Map<string, string[]>();
  const add = (words: string[]) => {
    if (words.length) out.set(words.join(' '), words);
  };
  for (const variant of variants) {
    const seen = new Set<string>();
    const words = textWords(variant).filter((w) => !seen.has(w.key) && seen.add(w.key));
    const keys = words.map((w) => w.key);
    if (keys.length === 0) continue;
    if (keys.length === 1) {
      if (keys[0].length >= 2) add(keys);
      continue;
    }
    add(keys);
    add([...keys].reverse());
    if (keys.length <= 4) for (const p of permutations(keys)) add(p);
    const usable = keys.filter((w) => w.length >= 2).slice(0, 8);
    for (const a of usable) for (const b of usable) if (a !== b) add([a, b]);
  }
  return [...out.values()];
}

/** The trie of every protected person's mention patterns. */
export function buildNameMatcher(people: Iterable<ProtectedPersonNames>): NameMatcher {
  const root: TrieNode = { next: new Map() };
  const words = new Map<string, number[]>();
  let depth = 0;
  let size = 0;
  for (const person of people) {
    for (const name of person.names) {
      for (const w of textWords(name)) {
        if (w.key.length < 2) continue;
        const bearers = words.get(w.key) ?? [];
        if (!bearers.includes(person.id)) bearers.push(person.id);
        words.set(w.key, bearers);
      }
      for (const pattern of mentionPatterns(name)) {
        let node = root;
        for (const word of pattern) {
          let child = node.next.get(word);
          if (!child) node.next.set(word, (child = { next: new Map() }));
          node = child;
        }
        if (!node.people) {
          node.people = [];
          size++;
        }
        if (!node.people.includes(person.id)) node.people.push(person.id);
        depth = Math.max(depth, pattern.length);
      }
    }
  }
  return { root, words, depth, size };
}

export const EMPTY_MATCHER: NameMatcher = buildNameMatcher([]);

/** Whether a word (as typed) is any word of a protected person's names, and whose. */
export function peopleBearingWord(matcher: NameMatcher, word: string): readonly number[] {
  const found = new Set<number>();
  for (const w of textWords(word)) for (const id of matcher.words.get(w.key) ?? []) found.add(id);
  return [...found];
}

/**
 * Every mention of a protected person in the text, left to right, the longest at each place,
 * never overlapping. `linkedPeople`: people for whom any single word of their names is a mention
 * too (a given name alone, a patronymic), for text inside a case they are linked to — there
 * "Zarema told the investigator" names the protected witness Zarema Protectedova.
 */
export function findMentions(matcher: NameMatcher, text: string, linkedPeople?: ReadonlySet<number>): NameMention[] {
  if (matcher.size === 0 || !text) return [];
  const words = textWords(text);
  const out: NameMention[] = [];
  for (let i = 0; i < words.length; ) {
    let node = matcher.root.next.get(words[i].key);
    let best = -1;
    let people: readonly number[] | undefined;
    for (let j = i; node; ) {
      if (node.people) {
        best = j;
        people = node.people;
      }
      if (++j >= words.length || j - i >= matcher.depth) break;
      node = node.next.get(words[j].key);
    }
    if ((best < 0 || !people) && linkedPeople && linkedPeople.size) {
      const bearers = matcher.words.get(words[i].key)?.filter((id) => linkedPeople.has(id));
      if (bearers && bearers.length) {
        best = i;
        people = bearers;
      }
    }
    if (best < 0 || !people) {
      i++;
      continue;
    }
    out.push({ start: words[i].start, end: words[best].end, personIds: people });
    i = best + 1;
  }
  return out;
}
