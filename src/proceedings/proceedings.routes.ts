import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for proceedings. (Stub: filled in when proceedings get their pages.) */
export function proceedingsPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for proceedings. (Stub.) */
export function proceedingsApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
