/**
 * English forms that suffix-stripping cannot join to their word: irregular verbs ("beaten",
 * "held", "took") and plurals ("men", "women"). The Snowball stemmer (word-forms.ts) handles the
 * regular ones (tortured, torturing, tortures: "tortur"); each form here is first taken back to
 * its base word, which the stemmer then stems like any other.
 *
 * Left out on purpose: forms that are also other common words of this domain, where joining
 * them would find the wrong thing ("wound": an injury, not wind; "found": to found; "left", "lay",
 * "saw", "fell", "bore", "ground", "lead", "felt", "spoke", "rose", "lives", "leaves"), and
 * the auxiliaries (was, had, did), which would add a form to nearly every record.
 */
const VERBS = `
arise arose arisen|awake awoke awoken|beat beaten|become became|begin began begun|
bend bent|bind bound|bite bit bitten|bleed bled|blow blew blown|break broke broken|bring brought|build built|burn burnt|
buy bought|catch caught|choose chose chosen|come came|creep crept|dig dug|draw drew drawn|drink drank drunk|
drive drove driven|eat ate eaten|feed fed|fight fought|flee fled|fly flew flown|forbid forbade forbidden|forget forgot forgotten|
forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given|go went gone|grow grew grown|hang hung|
hear heard|hide hid hidden|hold held|keep kept|kneel knelt|know knew known|lose lost|make made|mean meant|meet met|
pay paid|prove proven|ride rode ridden|ring rang rung|run ran|say said|see seen|seek sought|sell sold|send sent|
shake shook shaken|shoot shot|show shown|sing sang sung|sink sank sunk|sit sat|sleep slept|speak spoken|
spend spent|stand stood|steal stole stolen|stick stuck|sting stung|strike struck stricken|swear swore sworn|sweep swept|
swim swam swum|swing swung|take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|
undergo underwent undergone|understand understood|wake woke woken|wear wore worn|weep wept|win won|withdraw withdrew withdrawn|
write wrote written`;

const NOUNS = `man men|woman women|child children|person people|foot feet|tooth teeth|mouse mice|wife wives|knife knives|
thief thieves|shelf shelves|half halves|wolf wolves|analysis analyses|crisis crises|thesis theses|diagnosis diagnoses|
criterion criteria|phenomenon phenomena`;

function table(lists: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of lists.split('|')) {
    const [base, ...forms] = group.trim().split(/\s+/);
    for (const form of forms) if (form !== base) out.set(form, base);
  }
  return out;
}

const BASE_OF = new Map([...table(VERBS), ...table(NOUNS)]);

/** The base word of an irregular English form (lower case), or the word itself. */
export function englishBase(word: string): string {
  return BASE_OF.get(word) ?? word;
}

/**
 * Normal forms given here instead of the stemmer's: words that Porter 2 joins although they are
 * not forms of one word ("officers" and "office" are both "offic"; "witness" is "wit"; British
 * and American spellings of organisation fall apart), so that a search for police officers does
 * not find every prosecutor's office.
 */
const STEMS = `office offices:office|officer officers:officer|executive executives:executive|witness witnesses witnessed witnessing:witness|
organization organizations organisation organisations:organisation|organized organised organizing organising:organis|burnt:burn`;

const STEM_OF = new Map(
  STEMS.split('|').flatMap((group) => {
    const [words, stem] = group.trim().split(':');
    return words.split(' ').map((w): [string, string] => [w, stem]);
  }),
);

/** The normal form of these words when it is not the stemmer's (lower case), or undefined. */
export function englishStemOverride(word: string): string | undefined {
  return STEM_OF.get(word);
}
