import { INDEXED_SOURCES, IndexFeed, IndexedSource, rowidSql } from './indexed-sources';
import { SEARCH_KEYS_FUNCTION } from './search-keys';
import { SEARCH_STEMS_FUNCTION } from './word-forms';
import { CASE_ID_MAX, KIND_BY_CODE, RECORD_MAX, ROWID_KIND, ROWID_RECORD } from './search-kinds';

/**
 * SQL of the search index, derived from the registry in indexed-sources.ts: the FTS5 table, the
 * triggers that keep it current, and the statements that fill it from the tables.
 *
 * Tokenizer: unicode61 with remove_diacritics 2 folds case in every script and strips Latin
 * diacritics (Müller = Muller); it leaves Cyrillic ё alone, so the document folds ё to е itself
 * (the query does the same). No trigram table: it would roughly triple the index and slow every
 * write, while the spelling variants people actually need (Kudaev/Kudayev/Кудаев) are covered by
 * the transliteration and match key of every name, indexed in the `names` column.
 */
export const INDEX_TABLE = 'search_index';
/**
 * FTS5 keeps each row's text in its content table, `<table>_content`, with the columns in order
 * as c0, c1, c2 (see "External content and contentless tables" in the FTS5 manual). Reading
 * known rowids there costs a plain primary-key lookup; through the virtual table, a cursor each.
 */
export const INDEX_CONTENT_TABLE = 'search_index_content';
export const CONTENT_COLUMNS = 'search_index.c0 AS title, search_index.c1 AS body, search_index.c2 AS names';

export const CREATE_INDEX_SQL = `CREATE VIRTUAL TABLE "search_index" USING fts5(title, body, names, keys, title_stems, body_stems, tokenize = 'unicode61 remove_diacritics 2')`;

/**
 * The columns every insert writes: `keys` holds the match keys of the title's and text's words
 * (search-keys.ts); `title_stems` and `body_stems` the normal forms of the title's and the text's
 * words (word-forms.ts), each once per row. Names have none.
 */
export const INDEX_COLUMNS = 'search_index(rowid, title, body, names, keys, title_stems, body_stems)';
/** The columns of the normal forms, and the others (the words as written, names and keys), as FTS5 column filters. */
export const STEM_COLUMNS = '{title_stems body_stems}';
export const WRITTEN_COLUMNS = '{title body names keys}';
export const NAME_COLUMNS = '{names keys}';

const fold = (expr: string) => `replace(replace(coalesce(${expr}, ''), 'ё', 'е'), 'Ё', 'Е')`;

/**
 * The index rows of a source's records (those matching `where`, SQL over `r`): rowid, title,
 * body, names, keys, and the normal forms of title and body. Keys and forms are computed from
 * the title and body the row holds; OFFSET 0 keeps SQLite from flattening the subquery, which
 * would evaluate each text twice.
 */
const rowsSelect = (source: IndexedSource, rowid: string, body: string, where: string) =>
  `SELECT d.rid, d.t, d.b, d.n, ${SEARCH_KEYS_FUNCTION}(d.t, d.b), ${source.stemTitle === false ? 'NULL' : `${SEARCH_STEMS_FUNCTION}(d.t)`}, ${SEARCH_STEMS_FUNCTION}(d.b) FROM (SELECT ${rowid} AS rid, ${fold(source.title)} AS t, ${fold(body)} AS b, ${fold(source.names)} AS n FROM "${source.table}" r WHERE ${where} LIMIT -1 OFFSET 0) d`;

/** SELECT of the rows of a source's records (every record when `where` is left out). */
export function documentSelect(source: IndexedSource, where = '1 = 1'): string {
  return rowsSelect(source, rowidSql(source, 'r'), source.body, where);
}

/** SELECT of the redacted rows of a source's records (those of `where` that have one). */
export function redactedSelect(source: IndexedSource, where = '1 = 1'): string {
  const redacted = source.redacted!;
  return rowsSelect(source, rowidSql(source, 'r', true), redacted.body, `(${redacted.when}) AND ${where}`);
}

const insertDocs = (source: IndexedSource, where: string) =>
  `INSERT INTO ${INDEX_COLUMNS} ${documentSelect(source, where)};` + (source.redacted ? ` INSERT INTO ${INDEX_COLUMNS} ${redactedSelect(source, where)};` : '');
