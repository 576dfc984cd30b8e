import { Request } from 'express';
import { idParam } from '../http/validate';

/**
 * "Save and add another": the second submit button of a new record's form (name="then",
 * value="another"). People often add several of a kind in a row (events, statements, complaints);
 * the next blank form follows instead of the case page.
 */
export const addAnother = (req: Request): boolean => (req.body as Record<string, unknown> | undefined)?.then === 'another';

/** `?like=N` on a new record's form: the record just saved whose repeated fields carry over; anything else is ignored. */
export function likeParam(value: unknown): number | null {
  const parsed = idParam.safeParse(value);
  return parsed.success ? parsed.data : null;
}
