import crypto from 'node:crypto';
import { Request, Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { AppContext, sessionSettings } from '../http/context';
import { LOGIN_CSRF_COOKIE, PENDING_COOKIE, SESSION_COOKIE, clearCookie, readCookie, setCookie } from '../http/cookies';
import { isCrossSite, sameToken } from '../http/auth.middleware';
import { csrfFailed } from '../http/errors';
import { attemptLogin } from './login.service';
import { endSession, hashSessionToken, setFlash } from '../sessions/session.service';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { actorOf } from '../http/actor';
import { PASSWORD_MAX } from './password';
import { t } from '../i18n/i18n';
import { securityMode } from '../security/security.service';
import { viewHelpers } from '../views/helpers';

const loginSchema = z.object({
  email: z.string().max(254).default(''),
  password: z.string().max(PASSWORD_MAX).default(''),
  next: z.string().max(2000).optional(),
  _csrf: z.string().max(200).optional(),
});


/** Only same-site paths may be redirected to after sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

/** The session starts: a planted session ends, the login cookies go, an admin's factor reset is told. */
export async function startSession(ctx: AppContext, req: Request, res: Response, result: { token: string; factorResetAt: Date | null }, next: string): Promise<void> {
  // A session that came with the request (someone else's, or a planted one) is ended: ids rotate at login.
  if (req.sessionInfo) await endSession(ctx.ds, req.sessionInfo.idHash);
  clearCookie(req, res, LOGIN_CSRF_COOKIE);
  clearCookie(req, res, PENDING_COOKIE);
  setCookie(req, res, SESSION_COOKIE, result.token);
  if (result.factorResetAt) {
    await setFlash(ctx.ds, hashSessionToken(ctx.config.sessionSecret, result.token), t('secondFactor.resetNotice', { when: viewHelpers.dateTime(result.factorResetAt) }));
  }
  res.redirect(303, next);
}

/** The login form's token: the visitor's own if they have one, so two open tabs do not invalidate each other. */
export function loginCsrfToken(req: Request, res: Response): string {
  const existing = readCookie(req, LOGIN_CSRF_COOKIE);
  const token = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : crypto.randomBytes(24).toString('base64url');
  setCookie(req, res, LOGIN_CSRF_COOKIE, token);
  return token;
}

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const settings = sessionSettings(ctx.config);

  const renderLogin = (res: import('express').Response, status: number, locals: Record<string, unknown>) => {
    // The favicon request or a second tab does not invalidate the form (loginCsrfToken).
    const token = loginCsrfToken(res.req, res);
    res.status(status).render('auth/login', { title: t('auth.title'), loginCsrf: token, error: null, email: '', next: '/', notice: null, ...locals });
  };
  /** What the admins say while the instance is read-only or open to admins only. */
  const modeLocals = async () => {
    const state = await securityMode(ctx.ds);
    return { instanceMode: state.mode === 'normal' ? null : state };
  };

  router.get('/login', async (req, res) => {
    if (req.currentUser) return res.redirect(303, safeNext(req.query.next));
    const notice = req.query.expired ? t('auth.notice.expired') : req.query.signedOut ? t('auth.notice.signedOut') : null;
    renderLogin(res, 200, { next: safeNext(req.query.next), notice, ...(await modeLocals()) });
  });

  const ipLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: ctx.config.loginIpLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count, so an office behind one address is not locked out by its own sign-ins.
    skipSuccessfulRequests: true,
    handler: (req, res) => renderLogin(res, 429, { error: t('auth.error.network'), email: '', next: safeNext(req.body?.next) }),
  });


  router.post('/login', ipLimiter, async (req, res) => {
    const parsed = loginSchema.safeParse(req.body ?? {});
    const form = parsed.success ? parsed.data : { email: '', password: '', next: '/', _csrf: undefined };
    if (isCrossSite(req) || !sameToken(form._csrf, readCookie(req, LOGIN_CSRF_COOKIE))) throw csrfFailed();
    const next = safeNext(form.next);
    const email = form.email.trim().slice(0, 254);
    if (!email || !form.password) {
      return renderLogin(res, 422, { error: t('auth.error.missing'), email, next });
    }
    const result = await attemptLogin(ctx.ds, settings, { email, password: form.password, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, next });
    if (result.outcome === 'ok') return startSession(ctx, req, res, result, next);
    if (result.outcome === 'second_step') {
      setCookie(req, res, PENDING_COOKIE, result.pendingToken);
      return res.redirect(303, '/login/second-factor');
    }
    if (result.outcome === 'closed') return renderLogin(res, 403, { error: t('auth.error.closed'), email, next, ...(await modeLocals()) });
    renderLogin(res, result.outcome === 'locked' ? 429 : 401, { error: result.outcome === 'locked' ? t('auth.error.locked') : t('auth.error.invalid'), email, next, ...(await modeLocals()) });
  });

  router.post('/logout', async (req, res) => {
    if (req.sessionInfo) {
      const body = req.body as Record<string, unknown> | undefined;
      if (isCrossSite(req) || !sameToken(typeof body?._csrf === 'string' ? body._csrf : undefined, req.sessionInfo.csrfToken)) throw csrfFailed();
      const idHash = req.sessionInfo.idHash;
      await withTransaction(ctx.ds, async (em) => {
        await endSession(em, idHash);
        await recordAudit(em, actorOf(req), { action: 'auth.logout', recordType: 'user', recordId: req.currentUser?.id ?? null });
      });
    }
    clearCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/login?signedOut=1');
  });

  return router;
}
