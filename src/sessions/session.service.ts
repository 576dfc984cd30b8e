import crypto from 'node:crypto';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { Session } from './session.entity';
import { User } from '../users/user.entity';
import { isLongWriteRunning } from '../db/long-write';

export interface SessionSettings {
  secret: string;
  idleMs: number;
  maxMs: number;
}

export function hashSessionToken(secret: string, token: string): string {
  return crypto.createHmac('sha256', secret).update(token).digest('hex');
}

/** A fresh random id for every sign-in: the id is rotated at login by construction. */
export async function createSession(
  em: EntityManager,
  settings: SessionSettings,
  user: User,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const session = em.create(Session, {
    idHash: hashSessionToken(settings.secret, token),
    userId: user.id,
    csrfToken: crypto.randomBytes(32).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.maxMs),
    ip: meta.ip,
    userAgent: meta.userAgent ? meta.userAgent.slice(0, 300) : null,
    authenticatedAt: now,
    flash: null,
  });
  await em.insert(Session, session);
  return { token, session };
}

export type SessionLookup =
  | { state: 'active'; session: Session; user: User }
  | { state: 'expired' }
  | { state: 'none' };

const TOUCH_EVERY_MS = 60_000;

/** Finds the session for a cookie token and enforces idle timeout, absolute lifetime and disabled users. */
export async function resolveSession(ds: DataSource, settings: SessionSettings, token: string, now = new Date()): Promise<SessionLookup> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: 'none' };
  const idHash = hashSessionToken(settings.secret, token);
  const repo = ds.getRepository(Session);
  const session = await repo.findOne({ where: { idHash }, relations: { user: true } });
  if (!session || !session.user) return { state: 'none' };
  const idleExpired = now.getTime() - session.lastSeenAt.getTime() > settings.idleMs;
  if (idleExpired || now >= session.expiresAt || session.user.disabled) {
    await repo.delete({ idHash });
    return { state: 'expired' };
  }
  // Put off while an import's commit holds the database (db/long-write.ts): a later request touches it.
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS && !isLongWriteRunning(ds)) {
    session.lastSeenAt = now;
    await repo.update({ idHash }, { lastSeenAt: now });
  }
  const { user, ...rest } = session;
  return { state: 'active', session: rest as Session, user };
}

export async function endSession(ds: DataSource | EntityManager, idHash: string): Promise<void> {
  await (ds instanceof DataSource ? ds.manager : ds).delete(Session, { idHash });
}

export async function setFlash(ds: DataSource, idHash: string, message: string | null): Promise<void> {
  await ds.getRepository(Session).update({ idHash }, { flash: message ? message.slice(0, 500) : null });
}

export async function purgeExpiredSessions(ds: DataSource, settings: SessionSettings, now = new Date()): Promise<number> {
  const repo = ds.getRepository(Session);
  const a = await repo.delete({ expiresAt: LessThan(now) });
  const b = await repo.delete({ lastSeenAt: LessThan(new Date(now.getTime() - settings.idleMs)) });
  return (a.affected ?? 0) + (b.affected ?? 0);
}
