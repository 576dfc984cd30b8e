import { z } from 'zod';
import { filterText, listPage, requiredText } from '../http/fields';
import { TRASH_LIMITS } from './trash-item.entity';
import { t } from '../i18n/i18n';

/** The trash list's filters; one that cannot be read lists nothing (never everything), with the message beside it. */
export const trashListQuery = z.strictObject({
  kind: filterText(60, 'trash.fields.kind').transform((s) => s?.trim() || undefined),
  case: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ error: () => t('trash.errors.caseOnce') }).regex(/^[1-9][0-9]{0,14}$/, { error: () => t('trash.errors.caseNumber') }).transform(Number).optional(),
  ),
  page: listPage(),
});
export const TRASH_LIST_FILTERS = ['kind', 'case'] as const;

/** Purging needs a reason: it is kept in the audit trail. */
export const purgeSchema = z.strictObject({
  reason: requiredText(TRASH_LIMITS.reason, 'trash.fields.reason'),
});

/** Restoring takes no fields. */
export const restoreSchema = z.strictObject({});
