import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;
const query = <T>(db: Db, sql: string, params: unknown[]): Promise<T[]> => (db instanceof DataSource ? db.query(sql, params) : db.query(sql, params));

/**
 * The hierarchy of institutions (a directorate and its departments, a colony and its units),
 * walked with recursive CTEs. UNION (not UNION ALL) and a depth cap keep a walk finite even if
 * a cycle were ever written by other means; the service refuses to create one.
 */
const MAX_DEPTH = 100;

/** The institution and all its sub-units, at any depth. */
export async function subtreeIds(db: Db, rootId: number): Promise<number[]> {
  const rows = await query<{ id: number }>(
    db,
    `WITH RECURSIVE subtree(id, depth) AS (
       SELECT id, 0 FROM institution WHERE id = ?
       UNION
       SELECT i.id, s.depth + 1 FROM institution i JOIN subtree s ON i.parent_id = s.id WHERE s.depth < ${MAX_DEPTH}
     )
     SELECT DISTINCT id FROM subtree`,
    [rootId],
  );
  return rows.map((r) => Number(r.id));
}

/** The parent, its parent, and so on up to the top: nearest first. */
export async function ancestorsOf(db: Db, id: number): Promise<{ id: number; name: string; depth: number }[]> {
  const rows = await query<{ id: number; name: string; depth: number }>(
    db,
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT parent_id, 1 FROM institution WHERE id = ? AND parent_id IS NOT NULL
       UNION
       SELECT i.parent_id, c.depth + 1 FROM institution i JOIN chain c ON i.id = c.id WHERE i.parent_id IS NOT NULL AND c.depth < ${MAX_DEPTH}
     )
     SELECT i.id AS id, i.name AS name, MIN(c.depth) AS depth FROM chain c JOIN institution i ON i.id = c.id GROUP BY i.id, i.name ORDER BY depth`,
    [id],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, depth: Number(r.depth) }));
}

/** Whether making `parentId` the parent of `id` would make the institution its own ancestor. */
export async function wouldCreateCycle(db: Db, id: number, parentId: number): Promise<boolean> {
  if (id === parentId) return true;
  return (await subtreeIds(db, id)).includes(parentId);
}
