import { englishBase, englishStemOverride } from './english-forms';
import { tokenize } from './tokens';
import { Lemma, russianLemmas } from './russian-lemmas';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const snowball = require('snowball-stemmers') as { newStemmer(language: string): { stem(word: string): string } };

/**
 * Word forms: what lets `пытки` find `пытками` and `пыток`, `избиение` find `избиением`,
 * `tortured` find `torturing`. Every word of a record's title and text is indexed, besides as
 * written, by its normal forms ("stems") in two columns of their own (`title_stems`,
 * `body_stems`: search-schema.ts), and a query's word meets them through its own normal forms
 * (search-text.ts). Those columns weigh less than the words as written, so a record holding the
 * very word ranks above one holding another form of it.
 *
 * The normal forms of a word, by its script (a text mixes Russian and English):
 * - Cyrillic: for each lexeme the OpenCorpora dictionary says the word may be a form of
 *   (russian-lemmas.ts), the Snowball Russian stem of its dictionary form ("пыток" → пытка →
 *   "пытк", like "пытками" → "пытк"); a given name, surname or patronymic is kept whole
 *   ("Иванова" → "иванов", never "иван"). A word the dictionary does not know is stemmed by
 *   Snowball alone, unless it reads as a Russian surname ("Кудаевым", "Мамхеговой"), which keeps
 *   its suffix and loses only its case ending ("кудаев": Snowball would make it "куда").
 * - Latin: the Snowball English (Porter 2) stem, irregular forms first taken back to their base
 *   word (english-forms.ts: "beaten" → beat), and a few words the stemmer would join to others
 *   kept apart ("officers" is not "office").
 * - Anything else (digits, codes, other scripts, words of one or two letters) and the commonest
 *   words of both languages (STOP_WORDS: и, что, the, which), which every text holds: none.
 *
 * Names are not stemmed: the names column keeps its spellings and match keys only, and a
 * person's title (their primary name) has no stems (indexed-sources.ts, `stemTitle`).
 *
 * WORD_FORMS_VERSION numbers these rules: an index built under other rules is rebuilt when the
 * database is opened (search-index.ts, ensureSearchIndex), so old records meet new queries.
 */
export const WORD_FORMS_VERSION = 1;

export const SEARCH_STEMS_FUNCTION = 'casebook_search_stems';

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

const CYRILLIC = /^[а-яё]+$/;
const LATIN = /^[a-z]+$/;
/** Words shorter than this have no forms to find (prepositions, initials): they match as written. */
export const STEM_MIN_LENGTH = 3;

/**
 * Words without forms to find, after Snowball's stop lists (Russian and English), less the words
 * of one or two letters (never stemmed): pronouns, conjunctions, prepositions, auxiliaries.
 */
const STOP_WORDS = new Set(
  (
    'все она так его как что был него вас нибудь опять вам ведь там потом себя ничего может они тут где есть надо ней для тебя чем была сам чтоб будто чего раз тоже себе под будет тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой более всегда конечно всю между только мне было вот меня еще нет теперь когда даже вдруг если уже или быть уж ' +
    'the and but for with about against between into through during before after above below from down out off over under again further then once here there when where why how all any both each few more most other some such nor not only own same than too very can will just should now are was were been being have has had having does did doing would could ought you your yours yourself yourselves him his himself she her hers herself its itself they them their theirs themselves what which who whom this that these those myself our ours ourselves because until while'
  ).split(' '),
);

/** A Russian surname the dictionary does not know, and its case ending: Кудаев, Кудаева, Кудаевым, Мамхеговой. */
const SURNAME = /^([а-я]{2,}(?:ов|ев|ин|ын))(?:а|у|ым|ом|е|ой|ою|ых|ы|им|ыми)?$/;

/** The Snowball Russian stem of a word (lower case, ё as е). */
export const snowballRussian = (word: string): string => russian.stem(word);

/** The normal forms of a Russian word (lower case, ё as е), from the lexemes a lemmatizer gives it (russian-lemmas.ts). */
export function russianStems(word: string, lemmatize: (word: string) => Lemma[] = russianLemmas): string[] {
  const lemmas = lemmatize(word);
  if (lemmas.length === 0) {
    const surname = SURNAME.exec(word);
    return [surname ? surname[1] : russian.stem(word)];
  }
  return [...new Set(lemmas.map((l) => (l.name ? l.lemma : russian.stem(l.lemma))))];
}

/** The normal forms of a word by its script: `russianOf` for Cyrillic words, Snowball English for Latin ones; none for the rest. */
export function stemsByScript(token: string, russianOf: (word: string) => readonly string[] = russianStems): readonly string[] {
  const word = token.replace(/ё/g, 'е');
  if (word.length < STEM_MIN_LENGTH || STOP_WORDS.has(word)) return NONE;
  if (CYRILLIC.test(word)) return russianOf(word);
  if (LATIN.test(word)) return [englishStemOverride(word) ?? english.stem(englishBase(word))];
  return NONE;
}

const stemsOfWord = new Map<string, readonly string[]>();
const KEPT = 100_000;
const NONE: readonly string[] = [];

/**
 * The normal forms of one word as the index's tokenizer yields it (lower case, Latin diacritics
 * removed; ё is read as е). Remembered: a pure function of the word, and texts repeat their words.
 */
export function wordStems(token: string): readonly string[] {
  let stems = stemsOfWord.get(token);
  if (stems === undefined) {
    stems = stemsByScript(token);
    if (stemsOfWord.size >= KEPT) stemsOfWord.clear();
    stemsOfWord.set(token, stems);
  }
  return stems;
}

/** The distinct normal forms of the words of a text, space-separated, or null when it has none. */
export function textStems(text: string | null | undefined): string | null {
  if (!text) return null;
  const out = new Set<string>();
  for (const t of tokenize(text)) for (const s of wordStems(t.folded)) out.add(s);
  return out.size ? [...out].join(' ') : null;
}

/** Registers the SQL function on a better-sqlite3 connection (every connection: data-source.ts, through search-keys.ts). */
export function registerSearchStemsFunction(db: { function: (name: string, opts: { deterministic: boolean }, fn: (...args: unknown[]) => unknown) => unknown }): void {
  db.function(SEARCH_STEMS_FUNCTION, { deterministic: true }, (text: unknown) => textStems(typeof text === 'string' ? text : null));
}
