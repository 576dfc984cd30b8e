import crypto from 'node:crypto';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { Actor, recordAudit } from '../audit/audit.service';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { LOCK_MS } from '../auth/login.service';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { conflict, notFound } from '../http/errors';
import { t } from '../i18n/i18n';
import { Session } from '../sessions/session.entity';
import { Role, User } from '../users/user.entity';
import { clock } from './clock';
import { openSecret, sealSecret } from './factor-crypto';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { RecoveryCode, SecondFactor, SecondFactorReset, SecondFactorRole } from './second-factor.entity';
import { checkTotp, newTotpSecret, totpQrDataUri, totpUri } from './totp';
import { WebauthnCredential } from './webauthn.entity';
import { KeyView, listKeys } from './webauthn-keys';

/** Wrong codes in a row before the second step locks (issue 14: no brute force of six digits). */
export const MAX_CODE_FAILURES = 5;

// ---- which roles must use a second factor ----

const CACHE_MS = 2_000;
const rolesCache = new WeakMap<DataSource, { at: number; roles: Set<Role> }>();

export async function requiredRoles(ds: DataSource, opts: { fresh?: boolean } = {}): Promise<Set<Role>> {
  const hit = rolesCache.get(ds);
  if (hit && !opts.fresh && Date.now() - hit.at < CACHE_MS) return hit.roles;
  const roles = new Set((await ds.getRepository(SecondFactorRole).find()).map((r) => r.role));
  rolesCache.set(ds, { at: Date.now(), roles });
  return roles;
}

export async function setRequiredRoles(ds: DataSource, actor: Actor, roles: Role[]): Promise<void> {
  await withTransaction(ds, async (em) => {
    const before = (await em.find(SecondFactorRole)).map((r) => r.role).sort();
    await em.createQueryBuilder().delete().from(SecondFactorRole).execute();
    if (roles.length) await em.insert(SecondFactorRole, roles.map((role) => ({ role })));
    await recordAudit(em, actor, { action: 'security.second_factor_roles', recordType: 'instance', recordId: null, detail: { from: before.join(','), to: [...roles].sort().join(',') } });
  });
  rolesCache.delete(ds);
}

// ---- a user's factor ----

export interface FactorStatus {
  totp: { enrolledAt: Date } | null;
  keys: KeyView[];
  recoveryCodesLeft: number;
  required: boolean;
}

export async function confirmedTotp(ds: DataSource | EntityManager, userId: number): Promise<SecondFactor | null> {
  return (ds instanceof DataSource ? ds.manager : ds).findOneBy(SecondFactor, { userId, kind: 'totp', confirmedAt: Not(IsNull()) });
}

/** A confirmed app code or at least one key: both count as a second factor (sign-in, enrolment rule). */
export async function hasSecondFactor(ds: DataSource | EntityManager, userId: number): Promise<boolean> {
  const em = ds instanceof DataSource ? ds.manager : ds;
  return (await em.existsBy(SecondFactor, { userId, confirmedAt: Not(IsNull()) })) || (await em.existsBy(WebauthnCredential, { userId }));
}

export async function factorStatus(ds: DataSource, user: { id: number; role: Role }): Promise<FactorStatus> {
  const totp = await confirmedTotp(ds, user.id);
  const keys = await listKeys(ds, user.id);
  const recoveryCodesLeft = totp || keys.length ? await unusedRecoveryCodes(ds, user.id) : 0;
  return { totp: totp ? { enrolledAt: totp.confirmedAt! } : null, keys, recoveryCodesLeft, required: (await requiredRoles(ds)).has(user.role) };
}

export async function unusedRecoveryCodes(ds: DataSource | EntityManager, userId: number): Promise<number> {
  return (ds instanceof DataSource ? ds.manager : ds).countBy(RecoveryCode, { userId, usedAt: IsNull() });
}

/** A user of a role that must use a second factor, who has none yet. */
export async function mustEnrol(ds: DataSource, user: CurrentUser): Promise<boolean> {
  return (await requiredRoles(ds)).has(user.role) && !(await hasSecondFactor(ds, user.id));
}

