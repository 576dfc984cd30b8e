import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { AppError } from '../http/errors';
import { flash } from '../http/flash';
import { changePasswordSchema, displayNameSchema, languageSchema, mediaSchema } from './user.schema';
import { changePassword, setDisplayName, setLanguage, setMediaGreyscale } from './user.service';
import { t, translator } from '../i18n/i18n';
import { safeBack } from '../i18n/i18n.middleware';
import { hasSecondFactor, unusedRecoveryCodes } from '../second-factor/second-factor.service';

/** Every signed-in user's own account page: interface language, pictures in greyscale, password. */
export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  /** With the count of unused recovery codes, when the user has a second factor (null otherwise). */
  const page = async (req: Request, res: Response, status: number, errors: Record<string, string>, typedName?: string) => {
    const user = req.currentUser!;
    const recoveryCodesLeft = (await hasSecondFactor(ctx.ds, user.id)) ? await unusedRecoveryCodes(ctx.ds, user.id) : null;
    res.status(status).render('account/account', { title: t('account.title'), errors, recoveryCodesLeft, nameValue: typedName ?? user.name });
  };
  router.get('/account', async (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    await page(req, res, 200, {});
  });
  router.post('/account/password', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(changePasswordSchema, req.body);
    if (!form.ok) return page(req, res, 422, form.errors);
    try {
      await changePassword(ctx.ds, actorOf(req), user.id, form.data.currentPassword, form.data.newPassword, req.sessionInfo?.idHash ?? null);
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) {
        return page(req, res, err.status, err.fieldErrors);
      }
      throw err;
    }
    await flash(ctx.ds, req, t('account.password.changed'));
    res.redirect(303, '/account');
  });
  router.post('/account/name', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(displayNameSchema, req.body);
    if (!form.ok) return page(req, res, 422, form.errors, typeof req.body?.name === 'string' ? req.body.name : '');
    await setDisplayName(ctx.ds, actorOf(req), user.id, form.data.name);
    await flash(ctx.ds, req, t('account.name.saved'));
    res.redirect(303, '/account');
  });
  router.post('/account/language', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(languageSchema, req.body);
    if (!form.ok) return page(req, res, 422, form.errors);
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
    if (!form.ok) return page(req, res, 422, form.errors);
    await setMediaGreyscale(ctx.ds, actorOf(req), user.id, form.data.greyscale);
    await flash(ctx.ds, req, t(form.data.greyscale ? 'account.media.savedGreyscale' : 'account.media.savedColour'));
    res.redirect(303, '/account');
  });
  return router;
}
