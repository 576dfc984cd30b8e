import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for sources. (Stub: filled in when sources get their pages.) */
export function sourcesPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for sources. (Stub.) */
export function sourcesApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
