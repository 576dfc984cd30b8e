import { DataSource } from 'typeorm';
import { CurrentUser } from '../http/context';
import { CaseAccess } from './case.policy';
import { CaseRecord } from './case.entity';
import { Vocabulary } from '../vocab/vocab-term.entity';
import { PersonLabel } from '../people/identity';

/**
 * What the case page hands each concept's section loader (events, allegations, statements,
 * complaints, proceedings, sources): the case, who is looking, and shared helpers, so that
 * every section shows names and vocabulary labels the same way.
 */
export interface SectionContext {
  ds: DataSource;
  user: CurrentUser;
  record: CaseRecord;
  access: CaseAccess;
  canEdit: boolean;
  label: (vocabulary: Vocabulary, code: string | null | undefined) => string;
  /** Names or pseudonyms for people, as this user may see them. */
  people: (personIds: Iterable<number>) => Promise<Map<number, PersonLabel>>;
  /** The page's query string (the timeline's choice of families reads it); absent for the dossier. */
  query?: Record<string, unknown>;
}
