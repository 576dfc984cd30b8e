import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for allegations. (Stub: filled in when allegations get their pages.) */
export function allegationsPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for allegations. (Stub.) */
export function allegationsApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
