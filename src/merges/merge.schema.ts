import { z } from 'zod';

const recordId = (message: string) =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string({ message }).trim().regex(/^[1-9][0-9]{0,14}$/, message).transform(Number));

/** The record to keep: the one the merged record's links, names and address go to. */
export const personMergeSchema = z.object({ into: recordId('Give the number of the person to keep (an integer, like 42).') });
export const institutionMergeSchema = z.object({ into: recordId('Give the number of the institution to keep (an integer, like 7).') });
/** Pages: the same field as the person picker sends it (a number typed or chosen). */
export const personMergeForm = z.object({ into: recordId('Choose the person to keep from the list, or enter their number.') });
export const institutionMergeForm = z.object({ into: recordId('Choose the institution to keep from the list, or enter its number.') });
export type MergeInput = { into: number };
