import { Request, RequestHandler, Router } from 'express';
import { AppContext } from '../http/context';
import { AppError } from '../http/errors';
import { t } from '../i18n/i18n';
import { mustEnrol } from './second-factor.service';

/** Where a user who must enrol may still go: enrolment itself (sign-out is handled earlier). */
const ENROLMENT_PATHS = /^\/account\/second-factor(?:\/|$)/;

/**
 * A user of a role that must use a second factor and has none is sent to enrolment and can do
 * nothing else. Sessions only: API tokens are made by admins and have no enrolment page.
 */
export function requireEnrolment(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const user = req.currentUser;
    if (!user || req.authKind !== 'session' || ENROLMENT_PATHS.test(req.path)) return next();
    if (!(await mustEnrol(ctx.ds, user))) return next();
    if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, '/account/second-factor/totp?required=1');
    throw new AppError(403, 'second_factor_required', t('secondFactor.errors.required'));
  };
}

/** The page a form was sent from, when it is one of ours (the Referrer-Policy is same-origin). */
function sameSiteReferrer(req: Request): string | null {
  try {
    const url = new URL(req.get('referer') ?? '');
    return url.host === req.get('host') && /^https?:$/.test(url.protocol) ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

export const REAUTH_MS = 10 * 60_000;

/**
 * For sensitive routes (user and token management, full exports): the session's last check of
 * password and second factor must be at most `maxAgeMs` old, else the user confirms them on
 * /reauth and comes back. A form sent too late comes back to the page it was sent from.
 */
export function requireRecentAuth(maxAgeMs = REAUTH_MS): RequestHandler {
  return (req, res, next) => {
    // Tokens are the API's own credential, made by an admin: no interactive check to ask for.
    if (req.authKind !== 'session' || !req.sessionInfo) return next();
    if (Date.now() - req.sessionInfo.authenticatedAt.getTime() <= maxAgeMs) return next();
    // The JSON API used from a signed-in browser: an error the page's script can show, not a redirect.
    if (req.baseUrl.startsWith('/api/')) throw new AppError(403, 'reauth_required', t('secondFactor.errors.reauthRequired'));
    const back = req.method === 'GET' ? req.originalUrl : (sameSiteReferrer(req) ?? req.originalUrl.split('?')[0]);
    res.redirect(303, `/reauth?next=${encodeURIComponent(back)}`);
  };
}

/** The API's bulk downloads, when a browser session (not a token) asks for them. */
export function recentAuthApiRoutes(): Router {
  const router = Router();
  router.get(['/exports/:kind', '/cases/:caseId/evidence/bundle'], requireRecentAuth());
  return router;
}
