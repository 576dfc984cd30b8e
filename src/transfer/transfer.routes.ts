import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { log } from '../logger';
import { t } from '../i18n/i18n';
import { storageFor } from '../evidence/evidence-storage';
import { fullExportForm } from './transfer.schema';
import { exportSelection, exportAuditDetail } from './transfer-selection-query';
import { writeFullExport } from './transfer-export.service';
import './transfer.policy';

/**
 * /admin/export: the whole instance (or the cases matching a search) as one ZIP, for a backup
 * kept elsewhere or a move to another server. Every download is in the audit trail: when it
 * started, and when it ended with the file's SHA-256 and its counts.
 */
export function transferPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const render = async (req: Request, res: Response, values: { q: string; accounts: boolean }, status = 200, errors: Record<string, string> = {}) => {
    const selected = values.q && !errors.q ? await exportSelection(ctx.ds, values.q) : null;
    const fieldErrors = { ...errors, ...(selected && 'errors' in selected ? { q: Object.values(selected.errors)[0] } : {}) };
    res.status(Object.keys(fieldErrors).length ? 422 : status).render('admin/export', {
      title: t('transfer.page.title'),
      values,
      errors: fieldErrors,
      selectedCases: selected && 'caseIds' in selected ? selected.caseIds.length : null,
    });
  };

  router.get('/admin/export', async (req, res) => {
    authorize(req.currentUser, 'transfer.export');
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 500) : '';
    await render(req, res, { q, accounts: false });
  });

  router.post('/admin/export', async (req, res) => {
    authorize(req.currentUser, 'transfer.export');
    const parsed = fullExportForm.safeParse(req.body);
    if (!parsed.success) return render(req, res, { q: '', accounts: false }, 422, { q: t('transfer.page.errors.words') });
    const { q, accounts } = parsed.data;
    const selected = q.trim() ? await exportSelection(ctx.ds, q) : null;
    if (selected && 'errors' in selected) return render(req, res, { q, accounts: accounts === 'yes' }, 422);
    const caseIds = selected ? selected.caseIds : null;
    const base = { partial: Boolean(caseIds), selectedCases: caseIds?.length ?? null, includesAccounts: accounts === 'yes' };
    await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: 'transfer.export.start', recordType: 'export', detail: base }));
    const stamp = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="casebook-${caseIds ? 'selection' : 'full'}-${stamp}.zip"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      const result = await writeFullExport(ctx.config.databasePath, storageFor(ctx.config.dataDir), res, { caseIds, includeAccounts: accounts === 'yes' });
      await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: 'transfer.export', recordType: 'export', detail: exportAuditDetail(result) }));
    } catch (err) {
      const aborted = res.destroyed && !res.writableFinished;
      log.error('full export failed', { id: req.correlationId, error: err instanceof Error ? err.message : String(err) });
      res.destroy();
      await withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: aborted ? 'transfer.export.aborted' : 'transfer.export.failed', recordType: 'export', detail: base }));
    }
  });
  return router;
}
