import { DataSource, EntityManager } from 'typeorm';
import type { Database } from 'better-sqlite3';
import { CurrentUser } from '../http/context';
import { personPseudonym } from './person.entity';
import { EMPTY_MATCHER, NameMatcher, NameMention, buildNameMatcher, changeName, findMentions, peopleBearingWord } from './protected-names';
import { NotOnPostgresError, prepared, preparedRaw, rawDb } from '../search/sqlite';
import { RedactionSource, redactionSource } from './redaction-source';

/**
 * Text written by people (an event's description, a case's title, a statement) may name a
 * protected person: a researcher types the witness's real name. Everyone not cleared for that
 * person reads "[Person P-0142]" in its place, wherever the text is shown or sent: pages, API,
 * dossier, exports, bundle manifests, reports, saved searches — in every case, not only the
 * cases the person is linked to. Cleared users (identity.ts: admins, the person's creator,
 * members of a case the person takes part in) read the text as written.
 *
 * The matcher of every protected person's names is built once per change of the protected set
 * and the set of people each user is cleared for once per change of clearances; both changes are
 * counted by triggers (protected-names-state.ts), so every process notices every writer's change
 * with one read of one row per request.
 */

export const PSEUDONYM_MARK = (personId: number) => `[Person ${personPseudonym(personId)}]`;
const MARK_PATTERN = /\[Person P-(\d{4,})\]/g;

interface SharedState {
  namesVersion: number;
  matcher: NameMatcher;
  /** The names the matcher holds, to apply only what changed. */
  names: Map<string, { id: number; name: string }>;
  linksVersion: number;
  /** The protected people linked to each case (protected_person_case), read when first needed after a change. */
  linked: Map<number, number[]> | null;
  clearanceVersion: number;
  cleared: Map<number, ReadonlySet<number>>;
}

const states = new WeakMap<object, SharedState>();

const db = (ds: DataSource | EntityManager): RedactionSource => redactionSource(ds);

/** Every (person, name) of the protected people, keyed "id name". */
function protectedNames(source: RedactionSource): Map<string, { id: number; name: string }> {
  return new Map(source.protectedNames().map((r) => [`${r.id}\u0000${r.name}`, r]));
}

/**
 * The matcher, brought up to date with the protected names: built once, then changed by the names
 * that came and went since (a build at 8,000 protected people takes about a second; a change of
 * one person's names, microseconds), so an edit never stalls the server.
 */
function updateMatcher(sqlite: RedactionSource, previous: SharedState | undefined): { matcher: NameMatcher; names: Map<string, { id: number; name: string }> } {
  const names = protectedNames(sqlite);
  if (!previous) {
    const byPerson = new Map<number, string[]>();
    for (const r of names.values()) byPerson.set(r.id, [...(byPerson.get(r.id) ?? []), r.name]);
    return { matcher: buildNameMatcher([...byPerson].map(([id, list]) => ({ id, names: list }))), names };
  }
  for (const [key, r] of previous.names) if (!names.has(key)) changeName(previous.matcher, r.id, r.name, -1);
  for (const [key, r] of names) if (!previous.names.has(key)) changeName(previous.matcher, r.id, r.name, 1);
  return { matcher: previous.matcher, names };
}

/** The matcher of every protected person's names, current with the protected set. */
function currentState(sqlite: RedactionSource): SharedState {
  const v = sqlite.versions();
  let state = states.get(sqlite.key);
  if (!state || state.namesVersion !== v.names || v.names < 0) {
    const { matcher, names } = updateMatcher(sqlite, state);
    state = { namesVersion: v.names, matcher, names, clearanceVersion: v.clearance, cleared: new Map(), linksVersion: v.links, linked: null };
    states.set(sqlite.key, state);
  }
  if (state.linksVersion !== v.links || v.links < 0) {
    state.linksVersion = v.links;
    state.linked = null;
  }
  if (state.clearanceVersion !== v.clearance || v.clearance < 0) {
    state.clearanceVersion = v.clearance;
    state.cleared = new Map();
  }
  return state;
}

/** The protected people linked to each case, from the trigger-kept table (about 15,000 rows at 100,000 cases). */
function linkedByCase(sqlite: RedactionSource, state: SharedState): Map<number, number[]> {
  if (!state.linked) {
    const map = new Map<number, number[]>();
    for (const [caseId, personId] of sqlite.links()) {
      const list = map.get(caseId);
      if (list) list.push(personId);
      else map.set(caseId, [personId]);
    }
    state.linked = map;
  }
  return state.linked;
}

