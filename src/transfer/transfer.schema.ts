import { z } from 'zod';
import { t } from '../i18n/i18n';

/** The admin page's form: optional search words narrowing the export to matching cases, and whether accounts go too. */
export const fullExportForm = z.object({
  q: z.string({ error: () => t('transfer.page.errors.words') }).max(500, { error: () => t('transfer.page.errors.words') }).default(''),
  accounts: z.literal('yes').optional(),
});
export type FullExportForm = z.infer<typeof fullExportForm>;
