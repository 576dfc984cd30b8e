import { Router } from 'express';
import { AppContext } from '../http/context';

/** Pages for events. (Stub: filled in when events get their pages.) */
export function eventsPageRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}

/** /api/v1 routes for events. (Stub.) */
export function eventsApiRoutes(ctx: AppContext): Router {
  void ctx;
  return Router();
}
