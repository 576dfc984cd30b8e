import { isLongWriteRunning } from '../db/long-write';
import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiToken } from './api-token.entity';
import { User } from '../users/user.entity';
import { Actor, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { notFound, validationFailed } from '../http/errors';
import { t } from '../i18n/i18n';

const TOKEN_PREFIX = 'cbk_';

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Returns the plain token: the only time it exists outside the holder's hands. */
export async function createApiToken(ds: DataSource, actor: Actor, userId: number, name: string): Promise<{ token: string; record: ApiToken }> {
  const label = name.trim();
  if (label.length === 0 || label.length > 100) throw validationFailed({ name: t('tokens.errors.labelLength') });
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  return withTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id: userId });
    if (!user) throw notFound(t('users.errors.notFound'));
    if (user.disabled) throw validationFailed({ userId: t('tokens.errors.userDisabled') }, t('tokens.errors.userDisabled'));
    const record = await em.save(
      ApiToken,
      em.create(ApiToken, { userId, name: label, tokenHash: hashApiToken(token), prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null }),
    );
    await recordAudit(em, actor, { action: 'token.create', recordType: 'api_token', recordId: record.id, fields: ['name'], detail: { userId, name: label } });
    return { token, record };
  });
}

export async function revokeApiToken(ds: DataSource, actor: Actor, id: number): Promise<ApiToken> {
  return withTransaction(ds, async (em) => {
    const record = await em.findOneBy(ApiToken, { id });
    if (!record) throw notFound(t('tokens.errors.notFound'));
    if (record.revokedAt) return record;
    record.revokedAt = new Date();
    await em.save(ApiToken, record);
    await recordAudit(em, actor, { action: 'token.revoke', recordType: 'api_token', recordId: id, fields: ['revokedAt'], detail: { userId: record.userId } });
    return record;
  });
}

export function listApiTokens(ds: DataSource): Promise<ApiToken[]> {
  return ds.getRepository(ApiToken).find({ relations: { user: true }, order: { revokedAt: 'ASC', createdAt: 'DESC' } });
}

const LAST_USED_GRANULARITY_MS = 60_000;

/** The user behind a live token, or null. Revoked tokens and disabled users get null. */
export async function resolveApiToken(ds: DataSource, token: string, now = new Date()): Promise<{ user: User; token: ApiToken } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const record = await ds.getRepository(ApiToken).findOne({ where: { tokenHash: hashApiToken(token) }, relations: { user: true } });
  if (!record || record.revokedAt || !record.user || record.user.disabled) return null;
  // Put off while an import's commit holds the database (db/long-write.ts).
  if ((!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) && !isLongWriteRunning(ds)) {
    await ds.getRepository(ApiToken).update({ id: record.id }, { lastUsedAt: now });
  }
  return { user: record.user, token: record };
}
