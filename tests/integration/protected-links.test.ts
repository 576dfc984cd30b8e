import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { DemoDatabase, openDemoDatabase } from '../support/demo-db';
import { outOfStepSearchTriggers, rebuildSearchIndex } from '../../src/search/search-index';
import { PERSON_LINKS, PROTECTED_LINKS_TABLE } from '../../src/search/protected-links';

/**
 * The table of protected people's cases, kept by triggers, against the truth computed from every
 * link (the person_case_link view), after each kind of write the application or an import can
 * make: links added, changed and removed in each linking table, parents moved to another case
 * or deleted with their links cascading, cases deleted, people made protected or not.
 */
let demo: DemoDatabase;
let ds: DataSource;
let db: Database;

const truth = () =>
  db
    .prepare(`SELECT DISTINCT l.case_id AS c, l.person_id AS p FROM person_case_link l JOIN person x ON x.id = l.person_id WHERE x.protected_identity = 1 ORDER BY 1, 2`)
    .all();
const kept = () => db.prepare(`SELECT case_id AS c, person_id AS p FROM ${PROTECTED_LINKS_TABLE} ORDER BY 1, 2`).all();
const expectExact = (step: string) => expect([step, kept()]).toEqual([step, truth()]);
const protectedIds = () => db.prepare('SELECT id FROM person WHERE protected_identity = 1 ORDER BY id').pluck().all() as number[];

beforeAll(async () => {
  demo = await openDemoDatabase('ppc', { cases: 40, seed: 5 });
  ({ ds, db } = demo);
  // Statements that incriminate co-defendants (the demo writes none): the first statements name the case's first participant.
  db.exec(`INSERT INTO statement_incriminates (statement_id, person_id)
    SELECT s.id, (SELECT cp.person_id FROM case_participant cp WHERE cp.case_id = s.case_id ORDER BY cp.id LIMIT 1) FROM statement s ORDER BY s.id LIMIT 5`);
  // Make a share of the people who are linked in each way protected (the demo protects only a few).
  for (const l of PERSON_LINKS) {
    db.prepare(`UPDATE person SET protected_identity = 1 WHERE id IN (SELECT ${l.person} FROM ${l.table} WHERE ${l.person} IS NOT NULL ORDER BY rowid LIMIT 3)`).run();
  }
});
afterAll(() => demo?.close());

