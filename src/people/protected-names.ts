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
 *   investigator"): findMentions' `linkedPeople`;
 * - an initial for any word of two: "A. Hiddenov", "Хидденов А.К.", "R Kudaev";
 * - two words of it run together, as in an e-mail address ("aslanbekhiddenov@mail.ru").
 * Between the words of a name up to two initials and one other word may stand ("Aslanbek K.
 * Hiddenov", "Aslanbek Kambulatovich Hiddenov" for a name recorded without the patronymic).
 * Invisible characters (soft hyphens, zero-width spaces) are ignored inside words, and a word
 * broken across lines by a hyphen ("Hidde-\nnov") is read whole.
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
  /** Set when a pattern ends here: the people it names (replaced, never changed in place, when they change). */
  people?: number[];
  /** How many of each person's names make this pattern (a name and its reordering share patterns). */
  refs?: Map<number, number>;
}

interface WordBearers {
  people: number[];
  refs: Map<number, number>;
}

export interface NameMatcher {
  readonly root: TrieNode;
  /** Every word of every name on its own (by stem), with the people bearing it: see findMentions' `linkedPeople`. */
  readonly words: ReadonlyMap<string, readonly number[]>;
  /** Words of the longest pattern. */
  readonly depth: number;
  /** Patterns that name someone. */
  readonly size: number;
}

interface MutableMatcher {
  /** Mentions of short texts already read (a pure function of the text and the patterns; emptied by every change). */
  seen: Map<string, NameMention[]>;
  root: TrieNode;
  words: Map<string, number[]>;
  wordRefs: Map<string, WordBearers>;
  depth: number;
  size: number;
}

/**
 * Words: runs of letters, digits, combining marks and invisible format characters (soft hyphen,
 * zero-width space), a hyphen at the end of a line joining the two halves. Apostrophes, hyphens
 * and everything else separate.
 */
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Cf}]/u;

/**
 * Whether the character at i is part of a word (a letter, digit, mark or format character), by its code for the
 * scripts texts are written in, so that scanning a text costs no regular expression per word.
 * Returns the character's length in UTF-16 units, or 0.
 */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if ((c >= 0x400 && c <= 0x52f) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) return 1;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return WORD_CHAR.test(text[i]) ? 1 : 0;
}

function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Past a hyphen that breaks a word across lines ("Hidde-\n  nov"), or i when there is none. */
function pastLineBreak(text: string, i: number): number {
  if (text.charCodeAt(i) !== 45) return i; // '-'
  let j = i + 1;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '\r') j++;
  if (text[j] !== '\n') return i;
  j++;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return wordCharAt(text, j) ? j : i;
}

