/**
 * Which protected people each case is linked to, kept in the table `protected_person_case` by
 * triggers in the same transaction as every write, so search can withhold their names from the
 * snippets of a results page (and leave out the cases a query names them in) with one indexed
 * lookup, instead of walking every way a person is linked to a case for every page.
 *
 * The ways a person is linked to a case are listed once, here (PERSON_LINKS); the view
 * `person_case_link` over all of them, the triggers and the statement that fills the table are
 * derived from that list, and the migration holds that SQL verbatim
 * (tests/unit/search-schema.test.ts checks they agree).
 *
 * The triggers keep the table exact (tests/integration/protected-links.test.ts compares it with
 * the view after every kind of write):
 * - a link row written or removed refreshes its (case, person) pair;
 * - a parent (event, allegation, statement, proceeding, evidence item) deleted or moved to
 *   another case prunes the pairs of its old case that lost their last link and adds those of
 *   its new case: SQLite deletes cascaded children before the parent's AFTER DELETE trigger
 *   runs, and a child's own trigger no longer finds the parent to learn the case;
 * - a case deleted drops its pairs; a person made protected (or no longer) gains (or loses) theirs.
 * Were a write ever to bypass a trigger, a pair left behind over-withholds a name (safe); a pair
 * missing would not: `casebook search rebuild` refills the table from the links.
 */
export const PROTECTED_LINKS_TABLE = 'protected_person_case';

/** One way a person is linked to a case: a person column of a table, and how the row reaches its case. */
export interface PersonLink {
  table: string;
  alias: string;
  /** The column naming the person (nullable ones are skipped when empty). */
  person: string;
  /** The case: the row's own case_id, or that of its parent (the row's `via` column names it). */
  parent?: { table: string; via: string };
}

/** Participants, people in events, victims, perpetrators, makers, the incriminated, filers, defendants, people evidence concerns. */
export const PERSON_LINKS: readonly PersonLink[] = [
  { table: 'case_participant', alias: 'cp', person: 'person_id' },
  { table: 'event_person', alias: 'ep', person: 'person_id', parent: { table: 'case_event', via: 'event_id' } },
  { table: 'allegation', alias: 'a', person: 'victim_person_id' },
  { table: 'perpetrator', alias: 'pe', person: 'person_id', parent: { table: 'allegation', via: 'allegation_id' } },
  { table: 'statement', alias: 's', person: 'maker_person_id' },
  { table: 'statement_incriminates', alias: 'si', person: 'person_id', parent: { table: 'statement', via: 'statement_id' } },
  { table: 'complaint', alias: 'co', person: 'filed_by_person_id' },
  { table: 'proceeding_defendant', alias: 'pd', person: 'person_id', parent: { table: 'proceeding', via: 'proceeding_id' } },
  { table: 'evidence_link', alias: 'el', person: 'person_id', parent: { table: 'evidence_item', via: 'item_id' } },
];

/** Tables whose rows carry the case of linked children (a move or delete there changes the children's case). */
const PARENTS = [...new Set(PERSON_LINKS.flatMap((l) => (l.parent ? [l.parent.table] : [])))];

const linkSelect = (l: PersonLink) =>
  l.parent
    ? `SELECT pa.case_id AS case_id, ${l.alias}.${l.person} AS person_id FROM ${l.table} ${l.alias} JOIN ${l.parent.table} pa ON pa.id = ${l.alias}.${l.parent.via} WHERE ${l.alias}.${l.person} IS NOT NULL`
    : `SELECT ${l.alias}.case_id AS case_id, ${l.alias}.${l.person} AS person_id FROM ${l.table} ${l.alias} WHERE ${l.alias}.${l.person} IS NOT NULL`;

/** Every (case_id, person_id) link, once per linking row. */
export const PERSON_CASE_LINKS = PERSON_LINKS.map(linkSelect).join(' UNION ALL ');

/** The view over PERSON_CASE_LINKS (SQLite pushes a case or person condition into each branch). */
export const PERSON_CASE_LINK_VIEW = 'person_case_link';

import { Engine, PgTrigger, insertIgnoring, isTrue, pgTrigger } from '../db/pg-triggers';

/** SQL: is person `person` linked to case `caseId` in any way (both SQL expressions)? */
const linked = (caseId: string, person: string) => `EXISTS (SELECT 1 FROM ${PERSON_CASE_LINK_VIEW} l WHERE l.case_id = ${caseId} AND l.person_id = ${person})`;

const isProtected = (person: string, engine: Engine) => `EXISTS (SELECT 1 FROM person pp WHERE pp.id = ${person} AND ${isTrue('pp.protected_identity', engine)})`;

/** Makes the pair (case, person) present exactly when the person is protected and linked to the case. */
const refreshPair = (caseId: string, person: string, engine: Engine) =>
  `DELETE FROM ${PROTECTED_LINKS_TABLE} WHERE case_id = ${caseId} AND person_id = ${person}; ` +
  `${insertIgnoring(engine, `${PROTECTED_LINKS_TABLE} (case_id, person_id)`, `SELECT ${caseId}, ${person} WHERE ${caseId} IS NOT NULL AND ${isProtected(person, engine)} AND ${linked(caseId, person)}`)};`;

/** Drops the pairs of a case whose person is no longer linked to it. */
const pruneCase = (caseId: string) => `DELETE FROM ${PROTECTED_LINKS_TABLE} WHERE case_id = ${caseId} AND NOT ${linked(caseId, `${PROTECTED_LINKS_TABLE}.person_id`)};`;

