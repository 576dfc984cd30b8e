import { EVIDENCE_CODES, KIND_CODE, PROTECTED_PERSON_CODE, SearchKind } from './search-kinds';

/**
 * The extension point of the search index: for each table whose records are searchable, how a
 * record becomes one row of `search_index` (title, body, names), and which other tables feed
 * that row (a name spelling, a method, a complaint's responses). search-schema.ts turns this
 * registry into the SQLite triggers that keep the index current in the same transaction as
 * every write, and into the statements of `casebook search rebuild`; the Search migration holds
 * that SQL verbatim (tests/unit/search-schema.test.ts checks they agree).
 *
 * Every expression is SQL over the alias `r` (the source row). Rules:
 * - A protected person's names are never copied into another record's row (only
 *   `nonProtectedNames` is used there): a user not cleared for that person could otherwise find
 *   the case, event or statement by the name and learn who the pseudonym is. The person's own
 *   row holds the names, flagged in its rowid (PROTECTED_PERSON_CODE), and the query only
 *   matches it for users cleared for the person.
 * - Institution names are not copied into other records (a rename would rewrite thousands of
 *   rows inside one write); the institution filter, which includes sub-units, finds those.
 * - Vocabulary labels (English and Russian) are copied in, so "electric shock" or "пытки" find
 *   allegations; after relabelling a term, run `casebook search rebuild`.
 *
 * Adding a source later — the recipe (evidence, below, was added this way):
 * 1. Add an entry below: its kind (a code in search-kinds.ts), table, caseId, title, body and
 *    names as SQL over `r`, updateOf the indexed columns, and a feed per table whose rows go
 *    into the document (evidence: its files' extracted text, its links to people).
 * 2. Records some readers may not see get their own kind code (`code`, as protected people
 *    and confidential evidence do), and the matching condition in indexVisibility
 *    (search-access.ts). A record some readers may see only in part gets a `redacted` second
 *    row under another code, holding only what they may read.
 * 3. Run `npm run migration:search -- IndexSomething`: it writes the migration that creates the
 *    new triggers (and replaces any whose SQL changed), verbatim from the registry, with a down()
 *    that undoes it. Add to its up() the `populateSql([source])` statements that index existing
 *    rows, and to its down() the deletion of the rows of its codes. The schema unit test checks
 *    that the last definition of every trigger in the migrations is the registry's.
 * 4. Filters and facets over the new records: case-filter.ts and search-facets.ts.
 */
export interface IndexFeed {
  /** A table whose rows feed the document of the source. */
  table: string;
  /** SQL giving the ids of the source records that row `x` (NEW or OLD) feeds: a column or a SELECT. */
  ids: (x: string) => string;
  /** Only re-index when these columns change (UPDATE OF ...); every column when absent. */
  updateOf?: string[];
  /** Which writes on the feeding table re-index; all three when absent. */
  on?: ('insert' | 'update' | 'delete')[];
}

export interface IndexedSource {
  kind: SearchKind;
  table: string;
  /** SQL for the case the record belongs to, or null for stand-alone records. */
  caseId: string | null;
  title: string;
  body: string;
  names: string;
  /** The source's own columns whose change re-indexes the record. */
  updateOf: string[];
  /** False when the title is a name (a person's primary name): names are matched as spelled, never by word forms (word-forms.ts). */
  stemTitle?: false;
  feeds: IndexFeed[];
  /** SQL for the kind code of the row of record `x` (NEW, OLD or r), when it depends on the record; else the kind's code. */
  code?: (x: string) => string;
  /**
   * A second row, under its own kind code, for the records where `when` (SQL over `r`) holds:
   * the same title and names with this `body`, for readers who may see the record but not all
   * of its text. Each reader matches one of the two rows (search-access.ts), never both.
   */
  redacted?: { code: number; when: string; body: string };
}

/** English and Russian labels of a vocabulary term. */
const label = (vocabulary: string, codeExpr: string) =>
  `(SELECT concat_ws(' ', v.label_en, v.label_ru) FROM vocab_term v WHERE v.vocabulary = '${vocabulary}' AND v.code = ${codeExpr})`;
/** One language's label (titles show English; the Russian one goes into the body). */
const labelIn = (lang: 'en' | 'ru', vocabulary: string, codeExpr: string) =>
  `(SELECT v.label_${lang} FROM vocab_term v WHERE v.vocabulary = '${vocabulary}' AND v.code = ${codeExpr})`;

/** Labels of a set of codes held in a link table. */
const labels = (vocabulary: string, table: string, fk: string) =>
  `(SELECT group_concat(concat_ws(' ', v.label_en, v.label_ru), ' ') FROM ${table} t JOIN vocab_term v ON v.vocabulary = '${vocabulary}' AND v.code = t.code WHERE t.${fk} = r.id)`;

