import { z } from 'zod';
import { PASSWORD_MAX } from '../auth/password';
import { t } from '../i18n/i18n';
import { ROLES } from '../users/user.entity';
import { CREDENTIAL_JSON_MAX } from './webauthn.schema';

/** A six-digit code or a recovery code; which one is told by its shape. */
const code = z.string({ error: () => t('secondFactor.errors.codeMissing') }).max(100, { error: () => t('secondFactor.errors.wrong') }).trim().min(1, { error: () => t('secondFactor.errors.codeMissing') });
const password = z.string({ error: () => t('auth.error.missing') }).max(PASSWORD_MAX).min(1, { error: () => t('secondFactor.errors.passwordMissing') });

export const codeForm = z.object({ code, next: z.string().max(2000).optional() });
export const removeFactorForm = z.object({ password, code });
export const reauthForm = z.object({ password, code: z.string().max(100).trim().optional(), credential: z.string().max(CREDENTIAL_JSON_MAX, { error: () => t('secondFactor.keys.errors.malformed') }).optional(), next: z.string().max(2000).optional() });
export const requiredRolesForm = z.object({
  roles: z
    .union([z.enum(ROLES), z.array(z.enum(ROLES)).max(ROLES.length)], { error: () => t('validation.chooseFromList', { label: t('secondFactor.admin.roles') }) })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
});
