import { can, registerRules, type Rules } from '../auth/policy';
import type { CaseAccess } from '../cases/case.policy';
import type { CurrentUser } from '../http/context';
import type { Confidentiality } from './evidence-constants';

/** What the evidence rules need: the case access, and for one item its confidentiality. */
export interface EvidenceAccess extends CaseAccess {
  confidentiality?: Confidentiality;
}

const roleIn = (...roles: string[]) => (user: CurrentUser) => roles.includes(user.role);
const readsCase = (user: CurrentUser, record?: unknown) => can(user, 'case.read', record);
const confidentialityOf = (record?: unknown) => (record as EvidenceAccess | undefined)?.confidentiality ?? 'normal';

const UPLOADERS = roleIn('admin', 'researcher', 'lawyer');
const LAWYERS = roleIn('admin', 'lawyer');

/**
 * Evidence is governed by its case, then by its confidentiality:
 * - normal: every reader of the case sees the item and its files;
 * - sensitive: every reader sees the item, but its files (and thumbnails) only admins, lawyers and researchers;
 * - privileged (lawyer–client): only lawyers and admins know the item exists.
 * Researchers, lawyers and admins upload and describe evidence (lawyers receive files from
 * clients); only lawyers and admins keep a file of a type outside the allow-list, mark an item
 * privileged, or read and write privileged annotations. The GPS position of a photo is shown to
 * admins, lawyers and researchers who can see the case; analysts and viewers never see it.
 */
export const evidenceRules: Rules = {
  'evidence.read': (user, record) => readsCase(user, record) && (confidentialityOf(record) !== 'privileged' || LAWYERS(user)),
  'evidence.files': (user, record) =>
    can(user, 'evidence.read', record) && (confidentialityOf(record) !== 'sensitive' || UPLOADERS(user)),
  'evidence.create': (user, record) => readsCase(user, record) && UPLOADERS(user),
  'evidence.update': (user, record) => can(user, 'evidence.read', record) && UPLOADERS(user),
  'evidence.custody': (user, record) => can(user, 'evidence.read', record) && UPLOADERS(user),
  'evidence.keep_other': (user, record) => readsCase(user, record) && LAWYERS(user),
  'evidence.set_privileged': (user, record) => readsCase(user, record) && LAWYERS(user),
  'evidence.annotations': (user, record) => can(user, 'evidence.read', record) && LAWYERS(user),
  'evidence.gps': (user, record) => readsCase(user, record) && UPLOADERS(user),
  'evidence.export': (user, record) => readsCase(user, record) && UPLOADERS(user),
  'evidence.integrity': (user) => user.role === 'admin',
  'medical.create': (user, record) => readsCase(user, record) && UPLOADERS(user),
};

registerRules(evidenceRules);
