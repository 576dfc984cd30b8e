import { Request } from 'express';
import { idParam } from '../http/validate';
import { notFound } from '../http/errors';
import { t } from '../i18n/i18n';

/** The institution id in the URL; anything but a positive integer is simply not found. */
export function institutionIdOf(req: Request): number {
  const parsed = idParam.safeParse(req.params.id);
  if (!parsed.success) throw notFound(t('institutions.errors.noSuchInstitution'));
  return parsed.data;
}
