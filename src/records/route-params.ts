import { Request } from 'express';
import { idParam } from '../http/validate';
import { notFound } from '../http/errors';

/** A positive integer route parameter; anything else is a 404 naming what was not found. */
export function paramId(req: Request, name: string, what = 'record'): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw notFound(`No such ${what}.`);
  return parsed.data;
}