/** Builds the matcher now (at start-up), so that the first request does not wait for it. */
export function prepareRedaction(ds: DataSource): { protectedNames: number; ms: number } {
  const started = performance.now();
  const state = currentState(db(ds));
  return { protectedNames: state.names.size, ms: Math.round(performance.now() - started) };
}

/** The protected people this user is cleared for (the rule of identity.ts, from the user's side: a user is in few cases). */
function clearedFor(sqlite: RedactionSource, state: SharedState, user: CurrentUser): ReadonlySet<number> {
  let set = state.cleared.get(user.id);
  if (!set) {
    set = new Set(sqlite.clearedFor(user.id));
    if (state.cleared.size >= 10_000) state.cleared.clear();
    state.cleared.set(user.id, set);
  }
  return set;
}

/** What one user may read of text written by people: see the top of this file. */
export class Redactor {
  constructor(
    private readonly matcher: NameMatcher,
    private readonly cleared: ReadonlySet<number> | 'all',
    private readonly sqlite: Database | null = null,
    /** Protected people linked to the cases the text belongs to, not cleared: any word of their names is withheld. */
    private readonly linked?: ReadonlySet<number>,
    /** Every case's linked protected people (kept in memory, current with the trigger-kept table). */
    private readonly links: () => ReadonlyMap<number, readonly number[]> = () => new Map(),
    /** Whether to remember the mentions of short texts (pages: yes; an export reads each text once). */
    private readonly remember = true,
    /** On PostgreSQL, what still needs SQLite's connection (forExport) refuses instead of redacting less. */
    private readonly onPostgres = false,
  ) {
    this.linkedKey = linked && linked.size ? [...linked].sort((a, b) => a - b).join(',') : undefined;
  }
  private readonly linkedKey: string | undefined;

  private withLinked(linked: Set<number> | undefined, remember = this.remember): Redactor {
    return new Redactor(this.matcher, this.cleared, this.sqlite, linked, this.links, remember, this.onPostgres);
  }

  private uncleared(people: Iterable<number>, into = new Set<number>()): Set<number> {
    for (const id of people) if (this.cleared !== 'all' && !this.cleared.has(id)) into.add(id);
    return into;
  }

  /**
   * The same redactor for text inside these cases: there, any single word of the names of the
   * protected people linked to them (a given name alone) is withheld too.
   */
  forCases(caseIds: readonly number[]): Redactor {
    if (!this.active || caseIds.length === 0) return this;
    const links = this.links();
    const linked = new Set<number>();
    for (const id of caseIds) this.uncleared(links.get(id) ?? [], linked);
    if (linked.size === 0) return this.linked ? this.withLinked(undefined) : this;
    return this.withLinked(linked);
  }

  /** forCases for each of these cases (a results page's hits): only cases with someone to withhold are in the map. */
  forEachCase(caseIds: readonly number[]): Map<number, Redactor> {
    const out = new Map<number, Redactor>();
    if (!this.active || caseIds.length === 0) return out;
    const links = this.links();
    for (const id of caseIds) {
      const people = links.get(id);
      if (!people) continue;
      const linked = this.uncleared(people);
      if (linked.size) out.set(id, this.withLinked(linked));
    }
    return out;
  }

  /**
   * For an export, whose rows carry case codes: the redactor of each row's case, from one read of
   * the codes of the cases that have linked protected people; texts are not remembered (each is
   * read once).
   */
  forExport(): (caseCode: string | null | undefined) => Redactor {
    const plain = this.withLinked(undefined, false);
    if (this.active && this.onPostgres) throw new NotOnPostgresError();
    if (!this.active || !this.sqlite) return () => plain;
    const links = this.links();
    const codes = new Map<string, number>();
    for (const [code, id] of preparedRaw(this.sqlite, `SELECT c.code, c.id FROM case_record c WHERE c.id IN (SELECT DISTINCT case_id FROM protected_person_case)`).all() as [string, number][]) codes.set(code, id);
    const made = new Map<string, Redactor>();
    return (caseCode) => {
      if (!caseCode) return plain;
      let r = made.get(caseCode);
      if (!r) {
        const id = codes.get(caseCode);
        const linked = id === undefined ? undefined : this.uncleared(links.get(id) ?? []);
        r = linked && linked.size ? this.withLinked(linked, false) : plain;
        made.set(caseCode, r);
      }
      return r;
    };
  }

