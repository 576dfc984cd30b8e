import { can } from '../auth/policy';
import '../evidence/evidence.policy';
import type { Confidentiality } from '../evidence/evidence-constants';
import type { CurrentUser } from '../http/context';
import { EVIDENCE_CODES, EvidenceRow } from './search-kinds';

/** What each evidence row of the index holds: an item of this confidentiality, with or without its files' text. */
const ROWS: Record<EvidenceRow, { level: Confidentiality; files: boolean }> = {
  normal: { level: 'normal', files: true },
  sensitive: { level: 'sensitive', files: true },
  privileged: { level: 'privileged', files: true },
  sensitiveWithoutFiles: { level: 'sensitive', files: false },
};

/**
 * The rules of evidence.policy asked for an item of each level in a case the user reads (the
 * case itself is checked apart, by the restricted-case condition). A row with files' text needs
 * `evidence.files`; the row without it is for readers who lack that right only, so nobody
 * matches the same item twice.
 */
function mayMatch(user: CurrentUser, row: EvidenceRow): boolean {
  const { level, files } = ROWS[row];
  const item = { restricted: false, isMember: false, confidentiality: level };
  return files ? can(user, 'evidence.files', item) : can(user, 'evidence.read', item) && !can(user, 'evidence.files', item);
}

/** Evidence kind codes this user may never match. */
export function hiddenEvidenceCodes(user: CurrentUser): number[] {
  return (Object.keys(ROWS) as EvidenceRow[]).filter((row) => !mayMatch(user, row)).map((row) => EVIDENCE_CODES[row]);
}

/** Whether privileged evidence counts for this user in filters and facets (it exists for them). */
export function countsPrivilegedEvidence(user: CurrentUser | undefined): boolean {
  return Boolean(user) && can(user, 'evidence.read', { restricted: false, isMember: false, confidentiality: 'privileged' });
}
