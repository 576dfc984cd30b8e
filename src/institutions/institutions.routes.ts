import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for institutions. (Stub: filled in when institutions get their pages.) */
export function institutionsPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for institutions. (Stub.) */
export function institutionsApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
