import { Request } from 'express';
import { idParam } from '../http/validate';
import { notFound } from '../http/errors';
import { noSuchRecord } from '../records/route-params';

/** A sub-record id from the URL; anything that is not a record id is simply not found. */
export function recordIdOf(req: Request, name = 'id', what = 'event'): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw notFound(noSuchRecord(what));
  return parsed.data;
}
