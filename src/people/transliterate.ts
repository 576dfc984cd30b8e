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
 * Rewrites one lower-case ASCII word into the shared spelling. Order matters: multi-letter
 * clusters first, then the letters that stand for й/iotation, then the vowel pairs that
 * romanisations write differently, then doubled letters.
 */
function canonicalWord(word: string): string {
  let w = word
    .replace(/ff$/, 'v') // Smirnoff, Kudaeff
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/tsch/g, 'ch') // German ч
    .replace(/shch|sch/g, 'sh') // щ merges with ш: Shchukin, Schukin, Shukin
    .replace(/tch|cz/g, 'ch')
    .replace(/tz/g, 'ts')
    .replace(/kh/g, 'h') // Khairullin, Hairullin
    .replace(/ou/g, 'u') // French у: Koudaev
    .replace(/dzh|dj/g, 'q') // дж, protected from j -> i below
    .replace(/c(?!h)/g, 'k')
    .replace(/[yj]/g, 'i'); // й, ы and iotation: Sergey/Sergei/Sergej, Yuri/Iurii/Jurij
  // ye/ie/je and yo/io/jo/ë all become e: Kudayev = Kudaev, Fyodor = Fedor, Yelena = Elena.
  let previous;
  do {
    previous = w;
    w = w.replace(/i[eo]/g, 'e');
  } while (w !== previous);
  return w.replace(/(.)\1+/g, '$1').replace(/q/g, 'dzh');
}

/** The words of a name in their shared spelling, in order: for matching a surname alone. */
export function matchTokens(name: string): string[] {
  return latinize(name)
    .replace(/['’ʼ`"«»]/g, '') // apostrophes for ь/ъ join the word: Il'ya = Ilya
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(canonicalWord)
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
