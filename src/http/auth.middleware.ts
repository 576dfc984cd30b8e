import crypto from 'node:crypto';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppContext, CurrentUser, sessionSettings } from './context';
import { SESSION_COOKIE, clearCookie, readCookie } from './cookies';
import { csrfFailed, unauthorized } from './errors';
import { resolveSession } from '../sessions/session.service';
import { resolveApiToken } from '../tokens/token.service';
import { User } from '../users/user.entity';

export function toCurrentUser(user: User): CurrentUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language ?? null, mediaGreyscale: user.mediaGreyscale ?? false };
}

/** Reads the session cookie, if any; an expired or forged cookie is dropped and the request goes on anonymous. */
export function loadSession(ctx: AppContext): RequestHandler {
  const settings = sessionSettings(ctx.config);
  return async (req, res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) return next();
    const found = await resolveSession(ctx.ds, settings, token);
    if (found.state !== 'active') {
      clearCookie(req, res, SESSION_COOKIE);
      if (found.state === 'expired') res.locals.sessionExpired = true;
      return next();
    }
    req.currentUser = toCurrentUser(found.user);
    req.sessionInfo = { idHash: found.session.idHash, csrfToken: found.session.csrfToken, flash: found.session.flash, authenticatedAt: found.session.authenticatedAt ?? found.session.createdAt };
    req.authKind = 'session';
    next();
  };
}

/** `Authorization: Bearer cbk_...` for the API; a bad token is a 401, never a fallback to the cookie. */
export function loadBearer(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const found = await resolveApiToken(ctx.ds, match[1]);
    if (!found) throw unauthorized('This API token is not valid: it may be revoked, mistyped, or its user disabled.');
    req.currentUser = toCurrentUser(found.user);
    req.sessionInfo = undefined;
    req.authKind = 'token';
    next();
  };
}

export function requireSignedInPage(req: Request, res: Response, next: NextFunction): void {
  if (req.currentUser) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    const back = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
    const expired = res.locals.sessionExpired ? '&expired=1' : '';
    return res.redirect(303, `/login?next=${encodeURIComponent(back)}${expired}`);
  }
  throw unauthorized('Your session has ended. Please sign in again.');
}

export function requireSignedInApi(req: Request, _res: Response, next: NextFunction): void {
  if (req.currentUser) return next();
  throw unauthorized('Authentication required: send "Authorization: Bearer <token>".');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Refuses requests a browser marks as cross-site, and any whose Origin is not ours. */
export function isCrossSite(req: Request): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  return origin !== `${req.protocol}://${req.get('host')}`;
}

/**
 * Synchronizer-token CSRF check for every state-changing request authenticated by a cookie.
 * Bearer-token requests carry no ambient credentials and are exempt.
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || req.authKind === 'token' || !req.sessionInfo) return next();
  const body = req.body as Record<string, unknown> | undefined;
  // Multipart uploads are parsed after this check (by the upload route), so their form carries
  // the token in the action URL (?_csrf=) or, from script, in the X-CSRF-Token header.
  const fromQuery = req.is('multipart/form-data') && typeof req.query._csrf === 'string' ? req.query._csrf : undefined;
  const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.get('x-csrf-token') ?? fromQuery;
  if (isCrossSite(req) || !sameToken(sent, req.sessionInfo.csrfToken)) throw csrfFailed();
  next();
}
