import { registerRules, type Rules } from '../auth/policy';

const READERS = new Set(['admin', 'researcher', 'lawyer', 'analyst', 'viewer']);

/**
 * Everyone who reads cases may search them (results are filtered per user, never the route) and
 * keep searches under a name. A saved search is changed or deleted only by its owner; the
 * service answers 404 for another user's private search and 403 for another user's shared one.
 */
export const searchRules: Rules = {
  'search.use': (user) => READERS.has(user.role),
  'saved_query.manage': (user, record) => {
    const owner = (record as { userId?: number } | undefined)?.userId;
    return READERS.has(user.role) && (owner === undefined || owner === user.id);
  },
};

registerRules(searchRules);
