import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for evidence. (Stub: filled in when evidence get their pages.) */
export function evidencePageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for evidence. (Stub.) */
export function evidenceApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
