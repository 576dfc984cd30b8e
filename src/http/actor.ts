import { Request } from 'express';
import { Actor } from '../audit/audit.service';

/** The audit actor for a request: the signed-in user, and the client address. */
export function actorOf(req: Request): Actor {
  return { userId: req.currentUser?.id ?? null, label: req.currentUser?.email ?? 'anonymous', ip: req.ip ?? null };
}
