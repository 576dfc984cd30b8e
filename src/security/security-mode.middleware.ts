import { RequestHandler } from 'express';
import { AppContext } from '../http/context';
import { SESSION_COOKIE, clearCookie } from '../http/cookies';
import { AppError } from '../http/errors';
import { t } from '../i18n/i18n';
import { endSession } from '../sessions/session.service';
import { securityMode } from './security.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing out is never a write the mode refuses. */
const ALWAYS_ALLOWED = new Set(['/logout']);

/**
 * The security mode, applied to whoever is signed in (a session, or an API token once the API
 * has read it): read-only refuses every write but an admin's; admins only ends a non-admin's
 * session and refuses their token. Pages learn the mode for their banner.
 */
export function enforceSecurityMode(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const state = await securityMode(ctx.ds);
    res.locals.securityMode = state.mode === 'normal' ? null : state;
    const user = req.currentUser;
    if (!user || user.role === 'admin' || state.mode === 'normal') return next();
    if (state.mode === 'admins_only') {
      if (req.authKind === 'session' && req.sessionInfo) {
        await endSession(ctx.ds, req.sessionInfo.idHash);
        clearCookie(req, res, SESSION_COOKIE);
        req.currentUser = undefined;
        req.sessionInfo = undefined;
        if (SAFE_METHODS.has(req.method) && !req.path.startsWith('/api/')) return res.redirect(303, '/login?closed=1');
      }
      throw new AppError(403, 'instance_closed', state.message ? t('security.errors.closedWith', { message: state.message }) : t('security.errors.closed'));
    }
    if (!SAFE_METHODS.has(req.method) && !ALWAYS_ALLOWED.has(req.path)) {
      throw new AppError(403, 'read_only', state.message ? t('security.errors.readOnlyWith', { message: state.message }) : t('security.errors.readOnly'));
    }
    next();
  };
}
