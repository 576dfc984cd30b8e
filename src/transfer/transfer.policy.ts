import { registerRules, type Rules } from '../auth/policy';

/**
 * A full export holds every record, protected identities and restricted cases included, and
 * (when chosen) the accounts' password hashes: administrators only, as the restore is.
 */
export const transferRules: Rules = {
  'transfer.export': (user) => user.role === 'admin',
};

registerRules(transferRules);
