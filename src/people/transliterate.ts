/**
 * Names arrive in Cyrillic and in several Latin spellings (Кудаев, Kudaev, Kudayev). Two pure
 * functions serve search and duplicate detection:
 *
 * - `transliterate` turns Cyrillic into readable Latin after BGN/PCGN, simplified to ASCII the way
 *   English-language reports write names: no apostrophes for ь/ъ, "ye"/"yo" after vowels and signs
 *   (Кудаев -> Kudayev, Юрьев -> Yuryev, Ильич -> Ilyich), "e" for ё after ж/ч/ш/щ (Горбачёв ->
 *   Gorbachev). Letters of Ukrainian, Belarusian, Tatar and the Caucasus alphabets are covered.
 * - `matchKey` reduces any spelling to a key shared by the usual romanisations of the same name:
 *   passport (ICAO), BGN/PCGN, scholarly, German and French press. Variants merge; so, rarely,
 *   do different names, which is acceptable for a "possible duplicate" warning.
 */

const VOWELS = new Set('аеёиоуыэюяіїєәөү');
const SIGNS = new Set('ъь');
const HUSHING = new Set('жчшщ');

const LETTERS: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian and Belarusian
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'w',
  // Tatar, Bashkir, Kazakh; the palochka of Chechen, Ingush, Kabardian and Avar
  ә: 'a', ө: 'o', ү: 'u', ұ: 'u', ң: 'ng', һ: 'h', җ: 'zh', ҙ: 'z', ҡ: 'q', ғ: 'gh', қ: 'q', ӏ: '',
};

const isCyrillic = (ch: string) => /[\u0400-\u052f]/.test(ch);
const isUpper = (ch: string | undefined) => ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();

function romanise(lower: string, prevLower: string | undefined): string {
  const afterVowelOrStart = prevLower === undefined || VOWELS.has(prevLower) || SIGNS.has(prevLower) || !isCyrillic(prevLower);
  if (lower === 'е') return afterVowelOrStart ? 'ye' : 'e';
  if (lower === 'ё') return prevLower !== undefined && HUSHING.has(prevLower) ? 'e' : 'yo';
  if (lower === 'и' && prevLower === 'ь') return 'yi';
  return LETTERS[lower] ?? lower;
}

/** Cyrillic to readable Latin, keeping case ("КУДАЕВ" -> "KUDAYEV"); other characters pass through. */
export function transliterate(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (!isCyrillic(ch)) {
      out += ch;
      continue;
    }
    const lower = ch.toLowerCase();
    const prev = chars[i - 1];
    const latin = romanise(lower, prev === undefined ? undefined : prev.toLowerCase());
    if (!isUpper(ch) || latin === '') {
      out += latin;
    } else if (latin.length > 1 && (isUpper(chars[i + 1]) || (!/\p{L}/u.test(chars[i + 1] ?? '') && isUpper(prev)))) {
      out += latin.toUpperCase(); // inside an all-capitals word: ЩУКИН -> SHCHUKIN
    } else {
      out += latin[0].toUpperCase() + latin.slice(1);
    }
  }
  return out;
}

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const LATIN_EXTRAS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };

/**
 * The lower-case Latin form of a name, kept on every name row for search: transliterated,
 * diacritics removed, whitespace collapsed; punctuation kept.
 */
