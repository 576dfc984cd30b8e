import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { AppError } from '../http/errors';
import { flash } from '../http/flash';
import { changePasswordSchema, languageSchema, mediaSchema } from './user.schema';
import { changePassword, setLanguage, setMediaGreyscale } from './user.service';
import { t, translator } from '../i18n/i18n';
import { safeBack } from '../i18n/i18n.middleware';

/** Every signed-in user's own account page: interface language, pictures in greyscale, password. */
export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/account', (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    res.render('account/account', { title: t('account.title'), errors: {} });
  });
  router.post('/account/password', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(changePasswordSchema, req.body);
    if (!form.ok) return res.status(422).render('account/account', { title: t('account.title'), errors: form.errors });
    try {
      await changePassword(ctx.ds, actorOf(req), user.id, form.data.currentPassword, form.data.newPassword, req.sessionInfo?.idHash ?? null);
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) {
        return res.status(err.status).render('account/account', { title: t('account.title'), errors: err.fieldErrors });
      }
      throw err;
    }
    await flash(ctx.ds, req, t('account.password.changed'));
    res.redirect(303, '/account');
  });
  router.post('/account/language', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(languageSchema, req.body);
    if (!form.ok) return res.status(422).render('account/account', { title: t('account.title'), errors: form.errors });
    await setLanguage(ctx.ds, actorOf(req), user.id, form.data.language);
    // The confirmation is read in the language just chosen.
    const lang = form.data.language ?? null;
    await flash(ctx.ds, req, lang ? translator(lang)('account.language.saved') : t('account.language.savedBrowser'));
    res.redirect(303, safeBack(req.body?.back) === '/' ? '/account' : safeBack(req.body?.back));
  });
  router.post('/account/media', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(mediaSchema, req.body);
    if (!form.ok) return res.status(422).render('account/account', { title: t('account.title'), errors: form.errors });
    await setMediaGreyscale(ctx.ds, actorOf(req), user.id, form.data.greyscale);
    await flash(ctx.ds, req, t(form.data.greyscale ? 'account.media.savedGreyscale' : 'account.media.savedColour'));
    res.redirect(303, '/account');
  });
  return router;
}
