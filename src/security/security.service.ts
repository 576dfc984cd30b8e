import crypto from 'node:crypto';
import { DataSource, In, Not } from 'typeorm';
import { Actor, recordAudit } from '../audit/audit.service';
import { AuditEntry } from '../audit/audit-entry.entity';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { notFound } from '../http/errors';
import { Session } from '../sessions/session.entity';
import { SecurityMode, SecurityState } from './security-state.entity';
import { browserOf } from './user-agent';

export interface SecurityModeView {
  mode: SecurityMode;
  message: string | null;
  changedAt: Date | null;
}

const NORMAL: SecurityModeView = { mode: 'normal', message: null, changedAt: null };
/**
 * Read on every request, so each server of several sees a change within this long; the server
 * that made the change sees it at once.
 */
const CACHE_MS = 2_000;
const cache = new WeakMap<DataSource, { at: number; value: SecurityModeView }>();

export async function securityMode(ds: DataSource, opts: { fresh?: boolean } = {}): Promise<SecurityModeView> {
  const now = Date.now();
  const hit = cache.get(ds);
  if (hit && !opts.fresh && now - hit.at < CACHE_MS) return hit.value;
  const row = await ds.getRepository(SecurityState).findOneBy({ id: 1 });
  const value = row ? { mode: row.mode, message: row.message, changedAt: row.changedAt } : NORMAL;
  cache.set(ds, { at: now, value });
  return value;
}

/**
 * Sets the mode (admins; the route authorizes). "Admins only" also ends every session that is
 * not an admin's, in the same transaction as the change and its audit entry.
 */
export async function setSecurityMode(ds: DataSource, actor: Actor, user: CurrentUser, mode: SecurityMode, message: string | null): Promise<{ endedSessions: number }> {
  const ended = await withTransaction(ds, async (em) => {
    const before = (await em.findOneBy(SecurityState, { id: 1 }))?.mode ?? 'normal';
    await em.upsert(SecurityState, { id: 1, mode, message: mode === 'normal' ? null : message, changedAt: new Date(), changedById: user.id }, ['id']);
    let endedSessions = 0;
    if (mode === 'admins_only') {
      const others = await em.createQueryBuilder(Session, 's').select('s.idHash', 'idHash').innerJoin('s.user', 'u').where('u.role <> :admin', { admin: 'admin' }).getRawMany<{ idHash: string }>();
      if (others.length) endedSessions = (await em.delete(Session, { idHash: In(others.map((o) => o.idHash)) })).affected ?? others.length;
    }
    await recordAudit(em, actor, { action: 'security.mode', recordType: 'instance', recordId: null, detail: { from: before, to: mode, message: mode === 'normal' ? null : message, endedSessions } });
    return endedSessions;
  });
  cache.delete(ds);
  return { endedSessions: ended };
}

/** Ends every session but the admin's own (theirs is ended by signing out). */
export async function endAllSessions(ds: DataSource, actor: Actor, keepIdHash: string | null): Promise<number> {
  return withTransaction(ds, async (em) => {
    const ended = (await em.delete(Session, keepIdHash ? { idHash: Not(keepIdHash) } : {})).affected ?? 0;
    await recordAudit(em, actor, { action: 'security.sessions_ended', recordType: 'instance', recordId: null, detail: { ended } });
    return ended;
  });
}

export async function activeSessionCount(ds: DataSource): Promise<number> {
  return ds.getRepository(Session).count();
}

/**
 * A session as its owner sees it. `ref` names it in forms: a hash of the stored hash, so the
 * page never carries anything a session is looked up by.
 */
export interface SessionView {
  ref: string;
  browser: ReturnType<typeof browserOf>;
  ip: string | null;
  startedAt: Date;
  lastActiveAt: Date;
  current: boolean;
}

const refOf = (idHash: string) => crypto.createHash('sha256').update(`session-ref:${idHash}`).digest('hex').slice(0, 24);

export async function ownSessions(ds: DataSource, user: CurrentUser, currentIdHash: string | null): Promise<SessionView[]> {
  const rows = await ds.getRepository(Session).find({ where: { userId: user.id }, order: { lastSeenAt: 'DESC' } });
  return rows.map((s) => ({ ref: refOf(s.idHash), browser: browserOf(s.userAgent), ip: s.ip, startedAt: s.createdAt, lastActiveAt: s.lastSeenAt, current: s.idHash === currentIdHash }));
}

/** Ends one of the user's own sessions (404 for anyone else's), or all but the current one. */
export async function endOwnSessions(ds: DataSource, actor: Actor, user: CurrentUser, which: { ref: string } | { allBut: string | null }): Promise<number> {
  return withTransaction(ds, async (em) => {
    const mine = await em.find(Session, { where: { userId: user.id }, select: { idHash: true } });
    const ending = 'ref' in which ? mine.filter((s) => refOf(s.idHash) === which.ref) : mine.filter((s) => s.idHash !== which.allBut);
    if ('ref' in which && ending.length === 0) throw notFound();
    if (ending.length) await em.delete(Session, { idHash: In(ending.map((s) => s.idHash)) });
    await recordAudit(em, actor, { action: 'auth.sessions_ended', recordType: 'user', recordId: user.id, detail: { ended: ending.length, own: true } });
    return ending.length;
  });
}

export type SignInOutcome = 'ok' | 'failed' | 'locked' | 'refused' | 'code_asked' | 'code_failed' | 'code_locked';
export interface SignInView {
  at: string;
  outcome: SignInOutcome;
  ip: string | null;
}
const OUTCOMES: Record<string, SignInOutcome> = {
  'auth.login': 'ok',
  'auth.login_failed': 'failed',
  'auth.login_locked': 'locked',
  'auth.login_refused': 'refused',
  // The second step (issue 14): a right password followed by no code, or by wrong ones, is worth seeing.
  'auth.second_factor_asked': 'code_asked',
  'auth.second_factor_failed': 'code_failed',
  'auth.second_factor_locked': 'code_locked',
};

/** The user's recent sign-ins, failures included (from the audit trail). */
export async function recentSignIns(ds: DataSource, user: CurrentUser, limit = 20): Promise<SignInView[]> {
  const rows = await ds.getRepository(AuditEntry).find({
    where: { recordType: 'user', recordId: String(user.id), action: In(Object.keys(OUTCOMES)) },
    order: { seq: 'DESC' },
    take: limit,
    select: { seq: true, at: true, action: true, ip: true },
  });
  return rows.map((r) => ({ at: r.at, outcome: OUTCOMES[r.action], ip: r.ip }));
}
