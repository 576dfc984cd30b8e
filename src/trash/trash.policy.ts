import { registerRules } from '../auth/policy';

/** Only admins see the trash, restore from it and purge it; everyone who may delete a record moves it there. */
export const trashRules = {
  'trash.manage': (user: { role: string }) => user.role === 'admin',
};
registerRules(trashRules);