const deleteDocs = (source: IndexedSource, where: string) =>
  source.redacted
    ? `DELETE FROM search_index WHERE rowid IN (SELECT ${rowidSql(source, 'r')} FROM "${source.table}" r WHERE ${where} UNION ALL SELECT ${rowidSql(source, 'r', true)} FROM "${source.table}" r WHERE ${where});`
    : `DELETE FROM search_index WHERE rowid IN (SELECT ${rowidSql(source, 'r')} FROM "${source.table}" r WHERE ${where});`;
/** The row(s) of the record in row `x` (NEW or OLD), whatever its state: a redacted row that does not exist is simply not found. */
const rowidIs = (source: IndexedSource, x: string) => (source.redacted ? `rowid IN (${rowidSql(source, x)}, ${rowidSql(source, x, true)})` : `rowid = ${rowidSql(source, x)}`);
const reindex = (source: IndexedSource, ids: string) => `${deleteDocs(source, `r.id IN (${ids})`)} ${insertDocs(source, `r.id IN (${ids})`)}`;

const triggerName = (source: IndexedSource, table: string, suffix: string) => `search_${source.kind}_${table}_${suffix}`;

function feedTriggers(source: IndexedSource, feed: IndexFeed): string[] {
  const on = feed.on ?? ['insert', 'update', 'delete'];
  const out: string[] = [];
  if (on.includes('insert')) {
    out.push(`CREATE TRIGGER "${triggerName(source, feed.table, 'ai')}" AFTER INSERT ON "${feed.table}" BEGIN ${reindex(source, feed.ids('NEW'))} END`);
  }
  if (on.includes('update')) {
    const of = feed.updateOf ? ` OF ${feed.updateOf.map((c) => `"${c}"`).join(', ')}` : '';
    out.push(`CREATE TRIGGER "${triggerName(source, feed.table, 'au')}" AFTER UPDATE${of} ON "${feed.table}" BEGIN ${reindex(source, feed.ids('OLD'))} ${reindex(source, feed.ids('NEW'))} END`);
  }
  if (on.includes('delete')) {
    out.push(`CREATE TRIGGER "${triggerName(source, feed.table, 'ad')}" AFTER DELETE ON "${feed.table}" BEGIN ${reindex(source, feed.ids('OLD'))} END`);
  }
  return out;
}

/** The triggers of one source: its own table, then every feeding table. */
export function sourceTriggerSql(source: IndexedSource): string[] {
  const t = source.table;
  const of = source.updateOf.map((c) => `"${c}"`).join(', ');
  return [
    `CREATE TRIGGER "${triggerName(source, t, 'ai')}" AFTER INSERT ON "${t}" BEGIN DELETE FROM search_index WHERE ${rowidIs(source, 'NEW')}; ${insertDocs(source, 'r.id = NEW.id')} END`,
    `CREATE TRIGGER "${triggerName(source, t, 'au')}" AFTER UPDATE OF ${of} ON "${t}" BEGIN DELETE FROM search_index WHERE ${rowidIs(source, 'OLD')}; ${insertDocs(source, 'r.id = NEW.id')} END`,
    source.kind === 'case'
      ? // Everything filed under the case forms one rowid range: gone with it, whatever the cascade order.
        `CREATE TRIGGER "${triggerName(source, t, 'ad')}" AFTER DELETE ON "${t}" BEGIN DELETE FROM search_index WHERE rowid BETWEEN OLD.id * 4294967296 AND OLD.id * 4294967296 + 4294967295; END`
      : `CREATE TRIGGER "${triggerName(source, t, 'ad')}" AFTER DELETE ON "${t}" BEGIN DELETE FROM search_index WHERE ${rowidIs(source, 'OLD')}; END`,
    ...(source.kind === 'case' ? [restrictedRowsTrigger(source)] : []),
    ...idLimitTriggers(source),
    ...source.feeds.flatMap((f) => feedTriggers(source, f)),
  ];
}

/**
 * A record's id must fit its field of the rowid (search-kinds.ts), positive (a negative id would
 * borrow from the case and kind fields: another case's row, without its restricted flag), and a case's id must keep
 * every rowid of the case an exact JavaScript number: a larger id would be read as another kind
 * or another case, and could show a row to users who may not see it. Such a write fails with a
 * clear message instead (ids come from AUTOINCREMENT and stay far below, unless set by hand).
 */
