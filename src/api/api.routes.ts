import { Router } from 'express';
import { AppContext } from '../http/context';
import { csrfProtection, loadBearer, requireSignedInApi } from '../http/auth.middleware';
import { enforceSecurityMode } from '../security/security-mode.middleware';
import { openApiDocument } from './openapi';
import { userApiRoutes } from '../users/user.routes';
import { notFoundHandler } from '../http/error-handler';

/** /api/v1: bearer tokens (or the browser session, with CSRF), JSON in and out, JSON errors. */
export function apiRoutes(ctx: AppContext, conceptRouters: Router[] = []): Router {
  const router = Router();
  router.use(loadBearer(ctx));
  router.use(requireSignedInApi);
  router.use(enforceSecurityMode(ctx));
  router.use(csrfProtection);
  router.get('/me', (req, res) => {
    const u = req.currentUser!;
    res.json({ data: { id: u.id, email: u.email, name: u.name, role: u.role } });
  });
  router.get('/openapi.json', (_req, res) => res.json(openApiDocument()));
  router.use(userApiRoutes(ctx));
  for (const r of conceptRouters) router.use(r);
  router.use(notFoundHandler);
  return router;
}
