import type { Database } from 'better-sqlite3';
import { DataSource } from 'typeorm';

/**
 * Every link to a person or an institution, found from TypeORM's metadata rather than listed by
 * hand: each foreign key of any entity that references the table. A table added later (by any
 * concept) is covered as soon as its entity declares its relation. The database's own foreign
 * keys are the safety net: before the merged record is deleted, every table that references it
 * (PRAGMA foreign_key_list) is checked to hold no row still pointing at it (remainingReferences),
 * so a link the metadata missed stops the merge instead of being cascaded away with the record.
 */
export interface LinkColumn {
  table: string;
  column: string;
  /**
   * The unique constraints (and unique indexes) of the table that include the column, as their
   * column lists: where the kept record is already linked the same way, the merged record's row
   * is a duplicate and is dropped (the same participant role twice is kept once).
   */
  uniques: string[][];
  /** How the row reaches a case, for counting only what the user may see: its own column, or a parent's. */
  caseVia: { column: string } | { column: string; parentTable: string } | null;
}

export function linkColumns(ds: DataSource, referencedTable: string): LinkColumn[] {
  const out: LinkColumn[] = [];
  for (const meta of ds.entityMetadatas) {
    for (const fk of meta.foreignKeys) {
      if (fk.referencedEntityMetadata.tableName !== referencedTable || fk.columns.length !== 1) continue;
      const column = fk.columns[0].databaseName;
      const uniques = [
        ...meta.uniques.map((u) => u.columns.map((c) => c.databaseName)),
        ...meta.indices.filter((i) => i.isUnique && !i.where).map((i) => i.columns.map((c) => c.databaseName)),
      ].filter((cols) => cols.includes(column) && cols.length > 1);
      const own = meta.columns.find((c) => c.databaseName === 'case_id');
      let caseVia: LinkColumn['caseVia'] = own ? { column: 'case_id' } : null;
      if (!caseVia) {
        const parent = meta.foreignKeys.find((other) => other !== fk && other.columns.length === 1 && other.referencedEntityMetadata.columns.some((c) => c.databaseName === 'case_id'));
        if (parent) caseVia = { column: parent.columns[0].databaseName, parentTable: parent.referencedEntityMetadata.tableName };
      }
      out.push({ table: meta.tableName, column, uniques, caseVia });
    }
  }
  return out;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Moves every link from record `from` to record `into`, in the caller's transaction. Rows that
 * would duplicate a link the kept record already has (same values in a unique constraint) are
 * dropped first; any other conflict fails the statement, and with it the whole merge.
 * Returns the number of rows moved per table ("table.column").
 */
export function moveLinks(db: Database, links: LinkColumn[], from: number, into: number): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const link of links) {
    const t = q(link.table);
    const c = q(link.column);
    for (const cols of link.uniques) {
      const same = cols.filter((x) => x !== link.column).map((x) => `k.${q(x)} IS ${t}.${q(x)}`);
      db.prepare(`DELETE FROM ${t} WHERE ${c} = ? AND EXISTS (SELECT 1 FROM ${t} k WHERE k.${c} = ? AND ${same.join(' AND ')})`).run(from, into);
    }
    const { changes } = db.prepare(`UPDATE ${t} SET ${c} = ? WHERE ${c} = ?`).run(into, from);
    if (changes) moved[`${link.table}.${link.column}`] = changes;
  }
  return moved;
}

/** Rows of any table whose foreign key still points at the record (from the database's own schema). */
export function remainingReferences(db: Database, referencedTable: string, id: number): { table: string; column: string; rows: number }[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).pluck().all() as string[];
  const out: { table: string; column: string; rows: number }[] = [];
  for (const table of tables) {
    const fks = db.prepare(`SELECT "table" AS target, "from" AS col FROM pragma_foreign_key_list(?)`).all(table) as { target: string; col: string }[];
    for (const fk of fks) {
      if (fk.target !== referencedTable) continue;
      const rows = db.prepare(`SELECT count(*) FROM ${q(table)} WHERE ${q(fk.col)} = ?`).pluck().get(id) as number;
      if (rows) out.push({ table, column: fk.col, rows });
    }
  }
  return out;
}

/** How many rows link to the record, per table, counting rows in cases only when `caseVisible` (SQL over `c`, the case) holds. */
export function linkCounts(db: Database, links: LinkColumn[], id: number, caseVisible: { sql: string; params: unknown[] }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const link of links) {
    const t = q(link.table);
    let sql = `SELECT count(*) FROM ${t} r WHERE r.${q(link.column)} = ?`;
    const params: unknown[] = [id];
    if (link.caseVia) {
      const caseId = 'parentTable' in link.caseVia ? `(SELECT p.case_id FROM ${q(link.caseVia.parentTable)} p WHERE p.id = r.${q(link.caseVia.column)})` : `r.${q(link.caseVia.column)}`;
      sql += ` AND (${caseId} IS NULL OR EXISTS (SELECT 1 FROM case_record c WHERE c.id = ${caseId} AND ${caseVisible.sql}))`;
      params.push(...caseVisible.params);
    }
    const n = db.prepare(sql).pluck().get(...params) as number;
    if (n) out[link.table] = (out[link.table] ?? 0) + n;
  }
  return out;
}
