import { Router } from 'express';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { flash } from '../http/flash';
import { t } from '../i18n/i18n';
import { log } from '../logger';
import { BackupError } from './backup-errors';
import { BackupBusy, backupNow, backupStatus } from './backup-schedule.service';
import { presentStatus } from './backup.presenter';
import './backup.policy';

/**
 * /admin/backups: the last good backup, the last failure and why, a warning when the last good
 * one is older than the interval; "Back up now" into the configured directory. Admins only, with
 * password and second factor confirmed within 10 minutes (app.ts).
 */
export function backupPageRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/backups', async (req, res) => {
    authorize(req.currentUser, 'backup.manage');
    const status = presentStatus(await backupStatus(ctx.ds, ctx.config, new Date()));
    res.render('admin/backups', { title: t('backup.page.title'), status });
  });
  router.post('/admin/backups/run', async (req, res) => {
    authorize(req.currentUser, 'backup.manage');
    if (!ctx.config.backup.dir) {
      await flash(ctx.ds, req, t('backup.page.notConfigured'));
      return res.redirect(303, '/admin/backups');
    }
    try {
      const { run } = await backupNow(ctx.ds, ctx.config, 'page', actorOf(req));
      await flash(ctx.ds, req, t('backup.page.done', { file: run.fileName, copied: run.objectsCopied, total: run.objectsTotal }));
    } catch (err) {
      if (err instanceof BackupBusy) await flash(ctx.ds, req, t('backup.page.busy'));
      else if (err instanceof BackupError) await flash(ctx.ds, req, t('backup.page.failed', { reason: err.describe() }));
      else {
        log.error('backup failed', { id: req.correlationId, error: err instanceof Error ? err.message : String(err) });
        await flash(ctx.ds, req, t('backup.page.failed', { reason: t('backup.errors.unreadable', { file: '', why: '' }) }));
      }
    }
    res.redirect(303, '/admin/backups');
  });
  return router;
}
