import crypto from 'node:crypto';
import { Request } from 'express';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import { Actor, recordAudit } from '../audit/audit.service';
import { Config } from '../config';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { t } from '../i18n/i18n';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { clock } from './clock';
import { RecoveryCode, SecondFactorReset } from './second-factor.entity';
import { countSecondStepFailure, hasSecondFactor, replaceRecoveryCodes, secondStepThrottle } from './second-factor.service';
import { generateRecoveryCodes } from './recovery-codes';
import { ChallengePurpose, WebauthnChallenge, WebauthnCredential } from './webauthn.entity';
import { parseAuthentication, parseRegistration } from './webauthn.schema';

/** A ceremony's challenge lives as long as a pending sign-in (issue 14: 5 minutes). */
export const CHALLENGE_MS = 5 * 60_000;

export interface RelyingParty {
  origin: string;
  rpId: string;
}

/** From the configuration; without CASEBOOK_ORIGIN (development), the address the request came to. */
export function relyingParty(config: Config, req: Request): RelyingParty {
  return {
    origin: config.webauthn.origin ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    rpId: config.webauthn.rpId ?? req.hostname,
  };
}

export type KeyRefusal = 'malformed' | 'expired' | 'challenge' | 'unknownKey' | 'origin' | 'invalid' | 'counter' | 'duplicate' | 'locked';

type Detail = Record<string, string | number | boolean | null>;

/** The user handle a passkey stores: stable per user, and says nothing of the user's id. */
const userHandle = (sessionSecret: string, userId: number) => new Uint8Array(crypto.createHmac('sha256', sessionSecret).update(`webauthn-user:${userId}`).digest());

/** One outstanding challenge per purpose and session (or pending sign-in): a newer page replaces it. */
async function issueChallenge(ds: DataSource, userId: number, purpose: ChallengePurpose, boundTo: string): Promise<string> {
  const challenge = crypto.randomBytes(32).toString('base64url');
  const now = clock.now();
  await withTransaction(ds, async (em) => {
    await em.delete(WebauthnChallenge, { expiresAt: LessThan(now) });
    await em.delete(WebauthnChallenge, { boundTo, purpose });
    await em.insert(WebauthnChallenge, { challenge, userId, purpose, boundTo, expiresAt: new Date(now.getTime() + CHALLENGE_MS) });
  });
  return challenge;
}

/**
 * Takes the challenge the answer signed, once: it must have been issued for this purpose, to
 * this user, in this session or pending sign-in, less than 5 minutes ago. Used up even when the
 * rest of the answer is then refused, so no answer is tried twice.
 */
async function takeChallenge(ds: DataSource, clientDataJSON: string, userId: number, purpose: ChallengePurpose, boundTo: string): Promise<{ ok: true; challenge: string; origin: string } | { ok: false; reason: KeyRefusal }> {
  let client: { challenge: string; origin: string };
  try {
    client = decodeClientDataJSON(clientDataJSON);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof client?.challenge !== 'string' || client.challenge.length > 64) return { ok: false, reason: 'malformed' };
  const row = await ds.getRepository(WebauthnChallenge).findOneBy({ challenge: client.challenge });
  if (!row || row.userId !== userId || row.purpose !== purpose || row.boundTo !== boundTo) return { ok: false, reason: 'challenge' };
  const taken = await ds.getRepository(WebauthnChallenge).delete({ challenge: row.challenge });
  if (!taken.affected) return { ok: false, reason: 'challenge' };
  if (row.expiresAt <= clock.now()) return { ok: false, reason: 'expired' };
  return { ok: true, challenge: row.challenge, origin: String(client.origin) };
}

// ---- registering a key ----

