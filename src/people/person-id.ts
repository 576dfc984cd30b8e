import { Request } from 'express';
import { idParam } from '../http/validate';
import { notFound } from '../http/errors';

/** The person id in the URL; anything but a positive integer is simply not found. */
export function personIdOf(req: Request): number {
  const parsed = idParam.safeParse(req.params.id);
  if (!parsed.success) throw notFound('No such person.');
  return parsed.data;
}