/**
 * The names of the people whose person_name rows satisfy `where` (alias pn), each form once:
 * every spelling, then the transliterations that differ from them, then the match keys
 * ("Rasul Kudaev, Кудаев Расул · kudayev rasul · kudaev rasul").
 */
const namesWhere = (where: string) =>
  `concat_ws(' · ', (SELECT replace(group_concat(DISTINCT pn.name), ',', ', ') FROM person_name pn WHERE ${where}), (SELECT replace(group_concat(DISTINCT nullif(pn.name_latin, lower(pn.name))), ',', ', ') FROM person_name pn WHERE ${where}), (SELECT replace(group_concat(DISTINCT pn.match_key), ',', ', ') FROM person_name pn WHERE ${where}))`;

/** Name forms of the people selected by `personIds` (SQL), leaving out protected identities. */
const nonProtectedNames = (personIds: string) =>
  namesWhere(`pn.person_id IN (SELECT p.id FROM person p WHERE p.protected_identity = 0 AND p.id IN (${personIds}))`);

/** Every spelling of an alias list (institutions), once each. */
const aliasForms = `(SELECT group_concat(concat_ws(' · ', a.name, nullif(a.name_latin, lower(a.name)), nullif(a.match_key, a.name_latin)), ' · ') FROM institution_alias a WHERE a.institution_id = r.id)`;

/** Feeds that re-index a source when the names or the protection of the people it names change. */
const peopleFeeds = (recordIdsOfPerson: (personIdSql: string) => string): IndexFeed[] => [
  { table: 'person_name', ids: (x) => recordIdsOfPerson(`${x}.person_id`) },
  { table: 'person', ids: (x) => recordIdsOfPerson(`${x}.id`), updateOf: ['protected_identity'], on: ['update'] },
];