  /** Spans of the text to withhold from this user. */
  withheldSpans(value: string): { start: number; end: number; personId: number }[] {
    if (!this.active || !value) return [];
    const out: { start: number; end: number; personId: number }[] = [];
    for (const m of findMentions(this.matcher, value, this.linked, this.linkedKey, this.remember)) {
      const id = this.withheldAs(m);
      if (id !== null) out.push({ start: m.start, end: m.end, personId: id });
    }
    return out;
  }

  /** Whether a word is any word of the names of a protected person this user is not cleared for (search restricts such words to names). */
  bearsWithheldName(word: string): boolean {
    if (!this.active) return false;
    return peopleBearingWord(this.matcher, word).some((id) => this.cleared !== 'all' && !this.cleared.has(id));
  }

  /** False when nothing can ever be withheld from this user (admins, or no protected people). */
  get active(): boolean {
    return this.cleared !== 'all' && this.matcher.size > 0;
  }

  /** The pseudonym to show for a mention, or null when the user may read it (cleared for someone of that name). */
  private withheldAs(mention: NameMention): number | null {
    if (this.cleared === 'all') return null;
    // One decision per pattern: a text naming the same person a thousand times, or a name borne
    // by thousands of protected people, costs one walk over the bearers (the array is the pattern's own).
    const known = this.decided.get(mention.personIds);
    if (known !== undefined) return known;
    let hidden: number | null = null;
    for (const id of mention.personIds) {
      if (this.cleared.has(id)) {
        hidden = null; // the user knows this name already
        break;
      }
      if (hidden === null || id < hidden) hidden = id;
    }
    if (this.decided.size < 10_000) this.decided.set(mention.personIds, hidden);
    return hidden;
  }
  private readonly decided = new Map<readonly number[], number | null>();

  /** The text with every mention of a protected person the user is not cleared for replaced by their pseudonym. */
  text(value: string): string {
    if (!this.active || !value) return value;
    const spans = this.withheldSpans(value);
    if (spans.length === 0) return value;
    let out = '';
    let at = 0;
    for (const m of spans) {
      out += value.slice(at, m.start) + PSEUDONYM_MARK(m.personId);
      at = m.end;
    }
    return at === 0 ? value : out + value.slice(at);
  }

  nullable(value: string | null | undefined): string | null | undefined {
    return typeof value === 'string' ? this.text(value) : value;
  }

