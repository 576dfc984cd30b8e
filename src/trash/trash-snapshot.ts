import { EntityManager, EntityMetadata } from 'typeorm';
import type { ForeignKeyMetadata } from 'typeorm/metadata/ForeignKeyMetadata';
import { CITABLE_RECORD_TYPES } from '../sources/citation.entity';

/**
 * What the database removes or unlinks when one row is deleted, read from the entities' foreign
 * keys (TypeORM metadata), so that records added later (a new table pointing at a case with ON
 * DELETE CASCADE) are kept in the trash without anyone listing them here.
 *
 * Rows are kept as the database holds them (column names and stored values, never through the
 * entities' transformers), so a restore writes back exactly what was there.
 */
export interface SnapshotRow {
  table: string;
  /** Index of the row it was reached from (its cascade parent); null for the deleted record itself. */
  via: number | null;
  values: Record<string, unknown>;
}

/** A reference the database set to NULL when the record went (ON DELETE SET NULL). */
export interface ClearedLink {
  table: string;
  key: Record<string, unknown>;
  column: string;
  value: unknown;
  /** The table the reference pointed at. */
  target: string;
}

export interface TrashSnapshot {
  version: 1;
  rows: SnapshotRow[];
  cleared: ClearedLink[];
}

/** A reference that would stop the delete (ON DELETE RESTRICT / NO ACTION) from a row outside the snapshot. */
export interface Blocker {
  table: string;
  count: number;
}

/**
 * References without a foreign key (a record id beside the record's table name): their rows
 * are deleted with the record by the services, and kept with it here.
 */
interface LooseReference {
  table: string;
  typeColumn: string;
  idColumn: string;
  types: readonly string[];
}
const LOOSE_REFERENCES: LooseReference[] = [{ table: 'citation', typeColumn: 'record_type', idColumn: 'record_id', types: CITABLE_RECORD_TYPES }];

/** Tables never walked into: the trash itself. */
const NOT_WALKED = new Set(['trash_item', 'trash_stored_object']);
const CHUNK = 400;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function metadataOf(em: EntityManager, table: string): EntityMetadata {
  const md = em.connection.entityMetadatas.find((m) => m.tablePath === table || m.tableName === table);
  if (!md) throw new Error(`no entity for table ${table}`);
  return md;
}

export function primaryColumns(md: EntityMetadata): string[] {
  return md.primaryColumns.map((c) => c.databaseName);
}

export function rowKey(table: string, key: Record<string, unknown>): string {
  return `${table}:${JSON.stringify(Object.keys(key).sort().map((k) => key[k]))}`;
}

function keyOf(md: EntityMetadata, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(primaryColumns(md).map((c) => [c, values[c]]));
}

/** Foreign keys of every entity that point at `md`'s table. */
function inbound(em: EntityManager, md: EntityMetadata): ForeignKeyMetadata[] {
  return em.connection.entityMetadatas
    .filter((m) => !NOT_WALKED.has(m.tablePath))
    .flatMap((m) => m.foreignKeys)
    .filter((fk) => fk.referencedTablePath === md.tablePath && fk.columnNames.length === 1);
}

/** Foreign keys of `md`'s table that point elsewhere. */
export function outbound(md: EntityMetadata): ForeignKeyMetadata[] {
  return md.foreignKeys.filter((fk) => fk.columnNames.length === 1);
}

async function selectIn(em: EntityManager, table: string, column: string, values: unknown[], extra?: { column: string; value: unknown }): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const part = values.slice(i, i + CHUNK);
    const where = `${q(column)} IN (${part.map(() => '?').join(',')})${extra ? ` AND ${q(extra.column)} = ?` : ''}`;
    out.push(...((await em.query(`SELECT * FROM ${q(table)} WHERE ${where}`, extra ? [...part, extra.value] : part)) as Record<string, unknown>[]));
  }
  return out;
}

/** Buffers (blobs) survive JSON as base64. */
function storable(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = Buffer.isBuffer(v) ? { $base64: v.toString('base64') } : v;
  return out;
}
export function stored(value: unknown): unknown {
  if (value && typeof value === 'object' && '$base64' in value) return Buffer.from(String((value as { $base64: string }).$base64), 'base64');
  return value;
}

/**
 * The row `table`/`key` and everything the database would delete with it (recursively) or
 * unlink from it, read inside the caller's transaction before the delete.
 */
