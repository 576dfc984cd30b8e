import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { t } from '../i18n/i18n';
import { KEY_NAME_MAX } from './webauthn.entity';

/** A browser's answer is a few kilobytes at most (an RSA key with attestation); larger is not one. */
export const CREDENTIAL_JSON_MAX = 16_000;

const b64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/);
const common = {
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};
const registration = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4000).min(1),
    attestationObject: b64url(12000).min(1),
    authenticatorData: b64url(8000).optional(),
    transports: z.array(z.string().max(30)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4000).optional(),
  }),
});
const authentication = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4000).min(1),
    authenticatorData: b64url(4000).min(1),
    signature: b64url(2000).min(1),
    userHandle: b64url(200).optional(),
  }),
});

function parseJson<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  if (!text || text.length > CREDENTIAL_JSON_MAX) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Null when the text is not a registration answer a browser would send. */
export const parseRegistration = (text: string | undefined) => parseJson(registration, text) as RegistrationResponseJSON | null;
export const parseAuthentication = (text: string | undefined) => parseJson(authentication, text) as AuthenticationResponseJSON | null;

/** The hidden field the page's script fills with the browser's answer (JSON text). */
const credential = z.string().max(CREDENTIAL_JSON_MAX, { error: () => t('secondFactor.keys.errors.malformed') }).optional();

export const keyNameForm = z.object({
  name: z
    .string({ error: () => t('secondFactor.keys.errors.nameMissing') })
    .max(KEY_NAME_MAX, { error: () => t('secondFactor.keys.errors.nameTooLong', { max: KEY_NAME_MAX }) })
    .refine((v) => v.trim().length > 0, { error: () => t('secondFactor.keys.errors.nameMissing') }),
  credential,
});
export const keyAssertionForm = z.object({ credential, next: z.string().max(2000).optional() });