export function latinize(text: string): string {
  return transliterate(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (c) => LATIN_EXTRAS[c])
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Letters that romanisations write with a diacritic, read before diacritics are removed: the
 * scholarly (ISO 9, scientific) and Czech/Polish/Turkic letters for ч, ш, щ, ж, and ISO 9's
 * vowels. Upper-case placeholders stand for one Cyrillic letter until the end of canonicalWord:
 * C = ч, S = ш and щ, Z = ж, T = ц, H = х.
 */
const DIACRITIC_LETTERS: [RegExp, string][] = [
  [/šč|ŝ|şç/g, 'S'],
  [/č|ç/g, 'C'],
  [/š|ş|ś/g, 'S'],
  [/ž|ż|ź/g, 'Z'],
  [/û/g, 'iu'], // ISO 9 ю
  [/â/g, 'ia'], // ISO 9 я
  [/[ʹʺ]/g, ''], // ISO 9 soft and hard signs
];
/** A word with one of these was written in a scholarly system, where ch and x are х, c is ц and j is й. */
const SCHOLARLY_MARK = /[čšžŝěëʹʺ]/;

type Romanisation = 'english' | 'german' | 'french' | 'scholarly';

/**
 * Which romanisation a Latin word was written in, from the letters only one of them uses:
 * German (Duden) writes в as w and ш as sch; French writes у as ou, ч as tch, ж as j before i;
 * the scholarly systems use č, š, ž. Anything else is read as English: passport (ICAO 9303),
 * BGN/PCGN, Library of Congress without its marks.
 */
function romanisationOf(word: string, scholarly: boolean): Romanisation {
  if (scholarly) return 'scholarly';
  if (/sch|w/.test(word)) return 'german';
  if (/ou|tch|ji/.test(word)) return 'french';
  return 'english';
}

/** Each system's clusters, longest first, into the placeholders (see DIACRITIC_LETTERS). */
const CLUSTERS: Record<Romanisation, [RegExp, string][]> = {
  english: [
    [/shch|szcz|sch/g, 'S'], // щ (merged with ш: Shchukin, Schukin, Shukin)
    [/dzh|dj/g, 'dZ'],
    [/zh/g, 'Z'],
    [/kh/g, 'H'],
    [/tch|cz|ch/g, 'C'],
    [/sh|sz/g, 'S'],
    [/ts|tz|tc/g, 'T'], // ц; tc in older passports (Kravtcov)
    [/h/g, 'H'],
  ],
  german: [
    [/schtsch/g, 'S'],
    [/dsch/g, 'dZ'],
    [/tsch/g, 'C'],
    [/sch/g, 'S'],
    [/zh|sh/g, 'Z'], // ж: Shukow
    [/kh|ch|h/g, 'H'], // х: Chatschukajew
    [/ts|tz|z/g, 'T'], // ц: Zarew
  ],
  french: [
    [/chtch/g, 'S'],
    [/dj/g, 'dZ'],
    [/tch/g, 'C'],
    [/ch|sh/g, 'S'], // ш: Ichmouratov
    [/zh|j/g, 'Z'], // ж: Joukov
    [/kh|h/g, 'H'],
    [/ts|tz/g, 'T'],
    [/ou/g, 'u'],
    [/gu(?=[ei])/g, 'g'],
    [/ine$/, 'in'], // Chtchoukine, Raspoutine
  ],
  scholarly: [
    [/kh|ch|x|h/g, 'H'],
    [/zh/g, 'Z'],
    [/c/g, 'T'],
  ],
};

/**
 * Rewrites one lower-case word (Latin, diacritics kept) into the shared spelling. Cyrillic
 * arrives here already romanised after BGN/PCGN, read as English. Each system's clusters first,
 * then the letters every system writes alike, then the vowels they write differently (ye/je/ie
 * and yo/jo/io/ë are e; ё after ж, ч, ш, щ, written o, is e too: Tschetschotkin), then doubled letters.
 */
function canonicalWord(word: string, system: Romanisation): string {
  let w = word.replace(/ff$/, 'v'); // Smirnoff, Kudaeff
  for (const [re, to] of CLUSTERS[system]) w = w.replace(re, to);
  w = w
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    // c alone: ц in Kravcov, Cvetkov, Kuznec; k in Victor, Nicolai, Oscar.
    .replace(/c(?=[aoulrt])(?<=(?:^|[aeiouy]|n|s)c)/g, 'k')
    .replace(/c/g, 'T')
    .replace(/[yj]/g, 'i') // й, ы and iotation: Sergey/Sergei/Sergej, Yuri/Iurii/Jurij
    .replace(/ie(?=i[aeou])/g, '') // ICAO 9303 ъ before an iotated vowel: Podieiachev
    .replace(/(?<=[CSZ])o/g, 'e'); // ё after hushing consonants: Gorbachov, Tschetschotkin
  let previous;
  do {
    previous = w;
    w = w.replace(/i[eo]/g, 'e');
  } while (w !== previous);
  return w
    .replace(/(.)\1+/g, '$1')
    .replace(/[CSZTH]/g, (p) => PLACEHOLDER_SPELLING[p]);
}
const PLACEHOLDER_SPELLING: Record<string, string> = { C: 'ch', S: 'sh', Z: 'zh', T: 'ts', H: 'h' };

const CYRILLIC = /[\u0400-\u052f]/;
/** Apostrophes and quotes that stand for ь and ъ, joining the word: Il'ya = Ilya, Pod"yachev. */
const SIGN_MARKS = /['’ʼ`"«»]/g;

/** One word (letters and digits) in the shared spelling: zero or more tokens. Remembered: names and texts repeat their words. */
function wordTokens(word: string): string[] {
  let tokens = tokensOfWord.get(word);
  if (tokens === undefined) {
    tokens = readWord(word);
    if (tokensOfWord.size >= WORDS_KEPT) tokensOfWord.clear();
    tokensOfWord.set(word, tokens);
  }
  return tokens;
}
const tokensOfWord = new Map<string, string[]>();
const WORDS_KEPT = 50_000;

function readWord(word: string): string[] {
  if (CYRILLIC.test(word)) return latinize(word).split(/[^a-z0-9]+/).filter(Boolean).map((w) => canonicalWord(w, 'english'));
  let w = word.normalize('NFC').toLowerCase();
  const scholarly = SCHOLARLY_MARK.test(w);
  for (const [re, to] of DIACRITIC_LETTERS) w = w.replace(re, to);
  w = w.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[ßæœøłđðþıħ]/g, (c) => LATIN_EXTRAS[c]);
  return w.split(/[^a-zCSZTH0-9]+/).filter(Boolean).map((part) => canonicalWord(part, romanisationOf(part, scholarly)));
}

/** The words of a name in their shared spelling, in order: for matching a surname alone. */
export function matchTokens(name: string): string[] {
  return name
    .normalize('NFC')
    .replace(SIGN_MARKS, '')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .flatMap(wordTokens)
    .filter(Boolean);
}

/**
 * The key under which all spellings of one name meet: "Кудаев Расул", "Rasul Kudaev" and
 * "KUDAYEV, Rasul" share "kudaev rasul". Words are sorted because Russian documents put the
 * surname first and English ones last.
 */
export function matchKey(name: string): string {
  return Array.from(new Set(matchTokens(name))).sort().join(' ');
}
