import { Request, Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { completeSignIn } from '../auth/login.service';
import { loginCsrfToken, startSession } from '../auth/auth.routes';
import { AppContext, sessionSettings } from '../http/context';
import { LOGIN_CSRF_COOKIE, PENDING_COOKIE, clearCookie, readCookie } from '../http/cookies';
import { isCrossSite, sameToken } from '../http/auth.middleware';
import { csrfFailed } from '../http/errors';
import { t } from '../i18n/i18n';
import { codeForm } from './second-factor.schema';
import { CodeRefusal, verifySecondFactor } from './second-factor.service';
import { PendingView, endPendingSignIn, resolvePendingSignIn } from './pending-sign-in.service';
import { confirmedTotp } from './second-factor.service';
import { keyAssertionForm } from './webauthn.schema';
import { authenticationOptions, relyingParty, verifyKey } from './webauthn.service';
import { keyRefusalMessage } from './webauthn.routes';

export const refusalMessage = (reason: CodeRefusal) => t(`secondFactor.errors.${reason}`);

/** The second step of signing in: a six-digit code, or a recovery code, after the right password. */
export function secondStepRoutes(ctx: AppContext): Router {
  const router = Router();
  const settings = sessionSettings(ctx.config);
  /** Both ways when the user has both: the key (a fresh challenge for this pending sign-in) and the code. */
  const render = async (req: Request, res: Response, status: number, error: string | null, pending: PendingView | null) => {
    const keyOptions = pending ? await authenticationOptions(ctx.ds, relyingParty(ctx.config, req), pending.user.id, 'sign_in', pending.idHash) : null;
    const totp = pending ? Boolean(await confirmedTotp(ctx.ds, pending.user.id)) : true;
    res.status(status).render('auth/second-factor', { title: t('secondFactor.signIn.title'), loginCsrf: loginCsrfToken(req, res), error, keyOptions, totp });
  };
  const pendingOf = (req: Request) => resolvePendingSignIn(ctx.ds, settings.secret, readCookie(req, PENDING_COOKIE), new Date());
  const startOver = (req: Request, res: Response) => {
    clearCookie(req, res, PENDING_COOKIE);
    res.redirect(303, '/login?expired=1');
  };

  router.get('/login/second-factor', async (req, res) => {
    const pending = await pendingOf(req);
    if (!pending) return startOver(req, res);
    await render(req, res, 200, null, pending);
  });

  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: ctx.config.loginIpLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: async (req, res) => render(req, res, 429, t('auth.error.network'), await pendingOf(req)),
  });

  router.post('/login/second-factor', limiter, async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (isCrossSite(req) || !sameToken(typeof body?._csrf === 'string' ? body._csrf : undefined, readCookie(req, LOGIN_CSRF_COOKIE))) throw csrfFailed();
    const pending = await pendingOf(req);
    if (!pending) return startOver(req, res);
    const form = codeForm.safeParse(body ?? {});
    if (!form.success) return render(req, res, 422, t('secondFactor.errors.codeMissing'), pending);
    const meta = { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
    const actor = { userId: pending.user.id, label: pending.user.email, ip: meta.ip };
    const result = await verifySecondFactor(ctx.ds, settings.secret, actor, pending.user, form.data.code, 'sign_in', async (em, method) => {
      await endPendingSignIn(em, pending.idHash);
      return completeSignIn(em, settings, pending.user, meta, { secondFactor: method });
    });
    if (result.ok) return startSession(ctx, req, res, result.value, pending.next);
    if (result.reason === 'locked') {
      // Locked: this pending sign-in ends; after the lock, the password is asked again.
      await endPendingSignIn(ctx.ds, pending.idHash);
      clearCookie(req, res, PENDING_COOKIE);
      return render(req, res, 429, refusalMessage('locked'), null);
    }
    await render(req, res, 401, refusalMessage(result.reason), pending);
  });

  router.post('/login/second-factor/key', limiter, async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (isCrossSite(req) || !sameToken(typeof body?._csrf === 'string' ? body._csrf : undefined, readCookie(req, LOGIN_CSRF_COOKIE))) throw csrfFailed();
    const pending = await pendingOf(req);
    if (!pending) return startOver(req, res);
    const form = keyAssertionForm.safeParse(body ?? {});
    const meta = { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
    const actor = { userId: pending.user.id, label: pending.user.email, ip: meta.ip };
    const answer = form.success ? form.data.credential : undefined;
    if (!answer && form.success) return render(req, res, 422, t('secondFactor.keys.needsJs'), pending);
    const result = await verifyKey(ctx.ds, settings.secret, relyingParty(ctx.config, req), actor, pending.user, 'sign_in', pending.idHash, answer, async (em) => {
      await endPendingSignIn(em, pending.idHash);
      return completeSignIn(em, settings, pending.user, meta, { secondFactor: 'webauthn' });
    });
    if (result.ok) return startSession(ctx, req, res, result.value, pending.next);
    if (result.reason === 'locked') {
      await endPendingSignIn(ctx.ds, pending.idHash);
      clearCookie(req, res, PENDING_COOKIE);
      return render(req, res, 429, refusalMessage('locked'), null);
    }
    await render(req, res, 401, keyRefusalMessage(result.reason), pending);
  });

  return router;
}
