import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { caseIdOf } from '../cases/case.routes';
import { recordAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import { buildDossier } from './dossier.service';
import { writeDossierPdf } from './dossier-pdf';
import { t } from '../i18n/i18n';

/**
 * The case dossier: the whole history of one case for a report or a court, as a printable page
 * and as a PDF. Both are recorded in the audit trail, like any export.
 */
export function dossierPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const record = (req: import('express').Request, caseId: number, format: string) =>
    withTransaction(ctx.ds, (em) => recordAudit(em, actorOf(req), { action: 'case.dossier', recordType: 'case', recordId: caseId, detail: { caseId, format } }));

  router.get('/cases/:id/dossier', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const model = await buildDossier(ctx.ds, req.currentUser, caseIdOf(req));
    await record(req, model.caseId, 'html');
    res.render('dossier/show', { title: t('dossier.title', { code: model.code }), dossier: model });
  });

  router.get('/cases/:id/dossier.pdf', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const model = await buildDossier(ctx.ds, req.currentUser, caseIdOf(req));
    await record(req, model.caseId, 'pdf');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="dossier-${model.code.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await writeDossierPdf(model, res);
  });
  return router;
}