/** Adds the pairs of every protected person linked to a case. */
const fillCase = (caseId: string, engine: Engine) => `${insertLinks(`WHERE l.case_id = ${caseId} AND ${isProtected('l.person_id', engine)}`, engine)};`;

/** Adds the pairs of the links (alias `l` of the view) that `rest` (a join and/or WHERE) keeps. */
function insertLinks(rest: string, engine: Engine = 'sqlite'): string {
  return insertIgnoring(engine, `${PROTECTED_LINKS_TABLE} (case_id, person_id)`, `SELECT DISTINCT l.case_id, l.person_id FROM ${PERSON_CASE_LINK_VIEW} l ${rest}`);
}

const caseOf = (l: PersonLink, x: string) => (l.parent ? `(SELECT case_id FROM ${l.parent.table} WHERE id = ${x}.${l.parent.via})` : `${x}.case_id`);
interface LinkTrigger {
  name: string;
  event: string;
  table: string;
  body: string;
}
const trigger = (name: string, event: string, table: string, body: string): LinkTrigger => ({ name: `search_ppc_${name}`, event, table, body });

/** The view of every link, the table and its index. */
export const PROTECTED_LINKS_TABLE_SQL = [
  `CREATE VIEW "${PERSON_CASE_LINK_VIEW}" AS ${PERSON_CASE_LINKS}`,
  `CREATE TABLE "${PROTECTED_LINKS_TABLE}" ("case_id" integer NOT NULL, "person_id" integer NOT NULL, PRIMARY KEY ("case_id", "person_id")) WITHOUT ROWID`,
  `CREATE INDEX "IDX_protected_person_case_person" ON "${PROTECTED_LINKS_TABLE}" ("person_id")`,
];

/** The triggers that keep the table exact (named search_ppc_*: dropped and recreated with the search index's). */
export function protectedLinkTriggerSql(): string[] {
  return linkTriggers('sqlite').map((t) => `CREATE TRIGGER "${t.name}" ${t.event} ON "${t.table}" BEGIN ${t.body} END`);
}

/** The same triggers for PostgreSQL, as PL/pgSQL functions (pg-triggers.ts). */
export function protectedLinkPgTriggers(): PgTrigger[] {
  return linkTriggers('postgres').map((t) => pgTrigger(t.name, t.event, t.table, t.body));
}

function linkTriggers(engine: Engine): LinkTrigger[] {
  const out: LinkTrigger[] = [];
  for (const l of PERSON_LINKS) {
    const cols = [l.person, l.parent ? l.parent.via : 'case_id'].map((c) => `"${c}"`).join(', ');
    out.push(
      trigger(`${l.table}_ai`, 'AFTER INSERT', l.table, refreshPair(caseOf(l, 'NEW'), `NEW.${l.person}`, engine)),
      trigger(`${l.table}_au`, `AFTER UPDATE OF ${cols}`, l.table, `${refreshPair(caseOf(l, 'OLD'), `OLD.${l.person}`, engine)} ${refreshPair(caseOf(l, 'NEW'), `NEW.${l.person}`, engine)}`),
      trigger(`${l.table}_ad`, 'AFTER DELETE', l.table, refreshPair(caseOf(l, 'OLD'), `OLD.${l.person}`, engine)),
    );
  }
  for (const parent of PARENTS) {
    out.push(
      trigger(`${parent}_case_au`, 'AFTER UPDATE OF "case_id"', parent, `${pruneCase('OLD.case_id')} ${fillCase('NEW.case_id', engine)}`),
      trigger(`${parent}_case_ad`, 'AFTER DELETE', parent, pruneCase('OLD.case_id')),
    );
  }
  out.push(
    trigger('case_record_ad', 'AFTER DELETE', 'case_record', `DELETE FROM ${PROTECTED_LINKS_TABLE} WHERE case_id = OLD.id;`),
    trigger(
      'person_au',
      'AFTER UPDATE OF "id", "protected_identity"',
      'person',
      `DELETE FROM ${PROTECTED_LINKS_TABLE} WHERE person_id = OLD.id; ` +
        `${insertLinks(`WHERE l.person_id = NEW.id AND ${isTrue('NEW.protected_identity', engine)}`, engine)};`,
    ),
    trigger('person_ad', 'AFTER DELETE', 'person', `DELETE FROM ${PROTECTED_LINKS_TABLE} WHERE person_id = OLD.id;`),
  );
  return out;
}

/** Fills the (empty) table from the links. */
export const POPULATE_PROTECTED_LINKS_SQL = insertLinks('JOIN person p ON p.id = l.person_id AND p.protected_identity = 1');
export const POPULATE_PROTECTED_LINKS_PG_SQL = insertLinks('JOIN person p ON p.id = l.person_id AND p.protected_identity = true', 'postgres');

/** The view and the table on PostgreSQL (its primary key is its index; no WITHOUT ROWID there). */
export const PROTECTED_LINKS_TABLE_PG_SQL = [
  `CREATE VIEW "${PERSON_CASE_LINK_VIEW}" AS ${PERSON_CASE_LINKS}`,
  `CREATE TABLE "${PROTECTED_LINKS_TABLE}" ("case_id" integer NOT NULL, "person_id" integer NOT NULL, PRIMARY KEY ("case_id", "person_id"))`,
  `CREATE INDEX "IDX_protected_person_case_person" ON "${PROTECTED_LINKS_TABLE}" ("person_id")`,
];