describe('protected people linked to each case', () => {
  it('is filled by the demo load, kept when people are made protected, and matches the links exactly', () => {
    expect(outOfStepSearchTriggers(db)).toEqual([]);
    expect(kept().length).toBeGreaterThan(PERSON_LINKS.length);
    expectExact('after the demo and protecting people');
  });

  it('covers every table that names a person, except the person’s own names, profile and death, and where merged records went', () => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    const personColumns = tables.flatMap((t) =>
      (db.prepare(`SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)`).all(t) as { col: string; target: string }[])
        .filter((f) => f.target === 'person')
        .map((f) => `${t}.${f.col}`),
    );
    const registered = PERSON_LINKS.map((l) => `${l.table}.${l.person}`);
    expect(personColumns.filter((c) => !registered.includes(c)).sort()).toEqual(['person_death.person_id', 'person_merge.into_id', 'person_name.person_id', 'person_profile.person_id']);
  });

  it('follows links removed, re-added and pointed at another person, in every linking table', () => {
    const protectedPeople = protectedIds();
    for (const l of PERSON_LINKS) {
      const row = db.prepare(`SELECT rowid AS _rowid, * FROM ${l.table} WHERE ${l.person} IN (SELECT value FROM json_each(?)) ORDER BY rowid LIMIT 1`).get(JSON.stringify(protectedPeople)) as
        | Record<string, unknown>
        | undefined;
      expect([l.table, row !== undefined]).toEqual([l.table, true]);
      const { _rowid, ...values } = row!;
      const cols = Object.keys(values);
      // Pointed at another protected person, then back.
      const other = protectedPeople.find((p) => p !== values[l.person])!;
      db.prepare(`UPDATE ${l.table} SET ${l.person} = ? WHERE rowid = ?`).run(other, _rowid);
      expectExact(`${l.table}: person changed`);
      db.prepare(`UPDATE ${l.table} SET ${l.person} = ? WHERE rowid = ?`).run(values[l.person], _rowid);
      expectExact(`${l.table}: person changed back`);
      // Removed (its dependants cascade), then written again as it was.
      const dependants = snapshotDependants(l.table, values.id);
      db.prepare(`DELETE FROM ${l.table} WHERE rowid = ?`).run(_rowid);
      expectExact(`${l.table}: deleted`);
      db.prepare(`INSERT INTO ${l.table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => values[c]));
      restoreDependants(dependants);
      expectExact(`${l.table}: inserted again`);
    }
  });

  it('follows parents moved to another case and parents deleted with their links', () => {
    const caseIds = db.prepare('SELECT id FROM case_record ORDER BY id').pluck().all() as number[];
    for (const l of PERSON_LINKS.filter((x) => x.parent)) {
      const parent = l.parent!;
      const parentId = db
        .prepare(`SELECT ${l.alias}.${parent.via} FROM ${l.table} ${l.alias} JOIN person x ON x.id = ${l.alias}.${l.person} WHERE x.protected_identity = 1 ORDER BY ${l.alias}.rowid LIMIT 1`)
        .pluck()
        .get() as number;
      const from = db.prepare(`SELECT case_id FROM ${parent.table} WHERE id = ?`).pluck().get(parentId) as number;
      const to = caseIds.find((c) => c !== from)!;
      db.prepare(`UPDATE ${parent.table} SET case_id = ? WHERE id = ?`).run(to, parentId);
      expectExact(`${parent.table}: moved to another case`);
      db.prepare(`DELETE FROM ${parent.table} WHERE id = ?`).run(parentId);
      expectExact(`${parent.table}: deleted, its links cascading`);
    }
  });

  it('follows people made protected or not, and cases deleted', () => {
    const someone = db.prepare(`SELECT person_id FROM case_participant cp JOIN person x ON x.id = cp.person_id WHERE x.protected_identity = 0 ORDER BY cp.rowid LIMIT 1`).pluck().get() as number;
    db.prepare('UPDATE person SET protected_identity = 1 WHERE id = ?').run(someone);
    expectExact('a person made protected');
    expect(kept().some((r) => (r as { p: number }).p === someone)).toBe(true);
    db.prepare('UPDATE person SET protected_identity = 0 WHERE id = ?').run(protectedIds()[0]);
    expectExact('a person no longer protected');
    const withProtected = (kept()[0] as { c: number }).c;
    db.prepare('DELETE FROM case_record WHERE id = ?').run(withProtected);
    expectExact('a case deleted with everything in it');
    expect(kept().some((r) => (r as { c: number }).c === withProtected)).toBe(false);
  });

  it('is refilled exactly by `casebook search rebuild`, even after being emptied', async () => {
    db.exec(`DELETE FROM ${PROTECTED_LINKS_TABLE}`);
    expect(kept()).toEqual([]);
    await rebuildSearchIndex(ds);
    expect(kept().length).toBeGreaterThan(0);
    expectExact('after a rebuild');
  });
});

/** Rows that a delete of `table` row `id` cascades to among the linking tables, to write back after re-inserting it. */
function snapshotDependants(table: string, id: unknown): { table: string; rows: Record<string, unknown>[] }[] {
  return PERSON_LINKS.filter((l) => l.parent?.table === table).map((l) => ({
    table: l.table,
    rows: db.prepare(`SELECT * FROM ${l.table} WHERE ${l.parent!.via} = ?`).all(id) as Record<string, unknown>[],
  }));
}

function restoreDependants(snapshots: { table: string; rows: Record<string, unknown>[] }[]): void {
  for (const { table, rows } of snapshots) {
    for (const row of rows) {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
    }
  }
}
