import type { Rules } from '../auth/policy';
import type { CurrentUser } from '../http/context';

/** What the policy needs to know about one case for one user. */
export interface CaseAccess {
  restricted: boolean;
  /** The user is on the case's member list (cleared for it and its protected identities). */
  isMember: boolean;
}

const READERS = new Set(['admin', 'researcher', 'lawyer', 'analyst', 'viewer']);
const WRITERS = new Set(['admin', 'researcher']);

const canRead = (user: CurrentUser, access?: unknown): boolean => {
  const a = access as CaseAccess | undefined;
  if (!a || !READERS.has(user.role)) return false;
  return user.role === 'admin' || !a.restricted || a.isMember;
};

/**
 * Researchers and admins write; lawyers, analysts and viewers read. A restricted case, and
 * everything in it, exists only for its members and admins (the routes answer 404 to others).
 * Every sub-record (event, allegation, statement, complaint, proceeding, citation) is governed by
 * its case: read with `case.read`, written with `case.update`.
 */
export const caseRules: Rules = {
  'case.list': (user) => READERS.has(user.role),
  'case.create': (user) => WRITERS.has(user.role),
  'case.read': canRead,
  'case.update': (user, access) => WRITERS.has(user.role) && canRead(user, access),
  /** Moves the case to the trash (an admin restores or purges it). */
  'case.delete': (user, access) => WRITERS.has(user.role) && canRead(user, access),
  'case.manage_members': (user, access) => user.role === 'admin' || (user.role === 'researcher' && (access as CaseAccess | undefined)?.isMember === true),
  /** Names of protected people in this case. */
  'case.see_protected': (user, access) => user.role === 'admin' || (access as CaseAccess | undefined)?.isMember === true,
  /** People and institutions exist outside cases: everyone reads them, researchers write. */
  'person.list': (user) => READERS.has(user.role),
  'person.create': (user) => WRITERS.has(user.role),
  'person.update': (user) => WRITERS.has(user.role),
  'person.delete': (user) => WRITERS.has(user.role),
  'institution.list': (user) => READERS.has(user.role),
  'institution.create': (user) => WRITERS.has(user.role),
  'institution.update': (user) => WRITERS.has(user.role),
  'source.list': (user) => READERS.has(user.role),
  'source.create': (user) => WRITERS.has(user.role),
  'source.update': (user) => WRITERS.has(user.role),
  'vocab.manage': (user) => user.role === 'admin',
  /** Bulk exports and cross-case reports: everyone who works with the records, not plain viewers. */
  'export.run': (user) => ['admin', 'researcher', 'lawyer', 'analyst'].includes(user.role),
  'report.view': (user) => ['admin', 'researcher', 'lawyer', 'analyst'].includes(user.role),
};