/** The next word at or after `from`: [start, end), or null; a hyphen breaking a line joins its halves. */
function nextWord(text: string, from: number): [number, number] | null {
  let i = from;
  const n = text.length;
  while (i < n && !wordCharAt(text, i)) i++;
  if (i >= n) return null;
  const start = i;
  for (;;) {
    let w;
    while (i < n && (w = wordCharAt(text, i))) i += w;
    const j = pastLineBreak(text, i);
    if (j === i) break;
    i = j;
  }
  return [start, i];
}
const INVISIBLE = /[\p{Cf}]|-[ \t]*\r?\n[ \t]*/gu;
const APOSTROPHES = /['’ʼ`]/g;

/**
 * Russian declines names: "адвокат Кудаева", "с Расулом", "Ахметовой". A word is compared by its
 * stem, the shared spelling less one case ending, whenever at least four letters remain, so every
 * case form of a name meets its nominative; shorter words ("Vera", "Ivan") compare whole. The
 * price is that a few related words meet too (Kudaev and Kudaeva, Marina and marine): they are
 * withheld as well, which is the safe side. An English plural or possessive written without an
 * apostrophe ("the Hiddenovs") loses its s when five letters remain.
 */
const CASE_ENDINGS = ['iami', 'ami', 'ogo', 'ego', 'omu', 'emu', 'oiu', 'eiu', 'imi', 'oi', 'ei', 'om', 'em', 'im', 'ih', 'ia', 'iu', 'a', 'u', 'e', 'i'];
const STEM_MIN = 4;

export function stem(key: string): string {
  if (!/^[a-z]+$/.test(key)) return key;
  for (const ending of CASE_ENDINGS) {
    if (key.endsWith(ending) && key.length - ending.length >= STEM_MIN) return key.slice(0, -ending.length);
  }
  if (key.endsWith('s') && key.length > 5) return stem(key.slice(0, -1));
  return key;
}

interface WordKey {
  /** The word in the shared spelling (transliterate.ts, matchTokens). */
  raw: string;
  /** What words are compared by: the stem. */
  key: string;
  /** The key of the word's first letter as an initial ("A." for Aslanbek, "Ц." for Царев): INITIAL + the letter's key. */
  initial: string;
}

/**
 * The keys of one word of text: nearly always one; a script without a Latin transliteration
 * keeps its own folded letters. Remembered: a pure function of the word, and texts repeat their words.
 */
function wordKeys(word: string): WordKey[] {
  let keys = keysOf.get(word);
  if (keys === undefined) {
    const clean = word.replace(INVISIBLE, '');
    let raws = matchTokens(clean);
    if (raws.length === 0) {
      const folded = clean.toLowerCase().replace(/ς/g, 'σ').normalize('NFKD').replace(/\p{M}/gu, '');
      raws = folded ? [folded] : [];
    }
    const first = [...clean][0] ?? '';
    const initial = first ? INITIAL + (matchTokens(first)[0] ?? first.toLowerCase()) : '';
    // A capital letter alone is an initial ("A.", "Х."), compared as one; a small letter alone ("a",
    // "в", "с") is an ordinary word, so the most frequent words of both languages never begin a name.
    const isCapitalAlone = [...clean].length === 1 && clean !== clean.toLowerCase();
    keys = raws.map((raw) => ({ raw, key: isCapitalAlone ? initial : stem(raw), initial }));
    if (keysOf.size >= KEYS_KEPT) keysOf.clear();
    keysOf.set(word, keys);
  }
  return keys;
}
const KEYS_KEPT = 200_000;
/** Marks the key of an initial: never the key of a word. */
const INITIAL = '\u0001';
const keysOf = new Map<string, WordKey[]>();

interface TextWord extends WordKey {
  start: number;
  end: number;
}

/** The words of a text, each with the span of the text it came from. */
function textWords(text: string, from = 0, max = Infinity): TextWord[] {
  const out: TextWord[] = [];
  for (let w = nextWord(text, from); w && out.length < max; w = nextWord(text, w[1])) {
    const [start, end] = w;
    for (const k of wordKeys(text.slice(start, end))) out.push({ raw: k.raw, key: k.key, initial: k.initial, start, end });
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
    const usable = words.filter((w) => w.key.length >= 2).slice(0, 8);
    for (const a of usable) {
      for (const b of usable) {
        if (a === b) continue;
        add([a.key, b.key]);
        if (b.key.length >= 3 && a.initial) add([a.initial, b.key]); // "A. Hiddenov"
        if (a.key.length >= 3 && b.initial) add([a.key, b.initial]); // "Хидденов А."
        if (a.raw.length >= 3 && b.raw.length >= 3) {
          // "aslanbekhiddenov@": the two words as typed, read as one word (its spelling is not the two keys joined: bek+h)
          const joined = wordKeys(variant.slice(a.start, a.end) + variant.slice(b.start, b.end))[0];
          if (joined) add([joined.key]);
        }
      }
    }
  }
  return [...out.values()];
}

/** Patterns of a name, remembered: rebuilding after a change recomputes only new names. */
function patternsOf(name: string): string[][] {
  let patterns = patternsKept.get(name);
  if (!patterns) {
    patterns = mentionPatterns(name);
    if (patternsKept.size >= 100_000) patternsKept.clear();
    patternsKept.set(name, patterns);
  }
  return patterns;
}
const patternsKept = new Map<string, string[][]>();

const bump = (refs: Map<number, number>, id: number, by: number): boolean => {
  const n = (refs.get(id) ?? 0) + by;
  if (n > 0) refs.set(id, n);
  else refs.delete(id);
  return (n > 0) !== (n - by > 0); // whether the person came or went
};

/**
 * Adds (by +1) or takes away (by -1) one name of one person: the matcher follows each change of
 * the protected set without being rebuilt (redaction.ts keeps it current).
 */
export function changeName(matcher: NameMatcher, personId: number, name: string, by: 1 | -1): void {
  const m = matcher as unknown as MutableMatcher;
  m.seen.clear();
  for (const w of textWords(name)) {
    if (w.key.length < 2) continue;
    let bearers = m.wordRefs.get(w.key);
    if (!bearers) m.wordRefs.set(w.key, (bearers = { people: [], refs: new Map() }));
    if (bump(bearers.refs, personId, by)) {
      bearers.people = [...bearers.refs.keys()];
      if (bearers.people.length) m.words.set(w.key, bearers.people);
      else m.words.delete(w.key);
    }
  }
  for (const pattern of patternsOf(name)) {
    let node: TrieNode | undefined = m.root;
    for (const word of pattern) {
      let child: TrieNode | undefined = node.next.get(word);
      if (!child && by > 0) node.next.set(word, (child = { next: new Map() }));
      if (!child) break;
      node = child;
    }
    if (!node || node === m.root || (by < 0 && !node.refs?.has(personId))) continue;
    const refs = (node.refs ??= new Map());
    const before = node.people?.length ?? 0;
    if (bump(refs, personId, by)) {
      node.people = refs.size ? [...refs.keys()] : undefined;
      m.size += (node.people?.length ?? 0) > 0 ? (before ? 0 : 1) : before ? -1 : 0;
    }
    if (by > 0) m.depth = Math.max(m.depth, pattern.length);
  }
}

/** The trie of every protected person's mention patterns. */
export function buildNameMatcher(people: Iterable<ProtectedPersonNames>): NameMatcher {
  const matcher: MutableMatcher = { seen: new Map(), root: { next: new Map() }, words: new Map(), wordRefs: new Map(), depth: 0, size: 0 };
  for (const person of people) for (const name of new Set(person.names)) changeName(matcher, person.id, name, 1);
  return matcher;
}

export const EMPTY_MATCHER: NameMatcher = buildNameMatcher([]);

/** Whether a word (as typed) is any word of a protected person's names, and whose. */
export function peopleBearingWord(matcher: NameMatcher, word: string): readonly number[] {
  const found = new Set<number>();
  for (const w of textWords(word)) for (const id of matcher.words.get(w.key) ?? []) found.add(id);
  return [...found];
}

/** What may stand between two words of a name: up to two initials and one other word. */
const SKIP_INITIALS = 2;
const SKIP_WORDS = 1;
const isInitial = (w: TextWord) => w.raw.length <= 2 && w.end - w.start <= 2;

/**
 * The longest pattern starting at words[0]: the index of its last word and its people. Words that
 * may stand between a name's words are skipped within their allowance (a small, bounded search).
 */
function longestAt(matcher: NameMatcher, words: LazyWords): { last: number; people: number[]; length: number } | null {
  // The most words of a name win; among equals, the shortest span (skipped words never lengthen it for nothing).
  let best: { last: number; people: number[]; length: number } | null = null;
  const walk = (node: TrieNode, at: number, initials: number, others: number, length: number) => {
    if (node.people && (!best || length > best.length || (length === best.length && at < best.last))) best = { last: at, people: node.people, length };
    if (length >= matcher.depth || node.next.size === 0) return;
    for (let j = at + 1; words.has(j); j++) {
      const child = node.next.get(words[j].key);
      if (child) walk(child, j, initials, others, length + 1);
      // Skip words[j] to try the next one, within the allowance.
      if (isInitial(words[j]) ? initials-- <= 0 : others-- <= 0) break;
    }
  };
  const first = matcher.root.next.get(words[0].key);
  if (first) walk(first, 0, SKIP_INITIALS, SKIP_WORDS, 1);
  return best;
}

/** The words from a place in a text, read only as far as a name's walk asks for them. */
interface LazyWords {
  [index: number]: TextWord;
  has(index: number): boolean;
}

function lazyWords(text: string, start: number, max: number): LazyWords {
  const read: TextWord[] = [];
  let next = start;
  const words = read as unknown as LazyWords & TextWord[];
  words.has = (index: number) => {
    while (read.length <= index && read.length < max) {
      const w = nextWord(text, next);
      if (!w) return false;
      next = w[1];
      for (const k of wordKeys(text.slice(w[0], w[1]))) read.push({ raw: k.raw, key: k.key, initial: k.initial, start: w[0], end: w[1] });
    }
    return index < read.length;
  };
  return words;
}

/**
 * Every mention of a protected person in the text, left to right, the longest at each place,
 * never overlapping. `linkedPeople`: people for whom any single word of their names is a mention
 * too (a given name alone, a patronymic), for text inside a case they are linked to — there
 * "Zarema told the investigator" names the protected witness Zarema Protectedova.
 * The text is scanned once; only at a word that can begin a mention are the next few words read.
 */
export function findMentions(matcher: NameMatcher, text: string, linkedPeople?: ReadonlySet<number>, linkedKey?: string, rememberTexts = true): NameMention[] {
  if (matcher.size === 0 || !text) return [];
  const linked = linkedPeople && linkedPeople.size ? linkedPeople : undefined;
  // Titles, labels and short descriptions recur on every page that shows them: read once (inside
  // a case, for that case's linked people, named by `linkedKey`).
  const remember = rememberTexts && text.length <= SEEN_TEXT_MAX && (!linked || linkedKey) ? (matcher as unknown as MutableMatcher).seen : undefined;
  const key = linked ? `${linkedKey}\u0001${text}` : text;
  const known = remember?.get(key);
  if (known) return known;
  const out = scanMentions(matcher, text, linked);
  if (remember) {
    if (remember.size >= SEEN_KEPT) remember.clear();
    remember.set(key, out);
  }
  return out;
}
const SEEN_TEXT_MAX = 2_000;
const SEEN_KEPT = 20_000;

function scanMentions(matcher: NameMatcher, text: string, linked: ReadonlySet<number> | undefined): NameMention[] {
  const out: NameMention[] = [];
  const window = matcher.depth * (1 + SKIP_INITIALS + SKIP_WORDS) + 1;
  for (let w = nextWord(text, 0); w; ) {
    const [start, after] = w;
    // Names hold no digits: numbers, dates and codes are passed over without reading them (nor
    // filling the remembered words with every number a text holds).
    if (hasDigit(text, start, after)) {
      w = nextWord(text, after);
      continue;
    }
    const key = wordKeys(text.slice(start, after))[0]?.key;
    const starts = key !== undefined && matcher.root.next.has(key);
    const bearers = linked && key !== undefined ? matcher.words.get(key) : undefined;
    if (!starts && !bearers) {
      w = nextWord(text, after);
      continue;
    }
    const words = lazyWords(text, start, window);
    words.has(0);
    const found = starts ? longestAt(matcher, words) : null;
    if (found) {
      out.push({ start, end: words[found.last].end, personIds: found.people });
      w = nextWord(text, words[found.last].end);
      continue;
    }
    const own = bearers?.filter((id) => linked!.has(id));
    if (own && own.length) out.push({ start, end: after, personIds: own });
    w = nextWord(text, after);
  }
  return out;
}
