import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { idParam, parseInput } from '../http/validate';
import { notFound } from '../http/errors';
import { MergeKind, mergeInstitutions, mergePeople, mergedInto, planMerge } from './merge.service';
import { institutionMergeSchema, personMergeSchema } from './merge.schema';
import { mergeJson } from './merge.presenter';
import './merge.policy';
import './merges.openapi';
import { t } from '../i18n/i18n';

/**
 * POST /api/v1/people/{id}/merge and /api/v1/institutions/{id}/merge (`{"into": 12}`, researchers
 * and admins): record {id} is merged into record 12, which is kept. `?dryRun=true` answers what
 * would move and changes nothing. GET of a merged record's old address answers 301 with
 * `Location` set to the kept record and a JSON body saying so (`error.code` "merged", `mergedInto`).
 * Registered before the people and institution routes.
 */
export function mergesApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;
  const path = (kind: MergeKind) => (kind === 'person' ? '/people' : '/institutions');

  for (const kind of ['person', 'institution'] as const) {
    router.get(`${path(kind)}/:id`, async (req, res, next) => {
      authorize(req.currentUser, `${kind}.list`);
      const parsed = idParam.safeParse(req.params.id);
      if (!parsed.success) return next();
      const exists = await ds.query(`SELECT 1 FROM "${kind}" WHERE id = ?`, [parsed.data]);
      const into = exists.length ? null : await mergedInto(ds, kind, parsed.data);
      if (into === null) return next();
      const location = `/api/v1${path(kind)}/${into}`;
      res
        .status(301)
        .location(location)
        .json({ error: { code: 'merged', message: t(`merges.errors.merged.${kind}`, { into, location }), id: req.correlationId }, mergedInto: into, location });
    });

    router.post(`${path(kind)}/:id/merge`, async (req, res) => {
      authorize(req.currentUser, `${kind}.merge`);
      const parsed = idParam.safeParse(req.params.id);
      if (!parsed.success) throw notFound(kind === 'person' ? t('people.errors.noSuchPerson') : t('institutions.errors.noSuchInstitution'));
      const input = parseInput(kind === 'person' ? personMergeSchema : institutionMergeSchema, req.body);
      const plan = await planMerge(ds, req.currentUser, kind, parsed.data, input.into);
      if (String(req.query.dryRun ?? '') === 'true') {
        res.json({ data: { ...mergeJson(plan), merged: false } });
        return;
      }
      if (kind === 'person') await mergePeople(ds, actorOf(req), req.currentUser, parsed.data, input.into);
      else await mergeInstitutions(ds, actorOf(req), req.currentUser, parsed.data, input.into);
      res.json({ data: { ...mergeJson(plan), merged: true } });
    });
  }
  return router;
}
