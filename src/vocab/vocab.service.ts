import { DataSource, EntityManager } from 'typeorm';
import { VocabTerm, Vocabulary } from './vocab-term.entity';
import { validationFailed } from '../http/errors';

type Db = DataSource | EntityManager;
const manager = (db: Db) => (db instanceof DataSource ? db.manager : db);

export interface TermView {
  code: string;
  label: string;
  labelRu: string | null;
  retired: boolean;
}

interface Snapshot {
  loadedAt: number;
  byVocabulary: Map<string, TermView[]>;
  byKey: Map<string, TermView>;
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
  const byVocabulary = new Map<string, TermView[]>();
  const byKey = new Map<string, TermView>();
  for (const t of terms) {
    const view = { code: t.code, label: t.labelEn, labelRu: t.labelRu, retired: t.retired };
    if (!byVocabulary.has(t.vocabulary)) byVocabulary.set(t.vocabulary, []);
    byVocabulary.get(t.vocabulary)!.push(view);
    byKey.set(`${t.vocabulary}:${t.code}`, view);
  }
  const snap = { loadedAt: Date.now(), byVocabulary, byKey };
  caches.set(key, snap);
  return snap;
}

export function clearVocabCache(db: Db): void {
  caches.delete(db instanceof DataSource ? db : db.connection);
}

/** Terms offered in pickers: active ones, plus `keep` (the record's current, possibly retired, code). */
export async function vocabOptions(db: Db, vocabulary: Vocabulary, keep: (string | null | undefined)[] = []): Promise<TermView[]> {
  const all = (await snapshot(db)).byVocabulary.get(vocabulary) ?? [];
  return all.filter((t) => !t.retired || keep.includes(t.code));
}

/** Every vocabulary's labels, for presenters: label(vocabulary, code). Unknown codes show as the code. */
export async function vocabLabeler(db: Db): Promise<(vocabulary: Vocabulary, code: string | null | undefined) => string> {
  const snap = await snapshot(db);
  return (vocabulary, code) => (code ? (snap.byKey.get(`${vocabulary}:${code}`)?.label ?? code) : '');
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
    if (!term) errors[c.field] = `“${c.code.slice(0, 60)}” is not a term of the ${c.vocabulary.replace(/_/g, ' ')} list.`;
    else if (term.retired && !previous.includes(c.code)) errors[c.field] = `“${term.label}” is retired and can no longer be chosen.`;
  }
  if (Object.keys(errors).length) throw validationFailed(errors);
}
