import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize, can } from '../auth/policy';
import { listCases } from '../cases/case.service';
import { presentCaseSummary } from '../cases/case.presenter';
import { vocabLabeler } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';

/** The start page: recent cases the user may see, and where to go next. */
export function homeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = req.currentUser!;
    let recent: ReturnType<typeof presentCaseSummary>[] = [];
    let total = 0;
    if (can(user, 'case.list')) {
      const label = await vocabLabeler(ctx.ds);
      const page = await listCases(ctx.ds, user, { page: 1, pageSize: 8 });
      recent = page.rows.map((c) => presentCaseSummary(c, label));
      total = page.total;
    }
    res.render('home', { title: 'Casebook', recent, total });
  });

  /** The administrator's start page: every admin tool in one place, with what needs attention. */
  router.get('/admin', async (req, res) => {
    authorize(req.currentUser, 'user.list');
    const [alerts] = await ctx.ds.query('SELECT COUNT(*) AS n FROM integrity_alert WHERE resolved_at IS NULL');
    const [users] = await ctx.ds.query('SELECT COUNT(*) AS n FROM "user" WHERE disabled = ?', [false]);
    res.render('admin/index', { title: t('admin.index.title'), openAlerts: Number(alerts.n), activeUsers: Number(users.n) });
  });
  return router;
}
