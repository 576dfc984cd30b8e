import { registerRules, type Rules } from '../auth/policy';

export const securityRules: Rules = {
  /** The security mode and ending everyone's sessions: admins only. */
  'security.manage': (user) => user.role === 'admin',
};
registerRules(securityRules);
