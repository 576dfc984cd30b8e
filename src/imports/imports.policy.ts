import { registerRules } from '../auth/policy';

/**
 * Spreadsheet import (issue 13): researchers and admins import. Which batches a user sees (a
 * researcher their own, an admin all) is the service's rule, applied to every batch it loads.
 */
registerRules({
  'import.use': (user) => user.role === 'admin' || user.role === 'researcher',
});
