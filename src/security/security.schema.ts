import { z } from 'zod';
import { optionalText } from '../http/fields';
import { t } from '../i18n/i18n';
import { SECURITY_MESSAGE_MAX, SECURITY_MODES } from './security-state.entity';

export const securityModeSchema = z.object({
  mode: z.enum(SECURITY_MODES, { error: () => t('validation.chooseFromList', { label: t('fields.security.mode') }) }),
  message: optionalText(SECURITY_MESSAGE_MAX, 'fields.security.message'),
});

/** A session named by its reference on the sessions page. */
export const sessionRef = z.string().regex(/^[0-9a-f]{24}$/);
