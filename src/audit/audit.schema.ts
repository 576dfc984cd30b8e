import { z } from 'zod';
import { fieldLabel, filterText } from '../http/fields';
import { t } from '../i18n/i18n';

/** Surrounding spaces (pasted from elsewhere) are not part of what is looked for. */
const trimmedFilter = (max: number, label: string) => filterText(max, label).transform((s) => s?.trim() || undefined);

const isCalendarDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s;

/** A day of the date inputs (YYYY-MM-DD); 2024-02-30 is no day, not "no filter". */
const filterDay = (label: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string({ error: () => t('audit.validation.dayOnce', { label: fieldLabel(label) }) })
      .refine(isCalendarDay, { error: () => t('audit.validation.day', { label: fieldLabel(label) }) })
      .optional(),
  );

/** The audit trail's filters, each (and any parameter it does not know) refused when it cannot be read: never dropped, which would list every entry. */
export const auditListQuery = z.strictObject({
  actor: trimmedFilter(254, 'audit.fields.actor'),
  action: trimmedFilter(60, 'audit.fields.action'),
  recordType: trimmedFilter(40, 'audit.fields.recordType'),
  recordId: trimmedFilter(64, 'audit.fields.recordId'),
  from: filterDay('audit.fields.from'),
  to: filterDay('audit.fields.to'),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
export const AUDIT_LIST_FILTERS = ['actor', 'action', 'recordType', 'recordId', 'from', 'to'] as const;
