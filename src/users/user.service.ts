import { DataSource, EntityManager } from 'typeorm';
import { Role, User } from './user.entity';
import { Session } from '../sessions/session.entity';
import { ApiToken } from '../tokens/api-token.entity';
import { hashPassword, verifyPassword } from '../auth/password';
import { Actor, recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { conflict, notFound, validationFailed } from '../http/errors';
import { CreateUserInput, UpdateUserInput } from './user.schema';
import { t } from '../i18n/i18n';

export async function createUser(ds: DataSource, actor: Actor, input: CreateUserInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ds, async (em) => {
    if (await em.existsBy(User, { email: input.email })) {
      throw conflict(t('users.errors.exists'), { email: t('users.errors.exists') });
    }
    const user = await em.save(User, em.create(User, { email: input.email, name: input.name, role: input.role, passwordHash, disabled: false }));
    await recordAudit(em, actor, { action: 'user.create', recordType: 'user', recordId: user.id, fields: ['email', 'name', 'role', 'password'], detail: { role: user.role } });
    return user;
  });
}

export function listUsers(ds: DataSource): Promise<User[]> {
  return ds.getRepository(User).find({ order: { disabled: 'ASC', name: 'ASC' } });
}

export async function getUser(ds: DataSource, id: number): Promise<User> {
  const user = await ds.getRepository(User).findOneBy({ id });
  if (!user) throw notFound(t('users.errors.notFound'));
  return user;
}

export function findUserByEmail(ds: DataSource | EntityManager, email: string): Promise<User | null> {
  return (ds instanceof DataSource ? ds.manager : ds).findOneBy(User, { email: email.trim().toLowerCase() });
}

export async function updateUser(ds: DataSource, actor: Actor, id: number, input: UpdateUserInput): Promise<User> {
  return withTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id });
    if (!user) throw notFound(t('users.errors.notFound'));
    const changed: string[] = [];
    if (user.name !== input.name) changed.push('name');
    if (user.role !== input.role) {
      if (user.role === 'admin' && (await activeAdminCount(em)) <= 1 && !user.disabled) {
        throw validationFailed({ role: t('users.errors.lastAdmin') });
      }
      changed.push('role');
    }
    if (changed.length === 0) return user;
    const previousRole = user.role;
    user.name = input.name;
    user.role = input.role as Role;
    await em.save(User, user);
    await recordAudit(em, actor, {
      action: changed.includes('role') ? 'user.role_change' : 'user.update',
      recordType: 'user',
      recordId: user.id,
      fields: changed,
      detail: changed.includes('role') ? { from: previousRole, to: user.role } : {},
    });
    return user;
  });
}

/** Disabling ends every session and revokes nothing else: tokens stop working because the user is disabled. */
export async function setUserDisabled(ds: DataSource, actor: Actor, id: number, disabled: boolean): Promise<User> {
  return withTransaction(ds, async (em) => {
    const user = await em.findOneBy(User, { id });
    if (!user) throw notFound(t('users.errors.notFound'));
    if (user.disabled === disabled) return user;
    if (disabled && user.role === 'admin' && (await activeAdminCount(em)) <= 1) {
      throw validationFailed({ disabled: t('users.errors.lastAdminDisable') }, t('users.errors.lastAdminDisable'));
    }
    user.disabled = disabled;
    await em.save(User, user);
    let sessionsEnded = 0;
    if (disabled) {
      const result = await em.delete(Session, { userId: user.id });
      sessionsEnded = result.affected ?? 0;
    }
    await recordAudit(em, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      recordType: 'user',
      recordId: user.id,
      fields: ['disabled'],
      detail: disabled ? { sessionsEnded } : {},
    });
    return user;
  });
}

/** Changing one's password ends every other session of that user. */
export async function changePassword(
  ds: DataSource,
  actor: Actor,
  userId: number,
  currentPassword: string,
  newPassword: string,
  keepSessionHash: string | null,
): Promise<void> {
  const user = await getUser(ds, userId);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw validationFailed({ currentPassword: t('users.errors.notCurrentPassword') });
  }
  const passwordHash = await hashPassword(newPassword);
  await withTransaction(ds, async (em) => {
    await em.update(User, { id: userId }, { passwordHash, passwordChangedAt: new Date() });
    const qb = em.createQueryBuilder().delete().from(Session).where('user_id = :id', { id: userId });
    if (keepSessionHash) qb.andWhere('id_hash <> :keep', { keep: keepSessionHash });
    await qb.execute();
    await recordAudit(em, actor, { action: 'user.password_change', recordType: 'user', recordId: userId, fields: ['password'] });
  });
}

/** Every picture and video in greyscale for this user, or in colour. */
export async function setMediaGreyscale(ds: DataSource, actor: Actor, userId: number, greyscale: boolean): Promise<void> {
  await withTransaction(ds, async (em) => {
    await em.update(User, { id: userId }, { mediaGreyscale: greyscale });
    await recordAudit(em, actor, { action: 'user.update', recordType: 'user', recordId: userId, fields: ['mediaGreyscale'] });
  });
}

/** The interface language the user reads Casebook in; null follows the browser. */
/** The user's own display name; audited (which field, not the name itself) only when it changes. */
export async function setDisplayName(ds: DataSource, actor: Actor, userId: number, name: string): Promise<void> {
  await withTransaction(ds, async (em) => {
    const user = await em.findOneByOrFail(User, { id: userId });
    if (user.name === name) return;
    await em.update(User, { id: userId }, { name });
    await recordAudit(em, actor, { action: 'user.update', recordType: 'user', recordId: userId, fields: ['name'] });
  });
}

export async function setLanguage(ds: DataSource, actor: Actor, userId: number, language: string | null): Promise<void> {
  await withTransaction(ds, async (em) => {
    await em.update(User, { id: userId }, { language });
    await recordAudit(em, actor, { action: 'user.update', recordType: 'user', recordId: userId, fields: ['language'] });
  });
}

async function activeAdminCount(em: EntityManager): Promise<number> {
  return em.countBy(User, { role: 'admin', disabled: false });
}

export async function userTokens(ds: DataSource, userId: number): Promise<ApiToken[]> {
  return ds.getRepository(ApiToken).find({ where: { userId }, order: { createdAt: 'DESC' } });
}
