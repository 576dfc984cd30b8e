import { DataSource, EntityManager } from 'typeorm';
import { CurrentUser } from '../http/context';
import { clearedProtectedIds } from '../people/identity';
import { prepared, rawDb } from './sqlite';
import { ROWID_RECORD, protectedPersonRange, rowidBetween } from './search-kinds';
import { SearchTerm, namesExpression, parseSearchText } from './search-text';

/**
 * Which protected people a saved search names. A saved search shared with the team shows what
 * its owner typed (its words and its name) to every colleague, and a protected person's name
 * there would tell colleagues who are not cleared who the pseudonym is. Every word is matched
 * on its own against every spelling and transliteration of the protected people's names in the
 * search index (as search-access.ts does for queries), so "Закаев", "Zakaev" and "Zakayev's"
 * all count; single letters do not (initials would match nearly every search).
 */
function protectedPeopleNamed(ds: DataSource, texts: string[]): number[] {
  const words = texts.join(' ').split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length > 1);
  const terms: SearchTerm[] = [...new Set(words)].flatMap((w) => {
    const parsed = parseSearchText(w);
    return parsed.ok ? parsed.terms : [];
  });
  const expr = namesExpression(terms);
  if (!expr) return [];
  const [lo, hi] = protectedPersonRange();
  const rows = prepared(rawDb(ds), `SELECT DISTINCT ${ROWID_RECORD} AS id FROM search_index WHERE search_index MATCH ? AND ${rowidBetween(lo, hi)}`).all(expr) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/** What a saved search shows others of what was typed: its name and the text of its query. */
function typedTexts(saved: { name: string; query: string }): string[] {
  return [saved.name, new URLSearchParams(saved.query).get('q') ?? ''];
}

export interface NamedPeople {
  /** Protected people the search names whom this user is cleared for. */
  cleared: number[];
  /** Protected people the search names whom this user is not cleared for. */
  hidden: number[];
}

export async function protectedPeopleIn(db: DataSource | EntityManager, user: CurrentUser, saved: { name: string; query: string }): Promise<NamedPeople> {
  const named = protectedPeopleNamed(db instanceof DataSource ? db : db.connection, typedTexts(saved));
  const cleared = await clearedProtectedIds(db, user, named);
  return { cleared: named.filter((id) => cleared.has(id)), hidden: named.filter((id) => !cleared.has(id)) };
}
