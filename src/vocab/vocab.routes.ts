import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for vocab. (Stub: filled in when vocab get their pages.) */
export function vocabPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for vocab. (Stub.) */
export function vocabApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
