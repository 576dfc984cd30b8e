import { z } from 'zod';
import { t } from '../i18n/i18n';

/** `key`: the message's catalogue key, worded when a value is checked. */
const recordId = (key: string) =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string({ error: () => t(key) }).trim().regex(/^[1-9][0-9]{0,14}$/, { error: () => t(key) }).transform(Number));

/** The record to keep: the one the merged record's links, names and address go to. */
export const personMergeSchema = z.object({ into: recordId('merges.errors.personNumber') });
export const institutionMergeSchema = z.object({ into: recordId('merges.errors.institutionNumber') });
/** Pages: the same field as the person picker sends it (a number typed or chosen). */
export const personMergeForm = z.object({ into: recordId('merges.errors.personForm') });
export const institutionMergeForm = z.object({ into: recordId('merges.errors.institutionForm') });
export type MergeInput = { into: number };