export async function takeSnapshot(em: EntityManager, table: string, key: Record<string, unknown>): Promise<{ snapshot: TrashSnapshot; blockers: Blocker[] }> {
  const rootMd = metadataOf(em, table);
  const cols = Object.keys(key);
  const root = (await em.query(`SELECT * FROM ${q(rootMd.tablePath)} WHERE ${cols.map((c) => `${q(c)} = ?`).join(' AND ')}`, cols.map((c) => key[c]))) as Record<string, unknown>[];
  if (root.length !== 1) throw new Error(`no row ${rowKey(table, key)}`);
  const rows: SnapshotRow[] = [{ table: rootMd.tablePath, via: null, values: root[0] }];
  const seen = new Set([rowKey(rootMd.tablePath, keyOf(rootMd, root[0]))]);
  const cleared: ClearedLink[] = [];
  const restricting: { table: string; key: string }[] = [];
  let frontier = [0];
  while (frontier.length > 0) {
    const next: number[] = [];
    const byTable = new Map<string, number[]>();
    for (const i of frontier) byTable.set(rows[i].table, [...(byTable.get(rows[i].table) ?? []), i]);
    for (const [parentTable, indexes] of byTable) {
      const md = metadataOf(em, parentTable);
      const found: { table: string; via: number; values: Record<string, unknown>; action: 'cascade' | 'set null' | 'restrict'; column?: string }[] = [];
      for (const fk of inbound(em, md)) {
        const refColumn = fk.referencedColumnNames[0];
        const parentOf = new Map<unknown, number>();
        for (const i of indexes) if (rows[i].values[refColumn] != null) parentOf.set(rows[i].values[refColumn], i);
        if (parentOf.size === 0) continue;
        const action = fk.onDelete === 'CASCADE' ? 'cascade' : fk.onDelete === 'SET NULL' ? 'set null' : 'restrict';
        for (const child of await selectIn(em, fk.entityMetadata.tablePath, fk.columnNames[0], [...parentOf.keys()])) {
          found.push({ table: fk.entityMetadata.tablePath, via: parentOf.get(child[fk.columnNames[0]])!, values: child, action, column: fk.columnNames[0] });
        }
      }
      for (const loose of LOOSE_REFERENCES) {
        if (!loose.types.includes(parentTable) || md.primaryColumns.length !== 1) continue;
        const idColumn = md.primaryColumns[0].databaseName;
        const parentOf = new Map(indexes.map((i) => [rows[i].values[idColumn], i] as const));
        for (const child of await selectIn(em, loose.table, loose.idColumn, [...parentOf.keys()], { column: loose.typeColumn, value: parentTable })) {
          found.push({ table: loose.table, via: parentOf.get(child[loose.idColumn])!, values: child, action: 'cascade' });
        }
      }
      for (const f of found) {
        const childMd = metadataOf(em, f.table);
        const k = rowKey(f.table, keyOf(childMd, f.values));
        if (f.action === 'cascade') {
          if (seen.has(k)) continue;
          seen.add(k);
          rows.push({ table: f.table, via: f.via, values: f.values });
          next.push(rows.length - 1);
        } else if (f.action === 'set null') {
          cleared.push({ table: f.table, key: keyOf(childMd, f.values), column: f.column!, value: f.values[f.column!], target: parentTable });
        } else {
          restricting.push({ table: f.table, key: k });
        }
      }
    }
    frontier = next;
  }
  const keep = cleared.filter((c) => !seen.has(rowKey(c.table, c.key)));
  const counts = new Map<string, number>();
  for (const r of restricting) if (!seen.has(r.key)) counts.set(r.table, (counts.get(r.table) ?? 0) + 1);
  return {
    snapshot: { version: 1, rows: rows.map((r) => ({ ...r, values: storable(r.values) })), cleared: keep },
    blockers: [...counts].map(([t, count]) => ({ table: t, count })),
  };
}

/** Rows that went with the record and have no foreign key to take them (citations): the trash deletes them itself. */
export function looseRows(snapshot: TrashSnapshot): SnapshotRow[] {
  return snapshot.rows.filter((r) => r.via !== null && LOOSE_REFERENCES.some((l) => l.table === r.table));
}

/** For a loose row, the record it refers to (table and id), to check on restore. */
export function looseTarget(row: SnapshotRow): { table: string; id: unknown } | null {
  const loose = LOOSE_REFERENCES.find((l) => l.table === row.table);
  return loose ? { table: String(row.values[loose.typeColumn]), id: row.values[loose.idColumn] } : null;
}

/**
 * Tables in an order where every table comes after those it points at (among the snapshot's
 * tables); a cycle keeps the snapshot's own order for the rest (the database checks foreign keys
 * at commit during a restore).
 */
export function insertOrder(em: EntityManager, tables: string[]): string[] {
  const set = new Set(tables);
  const deps = new Map(tables.map((t) => [t, new Set(outbound(metadataOf(em, t)).map((fk) => fk.referencedTablePath).filter((x) => x !== t && set.has(x)))]));
  const out: string[] = [];
  const remaining = [...tables];
  while (remaining.length > 0) {
    const i = remaining.findIndex((t) => [...deps.get(t)!].every((d) => out.includes(d)));
    const [t] = remaining.splice(i === -1 ? 0 : i, 1);
    out.push(t);
  }
  return out;
}

/**
 * Writes a kept row back. Only the columns the table has now are written: a column added by a
 * later migration takes its default, one dropped since is left out.
 */
export async function insertRow(em: EntityManager, row: SnapshotRow): Promise<void> {
  const current = new Set(metadataOf(em, row.table).columns.map((c) => c.databaseName));
  const cols = Object.keys(row.values).filter((c) => current.has(c));
  await em.query(`INSERT INTO ${q(row.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => stored(row.values[c])));
}

export async function rowExists(em: EntityManager, table: string, where: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(where);
  const found = await em.query(`SELECT 1 AS x FROM ${q(table)} WHERE ${cols.map((c) => `${q(c)} = ?`).join(' AND ')} LIMIT 1`, cols.map((c) => where[c]));
  return found.length > 0;
}

export async function deleteRow(em: EntityManager, table: string, where: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(where);
  await em.query(`DELETE FROM ${q(table)} WHERE ${cols.map((c) => `${q(c)} = ?`).join(' AND ')}`, cols.map((c) => where[c]));
}

/** Puts back a reference the delete cleared, when its row is still there and nobody set it since. */
export async function restoreLink(em: EntityManager, link: ClearedLink): Promise<void> {
  const cols = Object.keys(link.key);
  await em.query(
    `UPDATE ${q(link.table)} SET ${q(link.column)} = ? WHERE ${cols.map((c) => `${q(c)} = ?`).join(' AND ')} AND ${q(link.column)} IS NULL`,
    [link.value, ...cols.map((c) => link.key[c])],
  );
}

export { keyOf };
