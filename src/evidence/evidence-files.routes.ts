import fs from 'node:fs/promises';
import { Request, Router } from 'express';
import { AppContext } from '../http/context';
import { actorOf } from '../http/actor';
import { forbidden, notFound } from '../http/errors';
import { t } from '../i18n/i18n';
import { downloadOriginal, requireFile, setFileHeaders, streamFile } from './evidence-files';
import { idOf } from './evidence-params';
import { evidenceRuntime } from './evidence-runtime';
import { mayRecordPosition } from './evidence.presenter';
import { can } from '../auth/policy';

function withheldMessage(category: string): string {
  if (category === 'video') return t('evidence.errors.withheldVideo');
  if (category === 'audio') return t('evidence.errors.withheldAudio');
  return t('evidence.errors.withheldPhoto');
}

/**
 * File routes, shared by the pages and the API: every one loads the case, the item and the file
 * through the access rules; nothing is served from a static folder.
 *   original   attachment, re-hashed before sending, logged in the custody
 *   view       inline display of images, PDFs, text, video and audio (Range requests), never of other binaries
 *   preview, thumbnail   the derived images (no metadata)
 */
export function evidenceFileRoutes(ctx: AppContext, caseParam = 'id'): Router {
  const router = Router();
  const { ds, config } = ctx;
  const load = (req: Request) => requireFile(ds, req.currentUser, idOf(req, caseParam, 'case'), idOf(req, 'itemId', 'evidence'), idOf(req, 'fileId', 'file'));
  /** The original's own bytes: not for users who may not see a GPS position it may record. */
  const loadOriginal = async (req: Request) => {
    const found = await load(req);
    if (!can(req.currentUser, 'evidence.gps', found.access) && mayRecordPosition(found.file)) {
      throw forbidden(withheldMessage(found.file.category));
    }
    return found;
  };

  router.get(`/cases/:${caseParam}/evidence/:itemId/files/:fileId/original`, async (req, res) => {
    const found = await loadOriginal(req);
    await downloadOriginal(ds, evidenceRuntime(ds, config).storage, actorOf(req), found, res);
  });

  router.get(`/cases/:${caseParam}/evidence/:itemId/files/:fileId/view`, async (req, res) => {
    const { file } = await loadOriginal(req);
    if (file.keptAsOther || !['image', 'pdf', 'video', 'audio', 'text'].includes(file.category)) {
      throw forbidden(t('evidence.errors.downloadOnly'));
    }
    setFileHeaders(res, { mime: file.mime, disposition: 'inline', name: file.originalName, category: file.category });
    await streamFile(res, evidenceRuntime(ds, config).storage.objectPath(file.sha256), file.size, req.get('range'));
  });

  for (const kind of ['preview', 'thumbnail'] as const) {
    router.get(`/cases/:${caseParam}/evidence/:itemId/files/:fileId/${kind}`, async (req, res) => {
      const { file } = await load(req);
      const relative = kind === 'preview' ? file.previewPath : file.thumbnailPath;
      if (file.previewState !== 'ready' || !relative) throw notFound(t('evidence.errors.noPreview'));
      const { storage, jobs } = evidenceRuntime(ds, config);
      const full = storage.derivedPath(relative);
      // Lost (a crash, a restore without derived/): made again from the original, then served.
      if (!(await storage.derivedExists(relative))) {
        await jobs.rerun(file.id);
        if (!(await storage.derivedExists(relative))) throw notFound(t('evidence.errors.noPreview'));
      }
      const mime = relative.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
      const name = `${file.originalName.replace(/\.[^.]*$/, '')}-${kind}.${relative.split('.').pop()}`;
      setFileHeaders(res, { mime, disposition: 'inline', name, category: 'image' });
      const { size } = await fs.stat(full);
      await streamFile(res, full, size);
    });
  }
  return router;
}