  /**
   * Every string in a view model or JSON body, at any depth, redacted; objects and arrays are
   * copied only where something changed. Class instances keep their prototype; dates, buffers
   * and functions pass as they are.
   */
  deep<T>(value: T): T {
    if (!this.active) return value;
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if ((value as { [OWN_INPUT]?: boolean })[OWN_INPUT]) return value;
    if (depth > 64) throw new Error('redaction: a view model nests deeper than 64 levels');
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const next = this.walk(value[i], depth + 1);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof RegExp || value instanceof Set) return value;
    if (value instanceof Map) {
      let copy: Map<unknown, unknown> | null = null;
      for (const [k, v] of value) {
        const next = this.walk(v, depth + 1);
        if (next !== v) (copy ??= new Map(value)).set(k, next);
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | null = null;
    const source = value as Record<string, unknown>;
    const own = (value as { [OWN_INPUT_KEYS]?: Set<string> })[OWN_INPUT_KEYS];
    const person = isPersonShaped(source);
    for (const key of Object.keys(source)) {
      if (own?.has(key) || (person && PERSON_NAME_FIELD.has(key))) continue;
      const v = source[key];
      if (typeof v === 'string' && MACHINE_FIELD.test(key)) continue;
      const next = this.walk(v, depth + 1);
      if (next !== v) (copy ??= Object.assign(Object.create(Object.getPrototypeOf(source)), source))[key] = next;
    }
    return copy ?? value;
  }
}

/**
 * Fields that hold machine values, never text written by people: ids, vocabulary codes and the
 * labels of vocabulary terms (`roleLabel`), dates, hashes, paths and addresses. The walker leaves
 * them alone, since a code such as "witness" can be a word of a protected person's name (inside a
 * case, a single word of a linked person's names is withheld), and a redacted code would break
 * the API and the forms. A free-text field never takes one of these names.
 */
const MACHINE_FIELD = /^(?:id|ids|[a-z]+Ids?|code|codes|[a-z]+Code|role|roles|type|types|kind|status|outcome|precision|confidentiality|category|mime|sha256|hash|[a-z]+Hash|href|url|[a-z]+Url|path|[a-z]+Path|[a-z]+At|start|end|value|param|vocabulary|[a-z]+Label|label(?:En|Ru))$/;

/**
 * A person as identity.ts presents them carries `hidden` (or `pseudonymised`): its `label`, `name`,
 * `names` and `otherNames` are then either the name of someone the user may see, or the
 * pseudonym. Either is shown as it is: a visible person's name may share words with a protected
 * person's (a brother, a namesake), and withholding it would both misname them and confirm that
 * someone protected bears that name.
 */
const PERSON_NAME_FIELD = new Set(['label', 'name', 'names', 'otherNames']);
const isPersonShaped = (o: Record<string, unknown>) => typeof o.hidden === 'boolean' || typeof o.pseudonymised === 'boolean';

const OWN_INPUT = Symbol('own input');

/**
 * Marks what is shown as it is, never redacted: what the user themselves just typed (a form shown
 * again with its errors, the words of their own search, their own saved searches), so a
 * re-submitted form keeps the name the user entered; and the name of a person the user may see
 * (identity.ts decided it), which may share a word with a protected person's. Never for text
 * read from a record.
 */
export function verbatim<T extends object>(value: T): T {
  Object.defineProperty(value, OWN_INPUT, { value: true, enumerable: false });
  return value;
}

const OWN_INPUT_KEYS = Symbol('own input keys');

/** The same for some fields of an object (strings among them): `title`, `currentQuery` of a search page, a person's `label`. */
export function verbatimKeys<T extends object>(value: T, keys: (keyof T & string)[]): T {
  Object.defineProperty(value, OWN_INPUT_KEYS, { value: new Set(keys), enumerable: false });
  return value;
}

/**
 * The cases a view model or JSON body shows text of: records' `caseId`, and case rows themselves
 * (an `id` with a case `code` and a `title`), at any depth. A list page or an institution's page
 * shows text from many cases; in each of them a single word of a linked protected person's names
 * is a mention (Redactor.forCases), so the words of everyone linked to any of them are withheld
 * across the page — more than needed on a mixed page, never less.
 */
export function casesShown(value: unknown, out = new Set<number>(), depth = 0): Set<number> {
  if (value === null || typeof value !== 'object' || depth > 64 || out.size >= 5_000) return out;
  if (Array.isArray(value)) {
    for (const v of value) casesShown(v, out, depth + 1);
    return out;
  }
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) return out;
  const o = value as Record<string, unknown>;
  if (typeof o.caseId === 'number' && Number.isSafeInteger(o.caseId)) out.add(o.caseId);
  if (typeof o.id === 'number' && typeof o.code === 'string' && typeof o.title === 'string' && Number.isSafeInteger(o.id)) out.add(o.id);
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v !== null && typeof v === 'object') casesShown(v, out, depth + 1);
  }
  return out;
}

/**
 * Text filters that compare stored text with what was typed (LIKE in the case and source lists)
 * would find a record by a name the user is shown as a pseudonym, and spell the name out letter by
 * letter ("Beating of Aslanb"). For such users the filter compares the text as they read it too:
 * the SQL function casebook_redacted(context, case id, text), registered on the connection, gives
 * the text as the redactor of the request's context shows it. Contexts are held only while their
 * query runs; the linked people of every case are read once per query, since a function cannot
 * query the database it runs in.
 */
const sqlContexts = new Map<number, (caseId: number | null, text: string) => string>();
let nextContext = 1;

export function registerRedactionFunction(ds: DataSource): void {
  rawDb(ds).function('casebook_redacted', { deterministic: false }, (context: unknown, caseId: unknown, text: unknown) => {
    if (typeof text !== 'string') return text as null;
    const redact = sqlContexts.get(Number(context));
    if (!redact) throw new Error('casebook_redacted: no redaction context for this query');
    return redact(typeof caseId === 'number' || typeof caseId === 'bigint' ? Number(caseId) : null, text);
  });
}