export const INDEXED_SOURCES: readonly IndexedSource[] = [
  {
    kind: 'case',
    table: 'case_record',
    caseId: 'r.id',
    title: `concat_ws(' ', r.code, r.title)`,
    body: `concat_ws(' ', r.summary, r.group_description, ${label('region', 'r.region')}, (SELECT group_concat(t.tag, ' ') FROM case_tag t WHERE t.case_id = r.id))`,
    names: nonProtectedNames('SELECT cp.person_id FROM case_participant cp WHERE cp.case_id = r.id'),
    // `restricted` moves the case's own row; the rows filed under it move with it (search-schema.ts).
    updateOf: ['id', 'code', 'title', 'summary', 'group_description', 'region', 'restricted'],
    feeds: [
      { table: 'case_tag', ids: (x) => `${x}.case_id` },
      { table: 'case_participant', ids: (x) => `${x}.case_id`, updateOf: ['case_id', 'person_id'] },
      ...peopleFeeds((p) => `SELECT cp.case_id FROM case_participant cp WHERE cp.person_id = ${p}`),
    ],
  },
  {
    kind: 'person',
    table: 'person',
    caseId: null,
    title: 'r.primary_name',
    stemTitle: false,
    body: `concat_ws(' ', r.notes, ${label('region', 'r.region')}, ${labels('person_profile', 'person_profile', 'person_id')})`,
    names: namesWhere('pn.person_id = r.id'),
    updateOf: ['id', 'primary_name', 'notes', 'region', 'protected_identity'],
    feeds: [
      { table: 'person_name', ids: (x) => `${x}.person_id` },
      { table: 'person_profile', ids: (x) => `${x}.person_id` },
    ],
    code: (x) => `(CASE WHEN ${x}.protected_identity = 1 THEN ${PROTECTED_PERSON_CODE} ELSE ${KIND_CODE.person} END)`,
  },
  {
    kind: 'institution',
    table: 'institution',
    caseId: null,
    title: 'r.name',
    body: `concat_ws(' ', ${label('institution_type', 'r.type')}, ${label('region', 'r.region')}, r.locality, r.notes)`,
    names: `concat_ws(' · ', nullif(r.name_latin, lower(r.name)), nullif(r.match_key, r.name_latin), ${aliasForms})`,
    updateOf: ['id', 'name', 'name_latin', 'match_key', 'type', 'region', 'locality', 'notes'],
    feeds: [{ table: 'institution_alias', ids: (x) => `${x}.institution_id` }],
  },
  {
    kind: 'source',
    table: 'source',
    caseId: null,
    title: 'coalesce(r.title, r.name)',
    body: `concat_ws(' ', r.note, r.url, ${label('source_relation', 'r.relation')})`,
    names: 'r.name',
    updateOf: ['id', 'name', 'title', 'url', 'note', 'relation'],
    feeds: [],
  },
  {
    kind: 'event',
    table: 'case_event',
    caseId: 'r.case_id',
    title: `coalesce(r.title, ${labelIn('en', 'event_type', 'r.type')})`,
    body: `concat_ws(' ', CASE WHEN r.title IS NULL THEN ${labelIn('ru', 'event_type', 'r.type')} ELSE ${label('event_type', 'r.type')} END, r.place, r.description)`,
    names: nonProtectedNames('SELECT ep.person_id FROM event_person ep WHERE ep.event_id = r.id'),
    updateOf: ['id', 'case_id', 'type', 'title', 'place', 'description'],
    feeds: [
      { table: 'event_person', ids: (x) => `${x}.event_id`, updateOf: ['event_id', 'person_id'] },
      ...peopleFeeds((p) => `SELECT ep.event_id FROM event_person ep WHERE ep.person_id = ${p}`),
    ],
  },
  {
    kind: 'allegation',
    table: 'allegation',
    caseId: 'r.case_id',
    title: `coalesce(r.summary, 'Allegation')`,
    body: `concat_ws(' ', r.description, r.physical_consequences, r.psychological_consequences, r.duration, ${labels('torture_method', 'allegation_method', 'allegation_id')}, ${labels('purpose', 'allegation_purpose', 'allegation_id')}, (SELECT group_concat(pe.description, ' ') FROM perpetrator pe WHERE pe.allegation_id = r.id))`,
    names: nonProtectedNames('SELECT r.victim_person_id UNION ALL SELECT pe.person_id FROM perpetrator pe WHERE pe.allegation_id = r.id'),
    updateOf: ['id', 'case_id', 'summary', 'description', 'physical_consequences', 'psychological_consequences', 'duration', 'victim_person_id'],
    feeds: [
      { table: 'allegation_method', ids: (x) => `${x}.allegation_id` },
      { table: 'allegation_purpose', ids: (x) => `${x}.allegation_id` },
      { table: 'perpetrator', ids: (x) => `${x}.allegation_id`, updateOf: ['allegation_id', 'person_id', 'description'] },
      ...peopleFeeds((p) => `SELECT a.id FROM allegation a WHERE a.victim_person_id = ${p} UNION SELECT pe.allegation_id FROM perpetrator pe WHERE pe.person_id = ${p}`),
    ],
  },
  {
    kind: 'statement',
    table: 'statement',
    caseId: 'r.case_id',
    title: `concat_ws(' — ', ${labelIn('en', 'statement_kind', 'r.kind')}, r.maker_description)`,
    body: `concat_ws(' ', ${labelIn('ru', 'statement_kind', 'r.kind')}, r.content, r.before_official, (SELECT group_concat(sr.reason, ' ') FROM statement_retraction sr WHERE sr.statement_id = r.id), ${labels('statement_condition', 'statement_condition', 'statement_id')})`,
    names: nonProtectedNames('SELECT r.maker_person_id UNION ALL SELECT si.person_id FROM statement_incriminates si WHERE si.statement_id = r.id'),
    updateOf: ['id', 'case_id', 'kind', 'maker_description', 'content', 'before_official', 'maker_person_id'],
    feeds: [
      { table: 'statement_condition', ids: (x) => `${x}.statement_id` },
      { table: 'statement_retraction', ids: (x) => `${x}.statement_id`, updateOf: ['statement_id', 'reason'] },
      { table: 'statement_incriminates', ids: (x) => `${x}.statement_id` },
      ...peopleFeeds((p) => `SELECT s.id FROM statement s WHERE s.maker_person_id = ${p} UNION SELECT si.statement_id FROM statement_incriminates si WHERE si.person_id = ${p}`),
    ],
  },
  {
    kind: 'complaint',
    table: 'complaint',
    caseId: 'r.case_id',
    title: `concat_ws(' — ', ${labelIn('en', 'complaint_request', 'r.request')}, r.filed_by_text)`,
    body: `concat_ws(' ', ${labelIn('ru', 'complaint_request', 'r.request')}, r.description, (SELECT group_concat(concat_ws(' ', ${label('response_outcome', 'cr.outcome')}, cr.note), ' ') FROM complaint_response cr WHERE cr.complaint_id = r.id))`,
    names: nonProtectedNames('SELECT r.filed_by_person_id'),
    updateOf: ['id', 'case_id', 'request', 'filed_by_text', 'description', 'filed_by_person_id'],
    feeds: [
      { table: 'complaint_response', ids: (x) => `${x}.complaint_id`, updateOf: ['complaint_id', 'outcome', 'note'] },
      ...peopleFeeds((p) => `SELECT co.id FROM complaint co WHERE co.filed_by_person_id = ${p}`),
    ],
  },
  {
    kind: 'proceeding',
    table: 'proceeding',
    caseId: 'r.case_id',
    title: `coalesce(nullif(concat_ws(' ', r.title, r.case_number), ''), 'Proceeding')`,
    body: `concat_ws(' ', r.note, (SELECT group_concat(concat_ws(' ', ${label('proceeding_stage_kind', 'st.kind')}, st.note), ' ') FROM proceeding_stage st WHERE st.proceeding_id = r.id), (SELECT group_concat(concat_ws(' ', ${label('verdict_outcome', 'sv.outcome')}, sv.note), ' ') FROM stage_verdict sv JOIN proceeding_stage st ON st.id = sv.stage_id WHERE st.proceeding_id = r.id), (SELECT group_concat(concat_ws(' ', pc.article, ${label('criminal_code_article', 'pc.article_code')}), ' ') FROM proceeding_charge pc JOIN proceeding_defendant pd ON pd.id = pc.defendant_id WHERE pd.proceeding_id = r.id))`,
    names: nonProtectedNames('SELECT pd.person_id FROM proceeding_defendant pd WHERE pd.proceeding_id = r.id'),
    updateOf: ['id', 'case_id', 'title', 'case_number', 'note'],
    feeds: [
      { table: 'proceeding_stage', ids: (x) => `${x}.proceeding_id`, updateOf: ['proceeding_id', 'kind', 'note'] },
      { table: 'stage_verdict', ids: (x) => `SELECT st.proceeding_id FROM proceeding_stage st WHERE st.id = ${x}.stage_id`, updateOf: ['stage_id', 'outcome', 'note'] },
      { table: 'proceeding_charge', ids: (x) => `SELECT pd.proceeding_id FROM proceeding_defendant pd WHERE pd.id = ${x}.defendant_id` },
      { table: 'proceeding_defendant', ids: (x) => `${x}.proceeding_id` },
      ...peopleFeeds((p) => `SELECT pd.proceeding_id FROM proceeding_defendant pd WHERE pd.person_id = ${p}`),
    ],
  },
  {
    // Confidentiality (evidence.policy) is in the rowid: normal items for every reader of the
    // case; privileged ones for lawyers and admins; a sensitive item's files' text only for
    // those who may open its files, the others matching its redacted row (title, description,
    // provenance, which they may see).
    kind: 'evidence',
    table: 'evidence_item',
    caseId: 'r.case_id',
    title: 'r.title',
    body: `concat_ws(' ', r.description, r.received_from, (SELECT group_concat(f.extracted_text, ' ') FROM evidence_file f WHERE f.item_id = r.id))`,
    names: nonProtectedNames('SELECT l.person_id FROM evidence_link l WHERE l.item_id = r.id'),
    updateOf: ['id', 'case_id', 'title', 'description', 'received_from', 'confidentiality'],
    feeds: [
      { table: 'evidence_file', ids: (x) => `${x}.item_id`, updateOf: ['item_id', 'extracted_text'] },
      { table: 'evidence_link', ids: (x) => `${x}.item_id`, updateOf: ['item_id', 'person_id'] },
      ...peopleFeeds((p) => `SELECT l.item_id FROM evidence_link l WHERE l.person_id = ${p}`),
    ],
    code: (x) => `(CASE ${x}.confidentiality WHEN 'sensitive' THEN ${EVIDENCE_CODES.sensitive} WHEN 'privileged' THEN ${EVIDENCE_CODES.privileged} ELSE ${EVIDENCE_CODES.normal} END)`,
    redacted: { code: EVIDENCE_CODES.sensitiveWithoutFiles, when: `r.confidentiality = 'sensitive'`, body: `concat_ws(' ', r.description, r.received_from)` },
  },
];

export function sourceOf(kind: SearchKind): IndexedSource | undefined {
  return INDEXED_SOURCES.find((s) => s.kind === kind);
}

/**
 * The rowid of the index row (or, with `redacted`, of the redacted row) of the record held in row
 * `x` of the source's table (layout: search-kinds.ts). Rows filed under a case carry the case's
 * restricted flag: the case's own row from its column, the others from the case (a missing case
 * counts as restricted, never the other way round).
 */
export function rowidSql(source: IndexedSource, x: string, redacted = false): string {
  const code = redacted ? String(source.redacted!.code) : source.code ? source.code(x) : String(KIND_CODE[source.kind]);
  const kindPart = `${code} * 134217728 + ${x}.id`;
  if (source.caseId === null) return `(${kindPart})`;
  const caseId = source.caseId.replace(/^r\./, `${x}.`);
  const restricted = source.table === 'case_record' ? `${x}.restricted` : `coalesce((SELECT c.restricted FROM case_record c WHERE c.id = ${caseId}), 1)`;
  return `(${caseId} * 4294967296 + ${restricted} * 2147483648 + ${kindPart})`;
}
