import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { checkForm, formValues } from '../http/validate';
import { distinctActions, listAudit, withActorNames } from './audit.service';
import { presentAuditEntry, presentCheckpointStatus } from './audit.presenter';
import { checkpointStatus } from './audit-checkpoint.service';
import { AUDIT_LIST_FILTERS, auditListQuery } from './audit.schema';
import { t } from '../i18n/i18n';

const PAGE_SIZE = 50;

export function auditPageRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/audit', async (req, res) => {
    authorize(req.currentUser, 'audit.read');
    const parsed = checkForm(auditListQuery, req.query);
    // A filter that cannot be read lists no entry (never every entry), with the message beside it.
    const errors = parsed.ok ? {} : parsed.errors;
    const f: Partial<Record<(typeof AUDIT_LIST_FILTERS)[number], string>> & { page: number } = parsed.ok ? parsed.data : { ...formValues(req.query, [...AUDIT_LIST_FILTERS]), page: 1 };
    const to = parsed.ok && parsed.data.to ? new Date(Date.parse(parsed.data.to) + 86_400_000).toISOString() : undefined;
    const { rows, total } = parsed.ok ? await listAudit(ctx.ds, { ...parsed.data, to, pageSize: PAGE_SIZE }) : { rows: [], total: 0 };
    const query = new URLSearchParams();
    for (const k of AUDIT_LIST_FILTERS) if (f[k]) query.set(k, f[k] as string);
    res.status(parsed.ok ? 200 : 422).render('admin/audit', {
      title: t('audit.title'),
      errors,
      entries: (await withActorNames(ctx.ds, rows)).map(presentAuditEntry),
      filters: f,
      actions: await distinctActions(ctx.ds),
      page: f.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      total,
      baseQuery: query.toString(),
      checkpoints: presentCheckpointStatus(await checkpointStatus(ctx.ds, ctx.config.audit.keyPath)),
    });
  });
  return router;
}
