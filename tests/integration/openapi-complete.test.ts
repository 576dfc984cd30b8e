import type { Express } from 'express';
import request from 'supertest';
import { TestApp, makeUser, startTestApp } from '../support/app';
import { createApiToken } from '../../src/tokens/token.service';
import { CLI_ACTOR } from '../../src/audit/audit.service';

/**
 * The document must describe the API that is actually mounted: the routes are read from the
 * express router of /api/v1, not from a list kept beside it, so a new route without an OpenAPI
 * entry (or a body nobody described) fails here.
 */

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

interface MountedRoute {
  method: string;
  path: string;
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);
const BODY_TYPES = ['application/json', 'multipart/form-data'];

/** The layer of `app.use(mountPath, router)`; express 5 keeps the path it was given as rawPath. */
function mountedRouter(app: Express, mountPath: string): RouterLayer[] {
  const stack = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack;
  const layer = stack.find((l) => l.rawPath === mountPath && l.handle?.stack);
  if (!layer) throw new Error(`no router mounted at ${mountPath}`);
  return layer.handle!.stack!;
}

function routesOf(stack: RouterLayer[], prefix = ''): MountedRoute[] {
  const out: MountedRoute[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path: prefix + p });
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...routesOf(layer.handle.stack, prefix + mount));
    }
  }
  return out;
}

/** `/cases/:caseId/evidence/:itemId` → `/cases/{caseId}/evidence/{itemId}`. */
const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

type Operation = { requestBody?: { content?: Record<string, { schema?: unknown }> } };

let t: TestApp;
let routes: MountedRoute[];
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  t = await startTestApp();
  routes = routesOf(mountedRouter(t.app, '/api/v1'));
  const viewer = await makeUser(t.ds, 'viewer');
  const { token } = await createApiToken(t.ds, CLI_ACTOR, viewer.id, 'openapi');
  paths = (await request(t.app).get('/api/v1/openapi.json').set('Authorization', `Bearer ${token}`).expect(200)).body.paths;
});
afterAll(() => t.close());

describe('/api/v1/openapi.json describes every mounted route', () => {
  it('finds the routes of every concept in the router (the walk itself works)', () => {
    const keys = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(keys).toEqual(expect.arrayContaining(['GET /me', 'GET /openapi.json', 'PATCH /users/:id', 'POST /cases/:id/participants', 'PATCH /saved-searches/:id']));
    expect(routes.length).toBeGreaterThan(50);
  });

  it('has an operation for every method and path', () => {
    const missing = routes
      .filter((r) => r.path !== '/openapi.json')
      .filter((r) => !paths[openApiPath(r.path)]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
    expect(missing).toEqual([]);
  });

  it('documents the request body of every POST, PUT and PATCH, with a schema', () => {
    const undocumented = routes
      .filter((r) => BODY_METHODS.has(r.method))
      .filter((r) => {
        const content = paths[openApiPath(r.path)]?.[r.method]?.requestBody?.content ?? {};
        return !BODY_TYPES.some((type) => content[type]?.schema && typeof content[type].schema === 'object');
      })
      .map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
    expect(undocumented).toEqual([]);
  });
});
