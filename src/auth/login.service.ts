import crypto from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { LoginThrottle } from './login-throttle.entity';
import { decoyHash, verifyPassword } from './password';
import { User } from '../users/user.entity';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { SessionSettings, createSession } from '../sessions/session.service';
import { securityMode } from '../security/security.service';
import { hasSecondFactor, takeResetNotice } from '../second-factor/second-factor.service';
import { createPendingSignIn } from '../second-factor/pending-sign-in.service';

export const MAX_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;

export type LoginResult =
  | { outcome: 'ok'; user: User; token: string; csrfToken: string; factorResetAt: Date | null }
  /** The right password; the user has a second factor, asked for next (a pending sign-in, not a session). */
  | { outcome: 'second_step'; pendingToken: string }
  | { outcome: 'invalid' }
  | { outcome: 'locked' }
  /** The right password, but the instance is open to admins only (security mode). */
  | { outcome: 'closed' };

/**
 * Unknown e-mail, wrong password and disabled account all answer `invalid`, after the same
 * scrypt work; lock-outs are counted per submitted e-mail whether or not it exists.
 */
export async function attemptLogin(
  ds: DataSource,
  settings: SessionSettings,
  input: { email: string; password: string; ip: string | null; userAgent: string | null; next?: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const keyHash = crypto.createHmac('sha256', settings.secret).update('login:' + email).digest('hex');
  const throttle = await ds.getRepository(LoginThrottle).findOneBy({ keyHash });
  const user = await ds.getRepository(User).findOneBy({ email });
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));

  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await withTransaction(ds, (em) =>
      recordAudit(em, { userId: user?.id ?? null, label: email.slice(0, 254), ip: input.ip }, { action: 'auth.login_locked', recordType: user ? 'user' : null, recordId: user?.id ?? null }, now),
    );
    return { outcome: 'locked' };
  }

  if (!user || !passwordOk || user.disabled) {
    const failures = (throttle && (!throttle.lockedUntil || throttle.lockedUntil <= now) && throttle.failures < MAX_FAILURES ? throttle.failures : 0) + 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
    await withTransaction(ds, async (em) => {
      await em.upsert(LoginThrottle, { keyHash, failures, lockedUntil, lastFailureAt: now }, ['keyHash']);
      await recordAudit(
        em,
        { userId: user?.id ?? null, label: email.slice(0, 254), ip: input.ip },
        {
          action: 'auth.login_failed',
          recordType: user ? 'user' : null,
          recordId: user?.id ?? null,
          detail: { reason: !user ? 'unknown_account' : user.disabled ? 'disabled' : 'wrong_password', failures, locked: lockedUntil !== null },
        },
        now,
      );
    });
    return lockedUntil ? { outcome: 'locked' } : { outcome: 'invalid' };
  }

  if (user.role !== 'admin' && (await securityMode(ds)).mode === 'admins_only') {
    await withTransaction(ds, (em) =>
      recordAudit(em, { userId: user.id, label: user.email, ip: input.ip }, { action: 'auth.login_refused', recordType: 'user', recordId: user.id, detail: { reason: 'admins_only' } }, now),
    );
    return { outcome: 'closed' };
  }

  if (await hasSecondFactor(ds, user.id)) {
    return withTransaction(ds, async (em) => {
      await em.delete(LoginThrottle, { keyHash });
      const pendingToken = await createPendingSignIn(em, settings.secret, user, input.next ?? '/', now);
      // A right password with no code after it is worth seeing: the password may be known to someone else.
      await recordAudit(em, { userId: user.id, label: user.email, ip: input.ip }, { action: 'auth.second_factor_asked', recordType: 'user', recordId: user.id }, now);
      return { outcome: 'second_step' as const, pendingToken };
    });
  }

  return withTransaction(ds, async (em) => {
    await em.delete(LoginThrottle, { keyHash });
    return completeSignIn(em, settings, user, { ip: input.ip, userAgent: input.userAgent }, {}, now);
  });
}

/**
 * Every check passed (password, and the second factor when there is one): the session starts.
 * An admin's reset of the user's factor since their last sign-in is told on the first page.
 */
export async function completeSignIn(
  em: EntityManager,
  settings: SessionSettings,
  user: User,
  meta: { ip: string | null; userAgent: string | null },
  detail: Record<string, string | number | boolean | null>,
  now = new Date(),
): Promise<{ outcome: 'ok'; user: User; token: string; csrfToken: string; factorResetAt: Date | null }> {
  await em.update(User, { id: user.id }, { lastLoginAt: now });
  const { token, session } = await createSession(em, settings, user, meta, now);
  await recordAudit(em, { userId: user.id, label: user.email, ip: meta.ip }, { action: 'auth.login', recordType: 'user', recordId: user.id, detail }, now);
  const factorResetAt = await takeResetNotice(em, user.id);
  return { outcome: 'ok' as const, user, token, csrfToken: session.csrfToken, factorResetAt };
}
