import { Request } from 'express';
import { idParam } from '../http/validate';
import { notFound } from '../http/errors';

/** A sub-record id from the URL; anything that is not a record id is simply not found. */
export function recordIdOf(req: Request, name = 'id', what = 'event'): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw notFound(`No such ${what}.`);
  return parsed.data;
}
