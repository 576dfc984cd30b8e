import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { i18n, TFunction, TOptions } from 'i18next';
import FsBackend from 'i18next-fs-backend';
import { LanguageDetector } from 'i18next-http-middleware';
import type { Request } from 'express';

/**
 * The interface languages. A catalogue is one JSON file per language, `locales/<code>.json`
 * (i18next's JSON v4 format: nested keys, plural forms as `key_one`, `key_few`, `key_many`,
 * `key_other` following Intl.PluralRules). Adding a language: copy `locales/en.json` to
 * `locales/<code>.json`, translate the values, and add the code here (README, "Languages").
 *
 * Why i18next: it is the most used and best kept message library for Node, its plural forms come
 * from the platform's CLDR rules (so "1 отказ, 2 отказа, 5 отказов, 21 отказ" needs no code), and
 * its filesystem backend and express middleware give catalogues on disk and Accept-Language /
 * cookie detection without our own parser.
 */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
/** What each language calls itself, for the switch; never translated. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский' };
export const LANGUAGE_COOKIE = 'casebook_lang';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
export const LOCALES_DIR = path.join(ROOT, 'locales');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Keys asked for that no catalogue has (tests read this; a page shows the English or the key). */
const missing = new Set<string>();
export function missingKeys(): string[] {
  return [...missing].sort();
}

let instance: i18n | null = null;

/** The one i18next instance, loaded synchronously from `locales/` the first time it is needed. */
export function i18nInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  const detector = new LanguageDetector(null, {
    // The signed-in user's own choice (account settings) comes first; then the switch in the
    // header (a cookie); then the browser's Accept-Language. The API reads Accept-Language only.
    order: ['casebookUser', 'cookie', 'header'],
    lookupCookie: LANGUAGE_COOKIE,
    caches: false,
  });
  detector.addDetector({
    name: 'casebookUser',
    lookup: (req: Request) => (req.originalUrl.startsWith('/api/') ? undefined : req.currentUser?.language ?? undefined),
  });
  created
    .use(FsBackend)
    .use(detector)
    .init({
      initAsync: false,
      backend: { loadPath: path.join(LOCALES_DIR, '{{lng}}.json') },
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      preload: [...LANGUAGES],
      fallbackLng: DEFAULT_LANGUAGE,
      ns: ['translation'],
      defaultNS: 'translation',
      // Templates escape what they print (`<%=`); the catalogues hold no markup.
      interpolation: { escapeValue: false },
      returnNull: false,
      saveMissing: true,
      missingKeyHandler: (_lngs: readonly string[], _ns: string, key: string) => {
        missing.add(key);
      },
    });
  // "{{label, capitalize}}": a label worded to stand inside a sentence ("the title") that opens one.
  created.services.formatter?.add('capitalize', (value: unknown) => {
    const text = String(value ?? '');
    return text.charAt(0).toLocaleUpperCase() + text.slice(1);
  });
  instance = created;
  return created;
}

const current = new AsyncLocalStorage<{ lang: Language }>();

/** Runs `fn` (and everything it awaits) in a language: a request's pages, messages and dates. */
export function runInLanguage<T>(lang: Language, fn: () => T): T {
  return current.run({ lang }, fn);
}

/** The language of the request being served; English outside a request (CLI, jobs). */
export function currentLanguage(): Language {
  return current.getStore()?.lang ?? DEFAULT_LANGUAGE;
}

const fixed = new Map<Language, TFunction>();
/** A translate function bound to one language. */
export function translator(lang: Language): TFunction {
  let found = fixed.get(lang);
  if (!found) {
    found = remembering(i18nInstance().getFixedT(lang));
    fixed.set(lang, found);
  }
  return found;
}

/**
 * A fixed-language translate function that keeps what it has worded. Each i18next call copies
 * its whole option set (twice) before looking the key up: a case page words thousands of
 * messages (labels, dates, the citation form's list of every source), the same ones on every
 * page, and those calls made a fifth of its time and much of its garbage. The catalogues are
 * loaded once per process and never change, so a key with the same plain options (strings,
 * numbers, booleans) always words the same; calls with other options (objects, functions,
 * arrays of keys) go to i18next each time. Missing keys are still reported: the first call of
 * each goes to i18next.
 */
function remembering(translate: TFunction): TFunction {
  const worded = new Map<string, string>();
  const call = translate as unknown as (key: unknown, options?: unknown, ...rest: unknown[]) => unknown;
  const remembered = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    const memoKey = typeof key === 'string' && rest.length === 0 ? keyOf(key, options) : undefined;
    if (memoKey === undefined) return call(key, options, ...rest);
    let text = worded.get(memoKey);
    if (text === undefined) {
      const result = call(key, options);
      if (typeof result !== 'string') return result;
      if (worded.size >= WORDED_KEPT) worded.clear();
      worded.set(memoKey, (text = result));
    }
    return text;
  };
  return Object.assign(remembered, translate) as unknown as TFunction;
}

const WORDED_KEPT = 50_000;

/** The key and its options as one string, or undefined when an option is not a plain value. */
function keyOf(key: string, options: unknown): string | undefined {
  if (options === undefined || options === null) return JSON.stringify(key);
  if (typeof options !== 'object' || Array.isArray(options)) return undefined;
  // JSON strings delimit themselves, so no two different option sets give the same key.
  let out = JSON.stringify(key);
  for (const [name, value] of Object.entries(options)) {
    const type = typeof value;
    if (type === 'string') out += `,${JSON.stringify(name)}:${JSON.stringify(value)}`;
    else if (type === 'number' || type === 'boolean') out += `,${JSON.stringify(name)}:${String(value)}`;
    else if (value === undefined) out += `,${JSON.stringify(name)}:u`;
    else return undefined;
  }
  return out;
}

/** Translates in the current request's language. */
export function t(key: string, options?: TOptions): string {
  return String(translator(currentLanguage())(key, options as TOptions));
}

/** Whether a catalogue has the key (with plural forms resolved), without counting it as missing. */
export function hasKey(key: string, lang: Language = currentLanguage()): boolean {
  return i18nInstance().exists(key, { lng: lang });
}
