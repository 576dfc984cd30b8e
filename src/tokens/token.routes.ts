import { Router } from 'express';
import { z } from 'zod';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { idParam } from '../http/validate';
import { AppError, notFound } from '../http/errors';
import { flash } from '../http/flash';
import { createApiToken, listApiTokens, revokeApiToken } from './token.service';
import { presentToken } from '../users/user.presenter';
import { listUsers } from '../users/user.service';
import { t } from '../i18n/i18n';

const createTokenForm = z.object({ userId: idParam, name: z.string().max(1000).default('') });

/** Admin page: every API token with its last use; create one (shown once) or revoke. */
export function tokenPageRoutes(ctx: AppContext): Router {
  const router = Router();

  const render = async (res: import('express').Response, status: number, locals: Record<string, unknown>) => {
    const tokens = (await listApiTokens(ctx.ds)).map(presentToken);
    const users = (await listUsers(ctx.ds)).filter((u) => !u.disabled).map((u) => ({ id: u.id, label: `${u.name} <${u.email}>` }));
    res.status(status).render('admin/tokens', { title: t('tokens.title'), tokens, users, newToken: null, errors: {}, values: { userId: '', name: '' }, ...locals });
  };

  router.get('/admin/tokens', async (req, res) => {
    authorize(req.currentUser, 'token.manage');
    await render(res, 200, {});
  });

  router.post('/admin/tokens', async (req, res) => {
    authorize(req.currentUser, 'token.manage');
    const parsed = createTokenForm.safeParse(req.body ?? {});
    const values = { userId: String(req.body?.userId ?? ''), name: String(req.body?.name ?? '') };
    if (!parsed.success) return render(res, 422, { errors: { userId: t('tokens.errors.chooseUser') }, values });
    try {
      const { token, record } = await createApiToken(ctx.ds, actorOf(req), parsed.data.userId, parsed.data.name);
      await render(res, 201, { newToken: { token, name: record.name } });
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) return render(res, err.status, { errors: err.fieldErrors, values });
      throw err;
    }
  });

  router.post('/admin/tokens/:id/revoke', async (req, res) => {
    authorize(req.currentUser, 'token.manage');
    const id = idParam.safeParse(req.params.id);
    if (!id.success) throw notFound(t('tokens.errors.notFound'));
    const token = await revokeApiToken(ctx.ds, actorOf(req), id.data);
    await flash(ctx.ds, req, t('tokens.flash.revoked', { name: token.name }));
    res.redirect(303, '/admin/tokens');
  });

  return router;
}