/** Runs work with a context for casebook_redacted (null when nothing is withheld from this user). */
export async function withRedactionContext<T>(ds: DataSource, user: CurrentUser, work: (context: number | null) => Promise<T>): Promise<T> {
  const redactor = redactorFor(ds, user);
  if (!redactor.active) return work(null);
  const sqlite = rawDb(ds);
  const rows = prepared(sqlite, `SELECT DISTINCT case_id AS "caseId" FROM protected_person_case`).all() as { caseId: number }[];
  const inCase = redactor.forEachCase(rows.map((r) => r.caseId));
  const context = nextContext++;
  sqlContexts.set(context, (caseId, text) => ((caseId !== null && inCase.get(caseId)) || redactor).text(text));
  try {
    return await work(context);
  } finally {
    sqlContexts.delete(context);
  }
}

export const NO_REDACTION = new Redactor(EMPTY_MATCHER, 'all');

/** The redactor for one user, current with every committed change of names and clearances. */
export function redactorFor(ds: DataSource | EntityManager | Database, user: CurrentUser | undefined | null): Redactor {
  const sqlite = redactionSource(ds);
  const state = currentState(sqlite);
  if (state.matcher.size === 0) return NO_REDACTION;
  if (user?.role === 'admin') return NO_REDACTION;
  const links = () => linkedByCase(sqlite, state);
  return new Redactor(state.matcher, user ? clearedFor(sqlite, state, user) : new Set(), sqlite.sqlite, undefined, links, true, sqlite.sqlite === null);
}

/**
 * A text coming back from a form or an API client that showed it redacted: each pseudonym mark
 * is put back as the mention it stood for in the stored text (the k-th mark of P-0142 as the
 * k-th mention of that person), so editing one word of a description never erases a name the
 * editor could not see. Marks with no mention behind them stay as typed.
 */
export function restoreMentions(ds: DataSource | EntityManager, next: string, previous: string, caseId?: number | null): string {
  if (!next.includes('[Person P-') || !previous) return next;
  const sqlite = db(ds);
  const state = currentState(sqlite);
  const { matcher } = state;
  // Inside a case, any word of a linked protected person's names was withheld too (Redactor.forCases).
  const linked = caseId ? new Set(linkedByCase(sqlite, state).get(caseId) ?? []) : undefined;
  const byPerson = new Map<number, string[]>();
  for (const m of findMentions(matcher, previous, linked)) {
    for (const id of m.personIds) {
      const list = byPerson.get(id);
      if (list) list.push(previous.slice(m.start, m.end));
      else byPerson.set(id, [previous.slice(m.start, m.end)]);
    }
  }
  if (byPerson.size === 0) return next;
  // A mark is put back only where it stands as words of its own, and only if the name it restores
  // is again recognised there as a mention of that person: glued to letters ("x[Person P-0001]x")
  // the name would no longer read as one, and the editor would see it. Such a mark stays as typed.
  const used = new Map<number, number>();
  const restored: { start: number; end: number; id: number }[] = [];
  let out = '';
  let at = 0;
  for (const m of next.matchAll(MARK_PATTERN)) {
    const id = Number(m[1]);
    const k = used.get(id) ?? 0;
    const original = byPerson.get(id)?.[k];
    const before = next.slice(0, m.index);
    const after = next.slice(m.index + m[0].length);
    if (original === undefined || WORD_CHAR_END.test(before) || WORD_CHAR_START.test(after)) continue;
    used.set(id, k + 1);
    out += next.slice(at, m.index);
    restored.push({ start: out.length, end: out.length + original.length, id });
    out += original;
    at = m.index + m[0].length;
  }
  if (restored.length === 0) return next;
  out += next.slice(at);
  const found = findMentions(matcher, out, linked);
  const recognised = (r: { start: number; end: number; id: number }) => found.some((f) => f.start <= r.start && f.end >= r.end && f.personIds.includes(r.id));
  if (restored.every(recognised)) return out;
  return next; // the names would not read as names where they stand: keep every mark as typed
}
const WORD_CHAR_END = /[\p{L}\p{N}\p{M}]$/u;
const WORD_CHAR_START = /^[\p{L}\p{N}\p{M}]/u;
