import { Request, Response } from 'express';
import { parse } from 'cookie';

export const SESSION_COOKIE = 'casebook_session';
export const LOGIN_CSRF_COOKIE = 'casebook_login';
/** A sign-in waiting for its second step (second-factor/pending-sign-in.service.ts). */
export const PENDING_COOKIE = 'casebook_pending';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parse(header)[name];
}

/** HttpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS (directly or via a trusted proxy). */
export function setCookie(req: Request, res: Response, name: string, value: string): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
