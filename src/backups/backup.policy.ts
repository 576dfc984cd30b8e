import { registerRules, type Rules } from '../auth/policy';

/** Backups hold every record, protected identities and restricted cases included: admins only. */
export const backupRules: Rules = {
  'backup.manage': (user) => user.role === 'admin',
};
registerRules(backupRules);
