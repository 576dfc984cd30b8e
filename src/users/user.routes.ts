import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, formValues, idParam, parseInput } from '../http/validate';
import { AppError, notFound } from '../http/errors';
import { flash } from '../http/flash';
import { createUserSchema, updateUserSchema } from './user.schema';
import { createUser, getUser, listUsers, setUserDisabled, updateUser, userTokens } from './user.service';
import { presentToken, presentUser } from './user.presenter';
import { ROLES } from './user.entity';
import './user.openapi';
import { t } from '../i18n/i18n';
import { factorStatus } from '../second-factor/second-factor.service';

function userId(raw: unknown): number {
  const parsed = idParam.safeParse(raw);
  if (!parsed.success) throw notFound(t('users.errors.notFound'));
  return parsed.data;
}

/** Admin pages for accounts: list, add, change name and role, disable and enable. */
export function userPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const blank = { email: '', name: '', role: 'researcher' };

  router.get('/admin/users', async (req, res) => {
    authorize(req.currentUser, 'user.list');
    const users = (await listUsers(ctx.ds)).map(presentUser);
    res.render('admin/users', { title: t('admin.users.title'), users });
  });

  router.get('/admin/users/new', (req, res) => {
    authorize(req.currentUser, 'user.create');
    res.render('admin/user-new', { title: t('admin.userNew.title'), values: blank, errors: {}, roles: ROLES });
  });

  router.post('/admin/users', async (req, res) => {
    authorize(req.currentUser, 'user.create');
    const form = checkForm(createUserSchema, req.body);
    const values = { ...blank, ...formValues(req.body, ['email', 'name', 'role']) };
    if (!form.ok) return res.status(422).render('admin/user-new', { title: t('admin.userNew.title'), values, errors: form.errors, roles: ROLES });
    try {
      const user = await createUser(ctx.ds, actorOf(req), form.data);
      await flash(ctx.ds, req, t('users.flash.added', { name: user.name, role: t(`users.roleNames.${user.role}`) }));
      res.redirect(303, '/admin/users');
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) {
        return res.status(err.status).render('admin/user-new', { title: t('admin.userNew.title'), values, errors: err.fieldErrors, roles: ROLES });
      }
      throw err;
    }
  });

  router.get('/admin/users/:id', async (req, res) => {
    authorize(req.currentUser, 'user.update');
    const user = await getUser(ctx.ds, userId(req.params.id));
    const tokens = (await userTokens(ctx.ds, user.id)).map(presentToken);
    const factor = await factorStatus(ctx.ds, user);
    res.render('admin/user-edit', { title: user.name, user: presentUser(user), values: { name: user.name, role: user.role }, errors: {}, roles: ROLES, tokens, factor });
  });

  router.post('/admin/users/:id', async (req, res) => {
    authorize(req.currentUser, 'user.update');
    const id = userId(req.params.id);
    const user = await getUser(ctx.ds, id);
    const form = checkForm(updateUserSchema, req.body);
    const values = { name: user.name, role: user.role, ...formValues(req.body, ['name', 'role']) };
    const rerender = async (status: number, errors: Record<string, string>) =>
      res.status(status).render('admin/user-edit', { title: user.name, user: presentUser(user), values, errors, roles: ROLES, tokens: (await userTokens(ctx.ds, id)).map(presentToken), factor: await factorStatus(ctx.ds, user) });
    if (!form.ok) return rerender(422, form.errors);
    try {
      const updated = await updateUser(ctx.ds, actorOf(req), id, form.data);
      await flash(ctx.ds, req, t('users.flash.saved', { name: updated.name }));
      res.redirect(303, '/admin/users');
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) return rerender(err.status, err.fieldErrors);
      throw err;
    }
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    router.post(`/admin/users/:id/${path}`, async (req, res) => {
      authorize(req.currentUser, 'user.disable');
      const id = userId(req.params.id);
      if (disabled && id === req.currentUser.id) {
        await flash(ctx.ds, req, t('users.flash.cannotDisableSelf'));
        return res.redirect(303, `/admin/users/${id}`);
      }
      try {
        const user = await setUserDisabled(ctx.ds, actorOf(req), id, disabled);
        await flash(ctx.ds, req, disabled ? t('users.flash.disabled', { name: user.name }) : t('users.flash.enabled', { name: user.name }));
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        await flash(ctx.ds, req, err.message);
      }
      res.redirect(303, '/admin/users');
    });
  }

  return router;
}

/** /api/v1/users: the same operations for scripts. */
export function userApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/users', async (req, res) => {
    authorize(req.currentUser, 'user.list');
    res.json({ data: (await listUsers(ctx.ds)).map(presentUser) });
  });
  router.post('/users', async (req, res) => {
    authorize(req.currentUser, 'user.create');
    const input = parseInput(createUserSchema, req.body);
    const user = await createUser(ctx.ds, actorOf(req), input);
    res.status(201).json({ data: presentUser(user) });
  });
  router.get('/users/:id', async (req, res) => {
    authorize(req.currentUser, 'user.list');
    res.json({ data: presentUser(await getUser(ctx.ds, userId(req.params.id))) });
  });
  router.patch('/users/:id', async (req, res) => {
    authorize(req.currentUser, 'user.update');
    const id = userId(req.params.id);
    const current = await getUser(ctx.ds, id);
    const input = parseInput(updateUserSchema, { name: current.name, role: current.role, ...(req.body ?? {}) });
    res.json({ data: presentUser(await updateUser(ctx.ds, actorOf(req), id, input)) });
  });
  return router;
}
