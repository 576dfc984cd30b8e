import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { AppError } from '../http/errors';
import { flash } from '../http/flash';
import { changePasswordSchema } from './user.schema';
import { changePassword } from './user.service';

/** Every signed-in user's own account page: change password. */
export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/account', (req, res) => {
    authorize(req.currentUser, 'account.update', { id: req.currentUser?.id });
    res.render('account/account', { title: 'Your account', errors: {} });
  });
  router.post('/account/password', async (req, res) => {
    const user = req.currentUser;
    authorize(user, 'account.update', { id: user?.id });
    const form = checkForm(changePasswordSchema, req.body);
    if (!form.ok) return res.status(422).render('account/account', { title: 'Your account', errors: form.errors });
    try {
      await changePassword(ctx.ds, actorOf(req), user.id, form.data.currentPassword, form.data.newPassword, req.sessionInfo?.idHash ?? null);
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) {
        return res.status(err.status).render('account/account', { title: 'Your account', errors: err.fieldErrors });
      }
      throw err;
    }
    await flash(ctx.ds, req, 'Your password is changed. Your other sessions have been signed out.');
    res.redirect(303, '/account');
  });
  return router;
}
