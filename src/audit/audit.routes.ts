import { Router } from 'express';
import { z } from 'zod';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { distinctActions, listAudit } from './audit.service';
import { presentAuditEntry, presentCheckpointStatus } from './audit.presenter';
import { checkpointStatus } from './audit-checkpoint.service';

const PAGE_SIZE = 50;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const filterSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  recordType: z.string().trim().max(40).optional().catch(undefined),
  recordId: z.string().trim().max(64).optional().catch(undefined),
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export function auditPageRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/admin/audit', async (req, res) => {
    authorize(req.currentUser, 'audit.read');
    const f = filterSchema.parse(req.query);
    const to = f.to ? new Date(Date.parse(f.to) + 86_400_000).toISOString() : undefined;
    const { rows, total } = await listAudit(ctx.ds, { ...f, from: f.from, to, page: f.page, pageSize: PAGE_SIZE });
    const query = new URLSearchParams();
    for (const k of ['actor', 'action', 'recordType', 'recordId', 'from', 'to'] as const) if (f[k]) query.set(k, f[k] as string);
    res.render('admin/audit', {
      title: 'Audit trail',
      entries: rows.map(presentAuditEntry),
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
