import { EntityManager } from 'typeorm';
import { Institution } from './institution.entity';
import { matchKey } from '../people/transliterate';

export interface PossibleDuplicateInstitution {
  id: number;
  name: string;
  /** The recorded names or aliases that match the new ones. */
  matchedNames: string[];
}

const MAX_DUPLICATES = 10;

/**
 * Institutions whose name or an alias has the same match key as one of `names`: the same
 * words in any spelling or script ("СИЗО-1 Нальчик" = "SIZO-1 Nalchik" = "Nalchik SIZO 1").
 * Institutions are not protected, so every match is listed.
 */
export async function possibleDuplicateInstitutions(em: EntityManager, names: string[], exceptId?: number): Promise<PossibleDuplicateInstitution[]> {
  const keys = [...new Set(names.map(matchKey).filter(Boolean))];
  if (keys.length === 0) return [];
  const rows: { id: number; name: string; matched: string }[] = await em
    .createQueryBuilder(Institution, 'i')
    .select(['i.id AS id', 'i.name AS name', 'i.name AS matched'])
    .where('i.match_key IN (:...keys)', { keys })
    .andWhere(exceptId ? 'i.id <> :except' : '1 = 1', { except: exceptId })
    .getRawMany();
  const aliasRows: { id: number; name: string; matched: string }[] = await em
    .createQueryBuilder(Institution, 'i')
    .innerJoin('institution_alias', 'a', 'a.institution_id = i.id')
    .select(['i.id AS id', 'i.name AS name', 'a.name AS matched'])
    .where('a.match_key IN (:...keys)', { keys })
    .andWhere(exceptId ? 'i.id <> :except' : '1 = 1', { except: exceptId })
    .getRawMany();
  const found = new Map<number, PossibleDuplicateInstitution>();
  for (const r of [...rows, ...aliasRows]) {
    const id = Number(r.id);
    const entry = found.get(id) ?? { id, name: r.name, matchedNames: [] };
    if (!entry.matchedNames.includes(r.matched)) entry.matchedNames.push(r.matched);
    found.set(id, entry);
  }
  return [...found.values()].sort((a, b) => a.id - b.id).slice(0, MAX_DUPLICATES);
}
