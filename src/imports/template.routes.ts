import { Router } from 'express';
import { z } from 'zod';
import { AppContext } from '../http/context';
import { notFound } from '../http/errors';
import { currentLanguage, t } from '../i18n/i18n';
import { assertMayImport } from './import-access';
import { IMPORT_KINDS } from './import-fields';
import { templateCsv, templateFileName, writeTemplateXlsx } from './import-template';

const kindQuery = z.object({ kind: z.enum(IMPORT_KINDS) });

/** The import templates: the XLSX of every kind, and a CSV per kind (`?kind=cases`). */
export function importTemplateRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/imports/template.xlsx', async (req, res) => {
    assertMayImport(req.currentUser);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${templateFileName('xlsx')}"`);
    await writeTemplateXlsx(ctx.ds, res, currentLanguage());
  });
  router.get('/imports/template.csv', (req, res) => {
    assertMayImport(req.currentUser);
    const parsed = kindQuery.safeParse(req.query);
    if (!parsed.success) throw notFound(t('imports.template.unknownKind'));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${templateFileName('csv', parsed.data.kind)}"`);
    res.send(templateCsv(parsed.data.kind));
  });
  return router;
}
