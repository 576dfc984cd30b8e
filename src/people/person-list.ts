import { DataSource } from 'typeorm';
import { Person } from './person.entity';
import { nameSearchablePeopleCondition } from './identity';
import { idFromQuery, nameMatchCondition } from './name-search';
import { CurrentUser } from '../http/context';

export interface PersonListFilter {
  q?: string;
  region?: string;
  profile?: string;
  page: number;
  pageSize: number;
}

/**
 * A page of people. Everyone is listed (protected people the user is not cleared for under their
 * pseudonym, after the others and in id order, so the order does not hint at the name). Any
 * filter — a name, but also a region or profile — leaves those people out: matching them would
 * reveal the very attributes the pseudonym hides.
 */
export async function listPeople(ds: DataSource, user: CurrentUser, f: PersonListFilter): Promise<{ rows: Person[]; total: number }> {
  const visible = nameSearchablePeopleCondition(user, 'p');
  const qb = ds.getRepository(Person).createQueryBuilder('p');
  const q = f.q?.trim() ? f.q : undefined;
  if (q || f.region || f.profile) qb.andWhere(visible.sql, visible.params);
  if (q) {
    const match = nameMatchCondition('n', q);
    const id = idFromQuery(q);
    const parts = [match ? `p.id IN (SELECT n.person_id FROM person_name n WHERE ${match.sql})` : null, id ? 'p.id = :qid' : null].filter(Boolean);
    if (parts.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere(`(${parts.join(' OR ')})`, { ...(match?.params ?? {}), qid: id });
  }
  if (f.region) qb.andWhere('p.region = :region', { region: f.region });
  if (f.profile) qb.andWhere('p.id IN (SELECT pp.person_id FROM person_profile pp WHERE pp.code = :profile)', { profile: f.profile });
  qb.addSelect(`CASE WHEN ${visible.sql} THEN 0 ELSE 1 END`, 'hidden_rank').setParameters(visible.params);
  qb.addSelect(`CASE WHEN ${visible.sql} THEN p.primary_name ELSE '' END`, 'sort_name');
  const [rows, total] = await qb
    .orderBy('hidden_rank', 'ASC')
    .addOrderBy('sort_name', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .skip((f.page - 1) * f.pageSize)
    .take(f.pageSize)
    .getManyAndCount();
  return { rows, total };
}
