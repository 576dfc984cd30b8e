import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for statements. (Stub: filled in when statements get their pages.) */
export function statementsPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for statements. (Stub.) */
export function statementsApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
