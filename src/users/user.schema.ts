import { LANGUAGES, t } from '../i18n/i18n';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password';
import { ROLES } from './user.entity';

export const emailSchema = z
  .string({ message: 'Enter an e-mail address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an e-mail address.')
  .max(254, 'An e-mail address has at most 254 characters.')
  .pipe(z.email({ message: 'Enter a valid e-mail address, like name@example.org.' }));

export const passwordSchema = z
  .string({ message: 'Enter a password.' })
  .min(PASSWORD_MIN, `A password needs at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`);

export const nameSchema = z
  .string({ message: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(200, 'A name has at most 200 characters.');

export const roleSchema = z.enum(ROLES, { message: `Choose a role: ${ROLES.join(', ')}.` });

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
    currentPassword: z.string({ message: 'Enter your current password.' }).min(1, 'Enter your current password.').max(PASSWORD_MAX),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords do not match.' });

/** Account settings: an interface language, or "" to follow the browser. */
export const languageSchema = z.object({
  language: z
    .union([z.literal(''), z.enum(LANGUAGES)], { error: () => t('account.language.invalid') })
    .transform((v) => (v === '' ? null : v)),
});
