import { Request } from 'express';
import { notFound } from '../http/errors';
import { idParam } from '../http/validate';
import { hasKey, t } from '../i18n/i18n';

/** A positive id from the URL; anything else is simply not found. */
export function idOf(req: Request, name: string, what = 'record'): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) {
    const key = `evidence.errors.notFound.${what.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase())}`;
    throw notFound(hasKey(key) ? t(key) : t('evidence.errors.notFound.other', { what }));
  }
  return parsed.data;
}

/** Browsers posting with upload.js (and API-style clients) ask for JSON. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}
