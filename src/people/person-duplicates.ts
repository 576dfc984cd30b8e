import { EntityManager } from 'typeorm';
import { verbatimKeys } from './redaction';
import { PersonName } from './person-name.entity';
import { nameSearchablePeopleCondition, personLabels } from './identity';
import { similarCandidatesCondition, similarNames } from './name-search';
import { matchTokens } from './transliterate';
import { CurrentUser } from '../http/context';

export interface PossibleDuplicate {
  id: number;
  label: string;
  /** The recorded spellings that resemble the new name. */
  matchedNames: string[];
}

const MAX_CANDIDATE_ROWS = 500;
const MAX_DUPLICATES = 10;

/**
 * People already recorded under a name similar to any of `names` (see similarNames). Protected
 * people the user is not cleared for are left out entirely: even their pseudonym next to a name
 * would tell who they are.
 */
export async function possibleDuplicatePeople(em: EntityManager, user: CurrentUser, names: string[], exceptPersonId?: number): Promise<PossibleDuplicate[]> {
  const tokenLists = names.map(matchTokens).filter((t) => t.length);
  const candidates = similarCandidatesCondition('n', tokenLists);
  if (!candidates) return [];
  const visible = nameSearchablePeopleCondition(user, 'p');
  const qb = em
    .createQueryBuilder(PersonName, 'n')
    .innerJoin('n.person', 'p')
    .select(['n.person_id AS "personId"', 'n.name AS name', 'n.match_key AS "matchKey"'])
    .where(candidates.sql, candidates.params)
    .andWhere(visible.sql, visible.params)
    .orderBy('n.person_id', 'ASC')
    .limit(MAX_CANDIDATE_ROWS);
  if (exceptPersonId) qb.andWhere('n.person_id <> :except', { except: exceptPersonId });
  const rows = await qb.getRawMany<{ personId: number; name: string; matchKey: string }>();
  const matched = new Map<number, string[]>();
  for (const row of rows) {
    const tokens = row.matchKey.split(' ').filter(Boolean);
    if (!tokenLists.some((t) => similarNames(t, tokens))) continue;
    const id = Number(row.personId);
    const list = matched.get(id) ?? [];
    if (!list.includes(row.name)) list.push(row.name);
    matched.set(id, list);
  }
  const labels = await personLabels(em, user, [...matched.keys()].slice(0, MAX_DUPLICATES));
  // People the user may see, by name: shown as they are (people/redaction.ts).
  return [...labels.values()].filter((l) => !l.hidden).map((l) => verbatimKeys({ id: l.id, label: l.label, matchedNames: matched.get(l.id)! }, ['label', 'matchedNames']));
}
