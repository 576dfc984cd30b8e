import type { Rules } from '../auth/policy';

const isAdmin: Rules[string] = (user) => user.role === 'admin';

export const userRules: Rules = {
  'user.list': isAdmin,
  'user.create': isAdmin,
  'user.update': isAdmin,
  'user.disable': isAdmin,
  'token.manage': isAdmin,
  'audit.read': isAdmin,
  /** Everyone signed in may change their own password. */
  'account.update': (user, record) => (record as { id?: number } | undefined)?.id === user.id,
};
