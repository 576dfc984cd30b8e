import { Request, Response, Router } from 'express';
import { authorize } from '../auth/policy';
import { safeNext } from '../auth/auth.routes';
import { verifyPassword } from '../auth/password';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { notFound } from '../http/errors';
import { flash } from '../http/flash';
import { checkForm, idParam } from '../http/validate';
import { t } from '../i18n/i18n';
import { Session } from '../sessions/session.entity';
import { User, ROLES } from '../users/user.entity';
import { clock } from './clock';
import { refusalMessage } from './second-factor-login.routes';
import { requireRecentAuth } from './second-factor.middleware';
import { reauthForm, removeFactorForm, codeForm, requiredRolesForm } from './second-factor.schema';
import { authenticationOptions, relyingParty, verifyKey } from './webauthn.service';
import { keyRefusalMessage } from './webauthn.routes';
import { confirmTotpEnrolment, confirmedTotp, factorStatus, hasSecondFactor, removeOwnFactor, requiredRoles, resetFactor, setRequiredRoles, startTotpEnrolment, verifySecondFactor } from './second-factor.service';
import './second-factor.policy';

/** The user's own second factor (account pages), re-authentication, and the admins' settings. */
export function secondFactorRoutes(ctx: AppContext): Router {
  const router = Router();
  const secret = ctx.config.sessionSecret;

  const overview = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}) => {
    const user = req.currentUser!;
    res.status(status).render('account/second-factor', { title: t('secondFactor.account.title'), status: await factorStatus(ctx.ds, user), errors });
  };
  router.get('/account/second-factor', async (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    await overview(req, res);
  });

  const enrolPage = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}) => {
    const user = req.currentUser!;
    if (await confirmedTotp(ctx.ds, user.id)) return res.redirect(303, '/account/second-factor');
    const enrolment = await startTotpEnrolment(ctx.ds, secret, user);
    const required = (await requiredRoles(ctx.ds)).has(user.role) && !(await hasSecondFactor(ctx.ds, user.id));
    res.status(status).render('account/second-factor-totp', { title: t('secondFactor.enrol.title'), enrolment, required, errors });
  };
  router.get('/account/second-factor/totp', async (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    await enrolPage(req, res);
  });
  router.post('/account/second-factor/totp', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(codeForm, req.body);
    if (!form.ok) return enrolPage(req, res, 422, { code: form.errors.code ?? t('secondFactor.errors.codeMissing') });
    const result = await confirmTotpEnrolment(ctx.ds, secret, actorOf(req), user, form.data.code);
    if (!result.ok) return enrolPage(req, res, 422, { code: refusalMessage(result.reason) });
    if (!result.recoveryCodes) {
      // Added beside a key: the recovery codes the user has stay valid.
      await flash(ctx.ds, req, t('secondFactor.enrol.added'));
      return res.redirect(303, '/account/second-factor');
    }
    // Shown once, in this answer only: never stored in plain, never in a redirect.
    res.status(201).render('account/recovery-codes', { title: t('secondFactor.recovery.title'), codes: result.recoveryCodes, notice: t('secondFactor.recovery.enrolled') });
  });
  router.post('/account/second-factor/remove', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(removeFactorForm, req.body);
    if (!form.ok) return overview(req, res, 422, form.errors);
    const row = await ctx.ds.getRepository(User).findOneBy({ id: user.id });
    if (!row || !(await verifyPassword(form.data.password, row.passwordHash))) return overview(req, res, 422, { password: t('users.errors.notCurrentPassword') });
    const result = await removeOwnFactor(ctx.ds, secret, actorOf(req), user, form.data.code);
    if (!result.ok) return overview(req, res, result.reason === 'locked' ? 429 : 422, { code: refusalMessage(result.reason) });
    await flash(ctx.ds, req, t('secondFactor.account.removed'));
    res.redirect(303, (await requiredRoles(ctx.ds)).has(user.role) ? '/account/second-factor/totp?required=1' : '/account/second-factor');
  });

  // ---- re-authentication ----
  const reauthPage = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}) => {
    const user = req.currentUser!;
    const next = safeNext(req.method === 'GET' ? req.query.next : req.body?.next);
    const keyOptions = req.sessionInfo ? await authenticationOptions(ctx.ds, relyingParty(ctx.config, req), user.id, 'reauth', req.sessionInfo.idHash) : null;
    const totp = Boolean(await confirmedTotp(ctx.ds, user.id));
    res.status(status).render('auth/reauth', { title: t('secondFactor.reauth.title'), next, hasFactor: totp || keyOptions !== null, totp, keyOptions, errors });
  };
  router.get('/reauth', async (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    await reauthPage(req, res);
  });
  router.post('/reauth', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const idHash = req.sessionInfo?.idHash;
    if (!idHash) throw notFound();
    const form = checkForm(reauthForm, req.body);
    if (!form.ok) return reauthPage(req, res, 422, form.errors);
    const next = safeNext(form.data.next);
    const row = await ctx.ds.getRepository(User).findOneBy({ id: user.id });
    if (!row || !(await verifyPassword(form.data.password, row.passwordHash))) {
      await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: 'auth.reauth_failed', recordType: 'user', recordId: user.id, detail: { reason: 'wrong_password' } }));
      return reauthPage(req, res, 422, { password: t('users.errors.notCurrentPassword') });
    }
    const mark = async (em: import('typeorm').EntityManager, method: string) => {
      await em.update(Session, { idHash }, { authenticatedAt: clock.now() });
      await recordAudit(em, actorOf(req), { action: 'auth.reauthenticated', recordType: 'user', recordId: user.id, detail: { secondFactor: method } });
    };
    if (form.data.credential) {
      const result = await verifyKey(ctx.ds, secret, relyingParty(ctx.config, req), actorOf(req), user, 'reauth', idHash, form.data.credential, (em) => mark(em, 'webauthn'));
      if (!result.ok) return reauthPage(req, res, result.reason === 'locked' ? 429 : 422, { credential: keyRefusalMessage(result.reason) });
    } else if (await hasSecondFactor(ctx.ds, user.id)) {
      if (!form.data.code) return reauthPage(req, res, 422, { code: t('secondFactor.errors.codeMissing') });
      const result = await verifySecondFactor(ctx.ds, secret, actorOf(req), user, form.data.code, 'reauth', mark);
      if (!result.ok) return reauthPage(req, res, result.reason === 'locked' ? 429 : 422, { code: refusalMessage(result.reason) });
    } else {
      await withTransaction(ctx.ds, (em) => mark(em, 'none'));
    }
    res.redirect(303, next);
  });

  // ---- admins ----
  const adminPage = async (res: Response, status = 200, errors: Record<string, string> = {}) => {
    const roles = await requiredRoles(ctx.ds, { fresh: true });
    res.status(status).render('admin/second-factor', { title: t('secondFactor.admin.title'), roles: ROLES, required: roles, errors });
  };
  router.get('/admin/second-factor', requireRecentAuth(), async (req, res) => {
    authorize(req.currentUser, 'second_factor.manage');
    await adminPage(res);
  });
  router.post('/admin/second-factor', requireRecentAuth(), async (req, res) => {
    authorize(req.currentUser, 'second_factor.manage');
    const form = checkForm(requiredRolesForm, req.body);
    if (!form.ok) return adminPage(res, 422, form.errors);
    await setRequiredRoles(ctx.ds, actorOf(req), form.data.roles);
    await flash(ctx.ds, req, t('secondFactor.admin.saved'));
    res.redirect(303, '/admin/second-factor');
  });
  router.post('/admin/users/:id/second-factor/reset', requireRecentAuth(), async (req, res) => {
    authorize(req.currentUser, 'second_factor.manage');
    const id = idParam.safeParse(req.params.id);
    if (!id.success) throw notFound(t('users.errors.notFound'));
    const user = await resetFactor(ctx.ds, actorOf(req), id.data);
    await flash(ctx.ds, req, t('secondFactor.admin.resetDone', { name: user.name }));
    res.redirect(303, id.data === req.currentUser.id ? '/login' : `/admin/users/${id.data}`);
  });
  return router;
}
