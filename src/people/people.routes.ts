import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for people. (Stub: filled in when people get their pages.) */
export function peoplePageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for people. (Stub.) */
export function peopleApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
