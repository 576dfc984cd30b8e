import { DataSource } from 'typeorm';
import { Institution } from './institution.entity';
import { idFromQuery, nameMatchCondition } from '../people/name-search';

export interface InstitutionListFilter {
  q?: string;
  type?: string;
  region?: string;
  page: number;
  pageSize: number;
}

/** A page of institutions, found by name or alias in any spelling, type and region; sorted by Latin name. */
export async function listInstitutions(ds: DataSource, f: InstitutionListFilter): Promise<{ rows: Institution[]; total: number }> {
  const qb = ds.getRepository(Institution).createQueryBuilder('i');
  const q = f.q?.trim() ? f.q : undefined;
  if (q) {
    const own = nameMatchCondition('i', q);
    const alias = nameMatchCondition('a', q);
    const id = idFromQuery(q);
    const parts = [own?.sql, alias ? `i.id IN (SELECT a.institution_id FROM institution_alias a WHERE ${alias.sql})` : null, id ? 'i.id = :qid' : null].filter(Boolean);
    if (parts.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere(`(${parts.join(' OR ')})`, { ...(own?.params ?? {}), ...(alias?.params ?? {}), qid: id });
  }
  if (f.type) qb.andWhere('i.type = :type', { type: f.type });
  if (f.region) qb.andWhere('i.region = :region', { region: f.region });
  const [rows, total] = await qb
    .orderBy('i.name_latin', 'ASC')
    .addOrderBy('i.id', 'ASC')
    .skip((f.page - 1) * f.pageSize)
    .take(f.pageSize)
    .getManyAndCount();
  return { rows, total };
}