// ---- enrolment ----

export interface TotpEnrolment {
  secret: string;
  uri: string;
  qr: string;
}

/**
 * The secret being enrolled: made on the first visit and kept (encrypted) until a code confirms
 * it, so a reload shows the same QR. Once confirmed it is never shown again.
 */
export async function startTotpEnrolment(ds: DataSource, sessionSecret: string, user: CurrentUser): Promise<TotpEnrolment> {
  const repo = ds.getRepository(SecondFactor);
  let row = await repo.findOneBy({ userId: user.id, kind: 'totp' });
  if (row?.confirmedAt) throw conflict(t('secondFactor.errors.alreadyEnrolled'));
  let secret = row ? openSecret(sessionSecret, row.secretCipher, user.id) : null;
  if (!row || !secret) {
    secret = newTotpSecret();
    const secretCipher = sealSecret(sessionSecret, secret, user.id);
    if (row) await repo.update({ id: row.id }, { secretCipher, createdAt: clock.now() });
    else row = await repo.save(repo.create({ userId: user.id, kind: 'totp', secretCipher, createdAt: clock.now(), confirmedAt: null, lastUsedStep: null }));
  }
  const uri = totpUri(secret, user.email);
  return { secret, uri, qr: await totpQrDataUri(uri) };
}

export type CodeRefusal = 'wrong' | 'expired' | 'replayed' | 'used' | 'locked';

/**
 * Confirms the enrolment with one valid code; answers the ten recovery codes, shown once, when
 * this is the user's first factor (someone with a key keeps the codes they have: null).
 */
export async function confirmTotpEnrolment(ds: DataSource, sessionSecret: string, actor: Actor, user: CurrentUser, code: string): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false; reason: CodeRefusal }> {
  const now = clock.now();
  const row = await ds.getRepository(SecondFactor).findOneBy({ userId: user.id, kind: 'totp' });
  if (!row) throw notFound();
  if (row.confirmedAt) throw conflict(t('secondFactor.errors.alreadyEnrolled'));
  const secret = openSecret(sessionSecret, row.secretCipher, user.id);
  const check = secret ? checkTotp(secret, code.replace(/\s+/g, ''), now) : { ok: false as const, reason: 'wrong' as const };
  if (!check.ok) {
    await withTransaction(ds, (em) => recordAudit(em, actor, { action: 'auth.second_factor_enrol_failed', recordType: 'user', recordId: user.id, detail: { kind: 'totp', reason: check.reason } }, now));
    return { ok: false, reason: check.reason };
  }
  return withTransaction(ds, async (em) => {
    const recoveryCodes = (await em.existsBy(WebauthnCredential, { userId: user.id })) ? null : generateRecoveryCodes();
    const done = await em.update(SecondFactor, { id: row.id, confirmedAt: IsNull() }, { confirmedAt: now, lastUsedStep: check.step });
    if (!done.affected) throw conflict(t('secondFactor.errors.alreadyEnrolled'));
    if (recoveryCodes) await replaceRecoveryCodes(em, user.id, recoveryCodes);
    await em.delete(SecondFactorReset, { userId: user.id });
    await recordAudit(em, actor, { action: 'auth.second_factor_enrolled', recordType: 'user', recordId: user.id, detail: { kind: 'totp', recoveryCodes: recoveryCodes?.length ?? 0 } }, now);
    return { ok: true as const, recoveryCodes };
  });
}

export async function replaceRecoveryCodes(em: EntityManager, userId: number, codes: string[]): Promise<void> {
  await em.delete(RecoveryCode, { userId });
  await em.insert(RecoveryCode, codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, normalizeRecoveryCode(c)!), usedAt: null })));
}

// ---- checking a code (sign-in, re-authentication, removal) ----

export type FactorMethod = 'totp' | 'recovery_code';
export type CodePurpose = 'sign_in' | 'reauth' | 'remove';

const throttleKey = (sessionSecret: string, userId: number) => crypto.createHmac('sha256', sessionSecret).update(`second-factor:${userId}`).digest('hex');

