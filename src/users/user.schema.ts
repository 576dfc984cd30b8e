import { LANGUAGES, t } from '../i18n/i18n';
import { z } from 'zod';
import { checkbox } from '../http/fields';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password';
import { ROLES } from './user.entity';

const says = (key: string, opts?: Record<string, unknown>) => ({ error: () => t(key, opts) });

export const emailSchema = z
  .string(says('users.validation.enterEmail'))
  .trim()
  .toLowerCase()
  .min(1, says('users.validation.enterEmail'))
  .max(254, says('users.validation.emailTooLong', { max: 254 }))
  .pipe(z.email(says('users.validation.emailInvalid')));

export const passwordSchema = z
  .string(says('users.validation.enterPassword'))
  .min(PASSWORD_MIN, says('users.validation.passwordShort', { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, says('users.validation.passwordLong', { max: PASSWORD_MAX }));

export const nameSchema = z
  .string(says('users.validation.enterName'))
  .trim()
  .min(1, says('users.validation.enterName'))
  .max(200, says('users.validation.nameTooLong', { max: 200 }));

/** The roles by name in the message: their codes in English (what the API takes), their names in Russian. */
export const roleSchema = z.enum(ROLES, { error: () => t('users.validation.chooseRole', { roles: ROLES.map((r) => t(`users.roleNames.${r}`)).join(', ') }) });

export const createUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  name: nameSchema,
  role: roleSchema,
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string(says('users.validation.enterCurrent')).min(1, says('users.validation.enterCurrent')).max(PASSWORD_MAX),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: () => t('users.validation.mismatch') });

/** Account settings: pictures and videos in greyscale or in colour. */
/** A user's own display name (account page): what colleagues see in histories and the custody log; no control characters. */
export const displayNameSchema = z.object({
  name: nameSchema.refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s), { error: () => t('account.name.invalid') }),
});

export const mediaSchema = z.object({ greyscale: checkbox });

/** Account settings: an interface language, or "" to follow the browser. */
export const languageSchema = z.object({
  language: z
    .union([z.literal(''), z.enum(LANGUAGES)], { error: () => t('account.language.invalid') })
    .transform((v) => (v === '' ? null : v)),
});
