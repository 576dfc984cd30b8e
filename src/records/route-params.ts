import { Request } from 'express';
import { idParam } from '../http/validate';
import { notFound } from '../http/errors';
import { hasKey, t } from '../i18n/i18n';

/**
 * "No such statement.": the message of a 404 for a kind of record named in English ('statement',
 * 'item in the trash'), worded in the reader's language from `records.noSuch.<kind in camelCase>`;
 * a kind the catalogues do not name reads as "No such record."
 */
export function noSuchRecord(what: string): string {
  const key = `records.noSuch.${what.replace(/[^A-Za-z]+([a-z])/g, (_m, c: string) => c.toUpperCase())}`;
  return t(hasKey(key) ? key : 'records.noSuch.record');
}

/** A positive integer route parameter; anything else is a 404 naming what was not found. */
export function paramId(req: Request, name: string, what = 'record'): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw notFound(noSuchRecord(what));
  return parsed.data;
}