export async function secondStepThrottle(ds: DataSource | EntityManager, sessionSecret: string, userId: number): Promise<{ keyHash: string; throttle: LoginThrottle | null }> {
  const keyHash = throttleKey(sessionSecret, userId);
  return { keyHash, throttle: await (ds instanceof DataSource ? ds.manager : ds).findOneBy(LoginThrottle, { keyHash }) };
}

/** One more wrong code or key answer in a row; the fifth locks the second step. Answers whether it is now locked. */
export async function countSecondStepFailure(
  em: EntityManager,
  keyHash: string,
  throttle: LoginThrottle | null,
  now: Date,
  audit: (action: 'auth.second_factor_locked' | 'auth.second_factor_failed', failures: number) => Promise<unknown>,
): Promise<boolean> {
  const failures = (throttle && throttle.failures < MAX_CODE_FAILURES ? throttle.failures : 0) + 1;
  const lockedUntil = failures >= MAX_CODE_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await em.upsert(LoginThrottle, { keyHash, failures, lockedUntil, lastFailureAt: now }, ['keyHash']);
  await audit(lockedUntil ? 'auth.second_factor_locked' : 'auth.second_factor_failed', failures);
  return lockedUntil !== null;
}

export async function codesLocked(ds: DataSource, sessionSecret: string, userId: number, now = clock.now()): Promise<boolean> {
  const row = await ds.getRepository(LoginThrottle).findOneBy({ keyHash: throttleKey(sessionSecret, userId) });
  return Boolean(row?.lockedUntil && row.lockedUntil > now);
}

/**
 * Checks a six-digit code or a recovery code. Five wrong codes in a row lock the second step
 * for LOCK_MS (counted in login_throttle, per user). A code's time step is accepted once; a
 * recovery code once. Every refusal is audited; on success `onSuccess` runs in the same
 * transaction as the code being used up, so a failure there leaves the code unused.
 */
export async function verifySecondFactor<T>(
  ds: DataSource,
  sessionSecret: string,
  actor: Actor,
  user: { id: number },
  input: string,
  purpose: CodePurpose,
  onSuccess: (em: EntityManager, method: FactorMethod) => Promise<T>,
): Promise<{ ok: true; value: T; method: FactorMethod } | { ok: false; reason: CodeRefusal }> {
  const now = clock.now();
  const keyHash = throttleKey(sessionSecret, user.id);
  const throttle = await ds.getRepository(LoginThrottle).findOneBy({ keyHash });
  const audit = (em: EntityManager, action: string, detail: Record<string, string | number | boolean | null>) => recordAudit(em, actor, { action, recordType: 'user', recordId: user.id, detail: { purpose, ...detail } }, now);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await withTransaction(ds, (em) => audit(em, 'auth.second_factor_locked', {}));
    return { ok: false, reason: 'locked' };
  }
  const factor = await confirmedTotp(ds, user.id);
  if (!(await hasSecondFactor(ds, user.id))) throw notFound();
  const typed = input.trim();
  const digits = typed.replace(/\s+/g, '');
  const method: FactorMethod = /^\d{6}$/.test(digits) ? 'totp' : 'recovery_code';

  const outcome = await withTransaction(ds, async (em): Promise<{ ok: true; value: T } | { ok: false; reason: CodeRefusal }> => {
    let refusal: CodeRefusal | null = null;
    if (method === 'totp') {
      // Six digits from someone with keys only: no app code can be right.
      const secret = factor ? openSecret(sessionSecret, factor.secretCipher, user.id) : null;
      const check = secret ? checkTotp(secret, digits, now) : { ok: false as const, reason: 'wrong' as const };
      if (!check.ok) refusal = check.reason;
      else {
        const used = await em
          .createQueryBuilder()
          .update(SecondFactor)
          .set({ lastUsedStep: check.step })
          .where('id = :id', { id: factor!.id })
          .andWhere('(last_used_step IS NULL OR last_used_step < :step)', { step: check.step })
          .execute();
        if (!used.affected) refusal = 'replayed';
      }
    } else {
      const normalized = normalizeRecoveryCode(typed);
      if (!normalized) refusal = 'wrong';
      else {
        const codeHash = hashRecoveryCode(user.id, normalized);
        const used = await em.update(RecoveryCode, { userId: user.id, codeHash, usedAt: IsNull() }, { usedAt: now });
        if (!used.affected) refusal = (await em.existsBy(RecoveryCode, { userId: user.id, codeHash })) ? 'used' : 'wrong';
        else await audit(em, 'auth.recovery_code_used', { left: await em.countBy(RecoveryCode, { userId: user.id, usedAt: IsNull() }) });
      }
    }
    if (refusal) {
      const locked = await countSecondStepFailure(em, keyHash, throttle, now, (action, failures) => audit(em, action, { method, reason: refusal, failures }));
      return { ok: false, reason: locked ? 'locked' : refusal };
    }
    await em.delete(LoginThrottle, { keyHash });
    return { ok: true, value: await onSuccess(em, method) };
  });
  return outcome.ok ? { ...outcome, method } : outcome;
}

