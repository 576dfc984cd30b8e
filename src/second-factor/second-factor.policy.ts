import { registerRules, type Rules } from '../auth/policy';

export const secondFactorRules: Rules = {
  /** Which roles must use a second factor, and resetting someone's factor: admins only. */
  'second_factor.manage': (user) => user.role === 'admin',
};
registerRules(secondFactorRules);