export async function registrationOptions(ds: DataSource, sessionSecret: string, rp: RelyingParty, user: CurrentUser, sessionHash: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const keys = await ds.getRepository(WebauthnCredential).findBy({ userId: user.id });
  const challenge = await issueChallenge(ds, user.id, 'register', sessionHash);
  return generateRegistrationOptions({
    rpName: 'Casebook',
    rpID: rp.rpId,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandle(sessionSecret, user.id),
    challenge: isoBase64URL.toBuffer(challenge),
    timeout: CHALLENGE_MS,
    attestationType: 'none',
    excludeCredentials: keys.map((k) => ({ id: k.credentialId, transports: splitTransports(k.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

const splitTransports = (s: string) => (s ? (s.split(',') as AuthenticatorTransport[]) : undefined);

/**
 * Checks the browser's answer and keeps the key. A user's first factor comes with ten recovery
 * codes, answered here to be shown once; someone adding a key to a factor they have keeps theirs.
 */
export async function registerKey(
  ds: DataSource,
  rp: RelyingParty,
  actor: Actor,
  user: CurrentUser,
  sessionHash: string,
  name: string,
  answer: string | undefined,
): Promise<{ ok: true; keyId: number; recoveryCodes: string[] | null } | { ok: false; reason: KeyRefusal }> {
  const now = clock.now();
  const refuse = async (reason: KeyRefusal, detail: Detail = {}) => {
    await withTransaction(ds, (em) => recordAudit(em, actor, { action: 'auth.webauthn_register_failed', recordType: 'user', recordId: user.id, detail: { reason, ...detail } }, now));
    return { ok: false as const, reason };
  };
  const response = parseRegistration(answer);
  if (!response) return refuse('malformed');
  const taken = await takeChallenge(ds, response.response.clientDataJSON, user.id, 'register', sessionHash);
  if (!taken.ok) return refuse(taken.reason);
  if (taken.origin !== rp.origin) return refuse('origin', { origin: taken.origin.slice(0, 200) });
  let info;
  try {
    const verified = await verifyRegistrationResponse({ response, expectedChallenge: taken.challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpId, requireUserVerification: false });
    if (!verified.verified) return refuse('invalid');
    info = verified.registrationInfo;
  } catch (err) {
    return refuse('invalid', { error: String(err instanceof Error ? err.message : err).slice(0, 200) });
  }
  const credentialId = info.credential.id;
  // The unique index on credential_id decides, not a check before the insert.
  return withTransaction(ds, async (em) => {
    const first = !(await hasSecondFactor(em, user.id));
    const row = await em.save(
      em.create(WebauthnCredential, {
        userId: user.id,
        credentialId,
        publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: (response.response.transports ?? []).filter((x) => /^[a-z-]{1,20}$/.test(x)).join(','),
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name,
        createdAt: now,
        lastUsedAt: null,
      }),
    );
    const recoveryCodes = first ? generateRecoveryCodes() : null;
    if (recoveryCodes) await replaceRecoveryCodes(em, user.id, recoveryCodes);
    await em.delete(SecondFactorReset, { userId: user.id });
    await recordAudit(em, actor, { action: 'auth.webauthn_registered', recordType: 'user', recordId: user.id, detail: { keyId: row.id, deviceType: info.credentialDeviceType, recoveryCodes: recoveryCodes?.length ?? 0 } }, now);
    return { ok: true as const, keyId: row.id, recoveryCodes };
  }).catch((err: unknown) => {
    if (/UNIQUE constraint failed/i.test(String((err as Error)?.message))) return refuse('duplicate');
    throw err;
  });
}

// ---- using a key (sign-in, re-authentication) ----

export async function authenticationOptions(ds: DataSource, rp: RelyingParty, userId: number, purpose: 'sign_in' | 'reauth', boundTo: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const keys = await ds.getRepository(WebauthnCredential).findBy({ userId });
  if (!keys.length) return null;
  const challenge = await issueChallenge(ds, userId, purpose, boundTo);
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: isoBase64URL.toBuffer(challenge),
    timeout: CHALLENGE_MS,
    allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: splitTransports(k.transports) })),
    userVerification: 'preferred',
  });
}

/**
 * Checks a key's answer for `user`. Refusals count towards the same lock as wrong codes and are
 * audited; a signature counter that did not grow is refused (a cloned key). On success
 * `onSuccess` runs in the transaction that records the new counter.
 */
export async function verifyKey<T>(
  ds: DataSource,
  sessionSecret: string,
  rp: RelyingParty,
  actor: Actor,
  user: { id: number },
  purpose: 'sign_in' | 'reauth',
  boundTo: string,
  answer: string | undefined,
  onSuccess: (em: EntityManager) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: KeyRefusal }> {
  const now = clock.now();
  const { keyHash, throttle } = await secondStepThrottle(ds, sessionSecret, user.id);
  const audit = (em: EntityManager, action: string, detail: Detail) => recordAudit(em, actor, { action, recordType: 'user', recordId: user.id, detail: { purpose, method: 'webauthn', ...detail } }, now);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await withTransaction(ds, (em) => audit(em, 'auth.second_factor_locked', {}));
    return { ok: false, reason: 'locked' };
  }
  const refuse = async (reason: KeyRefusal, detail: Detail = {}) => {
    const locked = await withTransaction(ds, (em) => countSecondStepFailure(em, keyHash, throttle, now, (action, failures) => audit(em, action, { reason, failures, ...detail })));
    return { ok: false as const, reason: locked ? ('locked' as const) : reason };
  };
  const response = parseAuthentication(answer);
  if (!response) return refuse('malformed');
  const taken = await takeChallenge(ds, response.response.clientDataJSON, user.id, purpose, boundTo);
  if (!taken.ok) return refuse(taken.reason);
  if (taken.origin !== rp.origin) return refuse('origin', { origin: taken.origin.slice(0, 200) });
  const key = await ds.getRepository(WebauthnCredential).findOneBy({ credentialId: response.id });
  // Another user's key is refused like an unknown one: the answer says nothing of whose it is.
  if (!key || key.userId !== user.id) return refuse('unknownKey');
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      credential: { id: key.credentialId, publicKey: isoBase64URL.toBuffer(key.publicKey), counter: key.counter, transports: splitTransports(key.transports) },
      requireUserVerification: false,
    });
    if (!verified.verified) return refuse('invalid', { keyId: key.id });
    newCounter = verified.authenticationInfo.newCounter;
  } catch (err) {
    const message = String(err instanceof Error ? err.message : err);
    return refuse(/counter/i.test(message) ? 'counter' : 'invalid', { keyId: key.id, error: message.slice(0, 200) });
  }
  const outcome = await withTransaction(ds, async (em): Promise<{ ok: true; value: T } | { ok: false }> => {
    // Guarded in SQL too: two answers racing with one counter value cannot both pass.
    const moved = await em
      .createQueryBuilder()
      .update(WebauthnCredential)
      .set({ counter: newCounter, lastUsedAt: now })
      .where('id = :id', { id: key.id })
      .andWhere('(counter < :c OR (counter = 0 AND :c = 0))', { c: newCounter })
      .execute();
    if (!moved.affected) return { ok: false };
    await em.delete(LoginThrottle, { keyHash });
    await audit(em, 'auth.webauthn_used', { keyId: key.id });
    return { ok: true, value: await onSuccess(em) };
  });
  return outcome.ok ? outcome : refuse('counter', { keyId: key.id });
}

// ---- removing a key ----

/** The route has asked for the password and second factor in the last 10 minutes. */
export async function removeKey(ds: DataSource, actor: Actor, user: CurrentUser, keyId: number): Promise<{ factorsLeft: boolean }> {
  return withTransaction(ds, async (em) => {
    const gone = await em.delete(WebauthnCredential, { id: keyId, userId: user.id });
    if (!gone.affected) throw notFound(t('secondFactor.keys.errors.notFound'));
    const keysLeft = await em.countBy(WebauthnCredential, { userId: user.id });
    const factorsLeft = await hasSecondFactor(em, user.id);
    // The last factor gone: its recovery codes go with it.
    if (!factorsLeft) await em.delete(RecoveryCode, { userId: user.id });
    await recordAudit(em, actor, { action: 'auth.webauthn_removed', recordType: 'user', recordId: user.id, detail: { keyId, keysLeft } });
    return { factorsLeft };
  });
}
