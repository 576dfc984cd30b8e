import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for complaints. (Stub: filled in when complaints get their pages.) */
export function complaintsPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for complaints. (Stub.) */
export function complaintsApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
