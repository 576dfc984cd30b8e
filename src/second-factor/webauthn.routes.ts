import { Request, Response, Router } from 'express';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { notFound } from '../http/errors';
import { flash } from '../http/flash';
import { checkForm, formValues, idParam } from '../http/validate';
import { t } from '../i18n/i18n';
import { requireRecentAuth } from './second-factor.middleware';
import { regenerateRecoveryCodes, requiredRoles, unusedRecoveryCodes, hasSecondFactor } from './second-factor.service';
import { listKeys } from './webauthn-keys';
import { KEY_NAME_MAX } from './webauthn.entity';
import { keyNameForm } from './webauthn.schema';
import { KeyRefusal, registerKey, registrationOptions, relyingParty, removeKey } from './webauthn.service';

export const keyRefusalMessage = (reason: KeyRefusal) => t(`secondFactor.keys.errors.${reason}`);

/** The user's own security keys and passkeys, and a new set of recovery codes. */
export function webauthnRoutes(ctx: AppContext): Router {
  const router = Router();
  const secret = ctx.config.sessionSecret;
  const sessionOf = (req: Request) => {
    // Keys are registered in a browser session only (an API token has no ceremony to run).
    if (!req.sessionInfo) throw notFound();
    return req.sessionInfo.idHash;
  };

  const newKeyPage = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}, values: Record<string, string> = {}) => {
    const user = req.currentUser!;
    const options = await registrationOptions(ctx.ds, secret, relyingParty(ctx.config, req), user, sessionOf(req));
    const required = (await requiredRoles(ctx.ds)).has(user.role) && !(await hasSecondFactor(ctx.ds, user.id));
    res.status(status).render('account/second-factor-key', { title: t('secondFactor.keys.addTitle'), options, required, errors, values, nameMax: KEY_NAME_MAX });
  };
  // Adding a key also asks for a recent check: a session taken over must not plant its own key.
  router.get('/account/second-factor/keys/new', requireRecentAuth(), async (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    await newKeyPage(req, res);
  });
  router.post('/account/second-factor/keys', requireRecentAuth(), async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const values = formValues(req.body, ['name']);
    const form = checkForm(keyNameForm, req.body);
    if (!form.ok) return newKeyPage(req, res, 422, form.errors, values);
    if (!form.data.credential) return newKeyPage(req, res, 422, { credential: t('secondFactor.keys.needsJs') }, values);
    const result = await registerKey(ctx.ds, relyingParty(ctx.config, req), actorOf(req), user, sessionOf(req), form.data.name, form.data.credential);
    if (!result.ok) return newKeyPage(req, res, 422, { credential: keyRefusalMessage(result.reason) }, values);
    if (result.recoveryCodes) {
      // Shown once, in this answer only: never stored in plain, never in a redirect.
      return res.status(201).render('account/recovery-codes', { title: t('secondFactor.recovery.title'), codes: result.recoveryCodes, notice: t('secondFactor.keys.added') });
    }
    await flash(ctx.ds, req, t('secondFactor.keys.added'));
    res.redirect(303, '/account/second-factor');
  });

  // Removing a key asks for the password and second factor within the last 10 minutes.
  const keyOf = async (req: Request) => {
    const id = idParam.safeParse(req.params.id);
    const key = id.success ? (await listKeys(ctx.ds, req.currentUser!.id)).find((k) => k.id === id.data) : undefined;
    if (!key) throw notFound(t('secondFactor.keys.errors.notFound'));
    return key;
  };
  router.get('/account/second-factor/keys/:id/remove', requireRecentAuth(), async (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    res.render('account/second-factor-key-remove', { title: t('secondFactor.keys.removeTitle'), key: await keyOf(req) });
  });
  router.post('/account/second-factor/keys/:id/remove', requireRecentAuth(), async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const key = await keyOf(req);
    const { factorsLeft } = await removeKey(ctx.ds, actorOf(req), user, key.id);
    await flash(ctx.ds, req, t('secondFactor.keys.removed', { name: key.name }));
    res.redirect(303, !factorsLeft && (await requiredRoles(ctx.ds)).has(user.role) ? '/account/second-factor/totp?required=1' : '/account/second-factor');
  });

  // ---- a new set of recovery codes ----
  router.get('/account/second-factor/recovery-codes', requireRecentAuth(), async (req, res) => {
    const user = req.currentUser!;
    authorize(user, 'account.update', { id: user.id });
    if (!(await hasSecondFactor(ctx.ds, user.id))) return res.redirect(303, '/account/second-factor');
    res.render('account/recovery-codes-new', { title: t('secondFactor.recovery.newTitle'), left: await unusedRecoveryCodes(ctx.ds, user.id) });
  });
  router.post('/account/second-factor/recovery-codes', requireRecentAuth(), async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const codes = await regenerateRecoveryCodes(ctx.ds, actorOf(req), user);
    res.status(201).render('account/recovery-codes', { title: t('secondFactor.recovery.title'), codes, notice: t('secondFactor.recovery.regenerated') });
  });
  return router;
}
