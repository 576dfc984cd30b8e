import { z } from 'zod';
import { filterText, listPage, requiredText } from '../http/fields';
import { TRASH_LIMITS } from './trash-item.entity';

/** The trash list's filters; one that cannot be read lists nothing (never everything), with the message beside it. */
export const trashListQuery = z.strictObject({
  kind: filterText(60, 'the kind').transform((s) => s?.trim() || undefined),
  case: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ message: 'Enter the case once, as its number.' }).regex(/^[1-9][0-9]{0,14}$/, 'Enter the case as its number, for example 12.').transform(Number).optional(),
  ),
  page: listPage(),
});
export const TRASH_LIST_FILTERS = ['kind', 'case'] as const;

/** Purging needs a reason: it is kept in the audit trail. */
export const purgeSchema = z.strictObject({
  reason: requiredText(TRASH_LIMITS.reason, 'the reason for purging it for good'),
});

/** Restoring takes no fields. */
export const restoreSchema = z.strictObject({});
