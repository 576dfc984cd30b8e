import { registerRules, type Rules } from '../auth/policy';

const MERGERS = new Set(['admin', 'researcher']);

/**
 * Researchers and admins merge records entered twice. Per record the service checks the rest:
 * cleared for both people when either is protected, and (researchers) every case either person
 * takes part in visible to them, since the merge moves links in those cases.
 */
export const mergeRules: Rules = {
  'person.merge': (user) => MERGERS.has(user.role),
  'institution.merge': (user) => MERGERS.has(user.role),
};

registerRules(mergeRules);