function idLimitTriggers(source: IndexedSource): string[] {
  const max = source.table === 'case_record' ? CASE_ID_MAX : RECORD_MAX;
  const raise = `BEGIN SELECT RAISE(ABORT, 'A ${source.table} id outside 1 to ${max} cannot be addressed by the search index.'); END`;
  return [
    `CREATE TRIGGER "${triggerName(source, source.table, 'id_limit_ai')}" AFTER INSERT ON "${source.table}" WHEN NEW.id NOT BETWEEN 1 AND ${max} ${raise}`,
    `CREATE TRIGGER "${triggerName(source, source.table, 'id_limit_au')}" AFTER UPDATE OF "id" ON "${source.table}" WHEN NEW.id NOT BETWEEN 1 AND ${max} ${raise}`,
  ];
}

/**
 * Restricting a case, or lifting the restriction, moves the rows filed under it to the rowids
 * with the new flag (search-kinds.ts): every row of the case's range but its own (kind 1, below
 * 2^28), which its update trigger moves. No text is re-read: FTS5 moves a row's tokens as is.
 */
function restrictedRowsTrigger(source: IndexedSource): string {
  const from = `OLD.id * 4294967296 + OLD.restricted * 2147483648`;
  return (
    `CREATE TRIGGER "${triggerName(source, source.table, 'restricted')}" AFTER UPDATE OF "restricted" ON "${source.table}" WHEN OLD.restricted IS NOT NEW.restricted ` +
    `BEGIN UPDATE search_index SET rowid = rowid + (NEW.restricted - OLD.restricted) * 2147483648 WHERE rowid BETWEEN ${from} + 268435456 AND ${from} + 2147483647; END`
  );
}

export function allTriggerSql(sources: readonly IndexedSource[] = INDEXED_SOURCES): string[] {
  return sources.flatMap(sourceTriggerSql);
}

/** Trigger names from CREATE TRIGGER statements. */
export function triggerNames(statements: string[]): string[] {
  return statements.map((s) => /^CREATE TRIGGER "([^"]+)"/.exec(s)?.[1]).filter((n): n is string => Boolean(n));
}

/** Fills the (empty) index with every record of the registry's sources. */
export function populateSql(sources: readonly IndexedSource[] = INDEXED_SOURCES): string[] {
  return sources.flatMap((s) => [
    `INSERT INTO ${INDEX_COLUMNS} ${documentSelect(s)}`,
    ...(s.redacted ? [`INSERT INTO ${INDEX_COLUMNS} ${redactedSelect(s)}`] : []),
  ]);
}

/**
 * SQL that is 1 when the index row `search_index` (the FTS5 table or its content table under
 * that alias) is the current row of its record: the record exists and the registry gives it this
 * very rowid now (same case, same restricted flag, same kind code: evidence confidentiality,
 * protected identity). A row the triggers failed to move or delete is 0. Checked on the rows a
 * page shows, so that an index out of step with the tables can never show a record to someone
 * its current state hides it from (search.service.ts).
 */
export function currentRowSql(sources: readonly IndexedSource[] = INDEXED_SOURCES): string {
  const sourceOfCode = (code: number) => sources.find((s) => s.kind === KIND_BY_CODE.get(code));
  const arms = [...KIND_BY_CODE.keys()].flatMap((code) => {
    const source = sourceOfCode(code);
    if (!source) return [];
    // Scalar subqueries (NULL when the record is gone: the row is then not current).
    const rowid = `(SELECT ${rowidSql(source, 'r')} FROM "${source.table}" r WHERE r.id = ${ROWID_RECORD})`;
    if (!source.redacted) return [`WHEN ${code} THEN search_index.rowid = ${rowid}`];
    const redacted = `(SELECT ${rowidSql(source, 'r', true)} FROM "${source.table}" r WHERE r.id = ${ROWID_RECORD} AND (${source.redacted.when}))`;
    return [`WHEN ${code} THEN search_index.rowid IN (${rowid}, ${redacted})`];
  });
  return `coalesce(CASE ${ROWID_KIND} ${arms.join(' ')} ELSE 0 END, 0)`;
}

/**
 * Counts the records without their current row in the index, and the records expected, for the
 * consistency check (search-index.ts): together with the number of rows, they tell whether the
 * index holds exactly the registry's rows.
 */
export function currentRowsCheckSql(sources: readonly IndexedSource[] = INDEXED_SOURCES): string[] {
  return sources.flatMap((source) =>
    [false, ...(source.redacted ? [true] : [])].map(
      (redacted) =>
        `SELECT count(*) AS expected, coalesce(sum(NOT EXISTS (SELECT 1 FROM ${INDEX_CONTENT_TABLE} s WHERE s.id = ${rowidSql(source, 'r', redacted)})), 0) AS missing FROM "${source.table}" r` +
        (redacted ? ` WHERE (${source.redacted!.when})` : ''),
    ),
  );
}
