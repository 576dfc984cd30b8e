import { DataSource, EntityManager, In } from 'typeorm';
import { memoReadByIds } from '../db/read-memo';
import { Institution } from './institution.entity';

/**
 * The names of institutions by id (institutions are visible to every reader). The parts of a case
 * page ask for them ten times over (events, allegations, complaints, proceedings, the record
 * index): inside one page each institution is read once.
 */
export function institutionNamesById(db: DataSource | EntityManager, ids: Iterable<number>): Promise<Map<number, string>> {
  const em = db instanceof DataSource ? db.manager : db;
  return memoReadByIds(db, 'institution-name', [...ids], async (missing) => {
    const rows = await em.find(Institution, { where: { id: In(missing) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  });
}
