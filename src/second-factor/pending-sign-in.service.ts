import crypto from 'node:crypto';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { User } from '../users/user.entity';
import { PendingSignIn } from './second-factor.entity';

/** Long enough to open an authenticator app, short enough that a forgotten tab is no open door. */
export const PENDING_MS = 5 * 60_000;

const hashOf = (sessionSecret: string, token: string) => crypto.createHmac('sha256', sessionSecret).update(`pending:${token}`).digest('hex');

export async function createPendingSignIn(em: EntityManager, sessionSecret: string, user: User, next: string, now: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await em.delete(PendingSignIn, { expiresAt: LessThan(now) });
  await em.insert(PendingSignIn, { idHash: hashOf(sessionSecret, token), userId: user.id, next, expiresAt: new Date(now.getTime() + PENDING_MS) });
  return token;
}

export interface PendingView {
  idHash: string;
  user: User;
  next: string;
}

/** The pending sign-in a cookie names, if it has not expired and its user may still sign in. */
export async function resolvePendingSignIn(ds: DataSource, sessionSecret: string, token: string | undefined, now: Date): Promise<PendingView | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const idHash = hashOf(sessionSecret, token);
  const row = await ds.getRepository(PendingSignIn).findOne({ where: { idHash }, relations: { user: true } });
  if (!row || !row.user) return null;
  if (row.expiresAt <= now || row.user.disabled) {
    await ds.getRepository(PendingSignIn).delete({ idHash });
    return null;
  }
  return { idHash, user: row.user, next: row.next };
}

export async function endPendingSignIn(ds: DataSource | EntityManager, idHash: string): Promise<void> {
  await (ds instanceof DataSource ? ds.manager : ds).delete(PendingSignIn, { idHash });
}
