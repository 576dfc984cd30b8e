import { Router } from 'express';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { notFound } from '../http/errors';
import { flash } from '../http/flash';
import { checkForm } from '../http/validate';
import { t } from '../i18n/i18n';
import { activeSessionCount, endAllSessions, endOwnSessions, ownSessions, recentSignIns, securityMode, setSecurityMode } from './security.service';
import { securityModeSchema, sessionRef } from './security.schema';
import { SECURITY_MODES } from './security-state.entity';
import './security.policy';

/** Your sessions and sign-ins (everyone, their own); the security mode and ending every session (admins). */
export function securityPageRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/account/sessions', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const [sessions, signIns] = await Promise.all([ownSessions(ctx.ds, user, req.sessionInfo?.idHash ?? null), recentSignIns(ctx.ds, user)]);
    res.render('account/sessions', { title: t('security.sessions.title'), sessions, signIns });
  });
  router.post('/account/sessions/others/end', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const ended = await endOwnSessions(ctx.ds, actorOf(req), user, { allBut: req.sessionInfo?.idHash ?? null });
    await flash(ctx.ds, req, t('security.sessions.endedOthers', { count: ended }));
    res.redirect(303, '/account/sessions');
  });
  router.post('/account/sessions/:ref/end', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const ref = sessionRef.safeParse(req.params.ref);
    if (!ref.success) throw notFound();
    const current = (await ownSessions(ctx.ds, user, req.sessionInfo?.idHash ?? null)).find((s) => s.ref === ref.data)?.current;
    await endOwnSessions(ctx.ds, actorOf(req), user, { ref: ref.data });
    if (current) return res.redirect(303, '/login?signedOut=1');
    await flash(ctx.ds, req, t('security.sessions.ended'));
    res.redirect(303, '/account/sessions');
  });

  const adminPage = async (res: import('express').Response, status = 200, errors: Record<string, string> = {}, values?: Record<string, unknown>) => {
    const state = await securityMode(ctx.ds, { fresh: true });
    res.status(status).render('admin/security', {
      title: t('security.admin.title'),
      state,
      modes: SECURITY_MODES,
      activeSessions: await activeSessionCount(ctx.ds),
      values: values ?? { mode: state.mode, message: state.message ?? '' },
      errors,
    });
  };
  router.get('/admin/security', async (req, res) => {
    authorize(req.currentUser, 'security.manage');
    await adminPage(res);
  });
  router.post('/admin/security/mode', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'security.manage');
    const form = checkForm(securityModeSchema, req.body);
    if (!form.ok) return adminPage(res, 422, form.errors, req.body as Record<string, unknown>);
    const { endedSessions } = await setSecurityMode(ctx.ds, actorOf(req), user, form.data.mode, form.data.message);
    await flash(ctx.ds, req, t(`security.admin.set.${form.data.mode}`, { count: endedSessions }));
    res.redirect(303, '/admin/security');
  });
  router.post('/admin/security/sessions/end', async (req, res) => {
    authorize(req.currentUser, 'security.manage');
    const ended = await endAllSessions(ctx.ds, actorOf(req), req.sessionInfo?.idHash ?? null);
    await flash(ctx.ds, req, t('security.admin.endedAll', { count: ended }));
    res.redirect(303, '/admin/security');
  });
  return router;
}