// ---- removing and resetting ----

/** The user removes their own factor with a current code (the route has checked their password). */
export async function removeOwnFactor(ds: DataSource, sessionSecret: string, actor: Actor, user: CurrentUser, code: string): Promise<{ ok: true } | { ok: false; reason: CodeRefusal }> {
  const result = await verifySecondFactor(ds, sessionSecret, actor, user, code, 'remove', async (em) => {
    await em.delete(SecondFactor, { userId: user.id });
    // The recovery codes stand in for the keys that remain, if any.
    const keysLeft = await em.countBy(WebauthnCredential, { userId: user.id });
    if (!keysLeft) await em.delete(RecoveryCode, { userId: user.id });
    await recordAudit(em, actor, { action: 'auth.second_factor_removed', recordType: 'user', recordId: user.id, detail: { kind: 'totp', keysLeft } });
  });
  return result.ok ? { ok: true } : result;
}

/**
 * An admin resets a user's factor (a lost phone or key): the app code, every key and the recovery codes go, the user's
 * sessions end, and they are told at their next sign-in.
 */
export async function resetFactor(ds: DataSource, actor: Actor, userId: number): Promise<User> {
  return withTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id: userId });
    if (!user) throw notFound(t('users.errors.notFound'));
    const had = await em.countBy(SecondFactor, { userId });
    const keys = await em.countBy(WebauthnCredential, { userId });
    await em.delete(SecondFactor, { userId });
    await em.delete(WebauthnCredential, { userId });
    await em.delete(RecoveryCode, { userId });
    const ended = (await em.delete(Session, { userId })).affected ?? 0;
    await em.upsert(SecondFactorReset, { userId, resetAt: new Date() }, ['userId']);
    await recordAudit(em, actor, { action: 'auth.second_factor_reset', recordType: 'user', recordId: userId, detail: { factors: had, keys, sessionsEnded: ended } });
    return user;
  });
}

/** A reset the user has not been told of yet; told once, then forgotten. */
export async function takeResetNotice(em: EntityManager, userId: number): Promise<Date | null> {
  const row = await em.findOneBy(SecondFactorReset, { userId });
  if (!row) return null;
  await em.delete(SecondFactorReset, { userId });
  return row.resetAt;
}

/**
 * A new set of ten recovery codes (the route has asked for the password and second factor in the
 * last 10 minutes): the old set, used or not, stops working in the same transaction.
 */
export async function regenerateRecoveryCodes(ds: DataSource, actor: Actor, user: CurrentUser): Promise<string[]> {
  return withTransaction(ds, async (em) => {
    if (!(await hasSecondFactor(em, user.id))) throw conflict(t('secondFactor.errors.noFactor'));
    const unusedBefore = await unusedRecoveryCodes(em, user.id);
    const codes = generateRecoveryCodes();
    await replaceRecoveryCodes(em, user.id, codes);
    await recordAudit(em, actor, { action: 'auth.recovery_codes_regenerated', recordType: 'user', recordId: user.id, detail: { count: codes.length, unusedBefore } });
    return codes;
  });
}
