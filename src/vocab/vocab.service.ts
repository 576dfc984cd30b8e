import { DataSource, EntityManager } from 'typeorm';
import { VocabTerm, Vocabulary } from './vocab-term.entity';
import { validationFailed } from '../http/errors';
import { Language, currentLanguage, t, translator } from '../i18n/i18n';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

/** A term's label in one language: its own, or (`fallback`) the other language's when it has none. */
export interface TermLabel {
  /** The label as stored. */
  text: string;
  /** The language `text` is in. */
  lang: Language;
  /** True when the term has no label in the language asked for and `text` is the other one. */
  fallback: boolean;
}

/** A term as pickers and presenters use it, labelled in the current language. */
export interface TermView {
  code: string;
  /**
   * The label in the current language; when the term has none, the other language's label
   * followed by a marker: "Beating (англ.)". Plain text, for options and text; templates that
   * can use markup show `term` through views/vocab/_term.ejs.
   */
  label: string;
  term: TermLabel;
  labelEn: string | null;
  labelRu: string | null;
  retired: boolean;
}

interface StoredTerm {
  code: string;
  labelEn: string | null;
  labelRu: string | null;
  retired: boolean;
}

interface Snapshot {
  loadedAt: number;
  byVocabulary: Map<string, StoredTerm[]>;
  byKey: Map<string, StoredTerm>;
}

const CACHE_MS = 30_000;
const caches = new WeakMap<object, Snapshot>();

/**
 * The controlled vocabularies, cached briefly per database: terms change rarely (an admin's
 * edit clears the cache at once; another process's edit shows within 30 seconds).
 */
async function snapshot(db: Db): Promise<Snapshot> {
  const key = db instanceof DataSource ? db : db.connection;
  const cached = caches.get(key);
  if (cached && Date.now() - cached.loadedAt < CACHE_MS) return cached;
  const terms = await manager(db).find(VocabTerm, { order: { vocabulary: 'ASC', sortOrder: 'ASC', labelEn: 'ASC' } });
  const byVocabulary = new Map<string, StoredTerm[]>();
  const byKey = new Map<string, StoredTerm>();
  for (const row of terms) {
    const stored = { code: row.code, labelEn: row.labelEn, labelRu: row.labelRu, retired: row.retired };
    if (!byVocabulary.has(row.vocabulary)) byVocabulary.set(row.vocabulary, []);
    byVocabulary.get(row.vocabulary)!.push(stored);
    byKey.set(`${row.vocabulary}:${row.code}`, stored);
  }
  const snap = { loadedAt: Date.now(), byVocabulary, byKey };
  caches.set(key, snap);
  return snap;
}

export function clearVocabCache(db: Db): void {
  caches.delete(db instanceof DataSource ? db : db.connection);
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * THE place a term's label is chosen: the label of `lang` (the current request's language unless
 * given), else the other language's, marked as a fallback. Every page, the API and the dossier
 * get their labels through here (vocabOptions, vocabLabeler).
 */
export function termLabel(term: { code: string; labelEn: string | null; labelRu: string | null }, lang: Language = currentLanguage()): TermLabel {
  const own = lang === 'ru' ? term.labelRu : term.labelEn;
  if (present(own)) return { text: own, lang, fallback: false };
  const otherLang: Language = lang === 'ru' ? 'en' : 'ru';
  const other = otherLang === 'ru' ? term.labelRu : term.labelEn;
  if (present(other)) return { text: other, lang: otherLang, fallback: true };
  return { text: term.code, lang, fallback: false };
}

/** A label as plain text in `uiLang`: a fallback label carries its marker ("Beating (англ.)"). */
export function markedLabel(label: TermLabel, uiLang: Language = currentLanguage()): string {
  if (!label.fallback) return label.text;
  const tr = translator(uiLang);
  return String(tr('terms.marked', { label: label.text, mark: tr(`terms.mark.${label.lang}`) }));
}

function view(term: StoredTerm, lang: Language): TermView {
  const label = termLabel(term, lang);
  return { code: term.code, label: markedLabel(label, lang), term: label, labelEn: term.labelEn, labelRu: term.labelRu, retired: term.retired };
}

/** Terms offered in pickers: active ones, plus `keep` (the record's current, possibly retired, code). */
export async function vocabOptions(db: Db, vocabulary: Vocabulary, keep: (string | null | undefined)[] = []): Promise<TermView[]> {
  const all = (await snapshot(db)).byVocabulary.get(vocabulary) ?? [];
  const lang = currentLanguage();
  return all.filter((x) => !x.retired || keep.includes(x.code)).map((x) => view(x, lang));
}

/** label(vocabulary, code): a term's label as plain text; `.term(vocabulary, code)` gives it with its language. */
export type Labeler = ((vocabulary: Vocabulary, code: string | null | undefined) => string) & {
  term: (vocabulary: Vocabulary, code: string | null | undefined) => TermLabel | null;
};

/**
 * Every vocabulary's labels, for presenters: label(vocabulary, code), in the current language
 * (or `opts.lang`), a missing label falling back to the other language, marked (`opts.mark`
 * false leaves the marker out, for machine-readable output). Unknown codes show as the code.
 */
export async function vocabLabeler(db: Db, opts: { lang?: Language; mark?: boolean } = {}): Promise<Labeler> {
  const snap = await snapshot(db);
  const lang = opts.lang ?? currentLanguage();
  const term = (vocabulary: Vocabulary, code: string | null | undefined): TermLabel | null => {
    if (!code) return null;
    const found = snap.byKey.get(`${vocabulary}:${code}`);
    return found ? termLabel(found, lang) : { text: code, lang, fallback: false };
  };
  const label = (vocabulary: Vocabulary, code: string | null | undefined): string => {
    const found = term(vocabulary, code);
    if (!found) return '';
    return opts.mark === false ? found.text : markedLabel(found, lang);
  };
  return Object.assign(label, { term });
}

/** Whether a code is a term of a vocabulary. */
export type TermLookup = (vocabulary: Vocabulary, code: string) => boolean;

/** For list filters: retired terms count, since older records still carry them. */
export async function vocabLookup(db: Db): Promise<TermLookup> {
  const snap = await snapshot(db);
  return (vocabulary, code) => snap.byKey.has(`${vocabulary}:${code}`);
}

export interface TermCheck {
  field: string;
  vocabulary: Vocabulary;
  code: string | null | undefined;
  /** The value the record had before: a retired term may be kept, never newly chosen. */
  previous?: string | null | string[];
}

/** Refuses unknown terms, and retired terms newly chosen, with a message per field (422). */
export async function assertTerms(db: Db, checks: TermCheck[]): Promise<void> {
  const snap = await snapshot(db);
  const errors: Record<string, string> = {};
  for (const c of checks) {
    if (c.code == null || c.code === '') continue;
    const term = snap.byKey.get(`${c.vocabulary}:${c.code}`);
    const previous = Array.isArray(c.previous) ? c.previous : [c.previous];
    if (!term) errors[c.field] = t('terms.errors.unknown', { code: c.code.slice(0, 60), list: t(`vocab.lists.${c.vocabulary}`) });
    else if (term.retired && !previous.includes(c.code)) errors[c.field] = t('terms.errors.retired', { label: markedLabel(termLabel(term)) });
  }
  if (Object.keys(errors).length) throw validationFailed(errors);
}
