import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, idParam } from '../http/validate';
import { AppError, forbidden } from '../http/errors';
import { flash } from '../http/flash';
import { verbatimKeys } from '../people/redaction';
import { loadPersonPage } from '../people/person-page';
import { personIdOf } from '../people/person-id';
import { possibleDuplicatePeople } from '../people/person-duplicates';
import { personPickerValues } from '../records/picker-values';
import { institutionPickerValue } from '../records/picker-values';
import { loadInstitutionPage } from '../institutions/institution-page';
import { institutionIdOf } from '../institutions/institution-id';
import { possibleDuplicateInstitutions } from '../institutions/institution-duplicates';
import { MergeKind, mergeInstitutions, mergePeople, mergedInto, planMerge } from './merge.service';
import { institutionMergeForm, personMergeForm } from './merge.schema';
import { presentMoves } from './merge.presenter';
import './merge.policy';
import { t } from '../i18n/i18n';

export { mergesApiRoutes } from './merges.api';

/**
 * Pages: "Merge with…" on a person's or an institution's page (/people/ID/merge), the
 * confirmation showing both records side by side with what will move (?into=ID), the merge
 * itself (POST), and the old address of a merged record, which redirects (301) to the kept one.
 * Registered before the people and institution pages, so the redirect answers first.
 */
export function mergePageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const base = (kind: MergeKind) => (kind === 'person' ? '/people' : '/institutions');
  const idOf = (kind: MergeKind, req: Request) => (kind === 'person' ? personIdOf(req) : institutionIdOf(req));

  /** The old address of a merged record: 301 to the kept one; anything else falls through to the record's page. */
  for (const kind of ['person', 'institution'] as const) {
    router.get(`${base(kind)}/:id`, async (req, res, next) => {
      authorize(req.currentUser, `${kind}.list`);
      const parsed = idParam.safeParse(req.params.id);
      if (!parsed.success) return next(); // /people/new and the like
      const id = parsed.data;
      const exists = await ds.query(`SELECT 1 FROM "${kind}" WHERE id = ?`, [id]);
      const into = exists.length ? null : await mergedInto(ds, kind, id);
      if (into === null) return next();
      res.redirect(301, `${base(kind)}/${into}`);
    });
  }

  /** Both records as their own pages show them (the user is cleared for both: planMerge checked). */
  const sides = async (kind: MergeKind, req: Request, fromId: number, intoId: number) =>
    kind === 'person'
      ? { from: await loadPersonPage(ds, req.currentUser!, fromId), into: await loadPersonPage(ds, req.currentUser!, intoId) }
      : { from: await loadInstitutionPage(ds, req.currentUser!, fromId), into: await loadInstitutionPage(ds, req.currentUser!, intoId) };

  const candidates = async (kind: MergeKind, req: Request, id: number) => {
    if (kind === 'person') {
      const page = await loadPersonPage(ds, req.currentUser!, id);
      if (page.hidden) throw forbidden(t('merges.errors.protectedMerge'));
      return { page, candidates: await possibleDuplicatePeople(ds.manager, req.currentUser!, page.record.names.map((n) => n.name), id) };
    }
    const page = await loadInstitutionPage(ds, req.currentUser!, id);
    const found = await possibleDuplicateInstitutions(ds.manager, [page.institution.name, ...page.institution.aliases], id);
    return { page, candidates: found.map((d) => ({ id: d.id, label: d.name, matchedNames: [] as string[] })) };
  };

  const renderChoose = async (kind: MergeKind, req: Request, res: Response, id: number, status: number, errors: Record<string, string>, value = '') => {
    const { page, candidates: found } = await candidates(kind, req, id);
    const label = kind === 'person' ? (page as Awaited<ReturnType<typeof loadPersonPage>>).person.label : (page as Awaited<ReturnType<typeof loadInstitutionPage>>).institution.name;
    const picker = kind === 'person' ? (await personPickerValues(ds, req.currentUser!, [value]))[0] : await institutionPickerValue(ds, value);
    res.status(status).render('merges/choose', verbatimKeys({ title: t('merges.choose.title', { label }), kind, base: base(kind), id, label, candidates: found, errors, picker }, ['title', 'label']));
  };

  for (const kind of ['person', 'institution'] as const) {
    const form = kind === 'person' ? personMergeForm : institutionMergeForm;

    router.get(`${base(kind)}/:id/merge`, async (req, res) => {
      authorize(req.currentUser, `${kind}.merge`);
      const id = idOf(kind, req);
      if (req.query.into === undefined) return renderChoose(kind, req, res, id, 200, {});
      const parsed = checkForm(form, req.query);
      if (!parsed.ok) return renderChoose(kind, req, res, id, 422, parsed.errors, String(req.query.into ?? ''));
      let plan;
      try {
        plan = await planMerge(ds, req.currentUser, kind, id, parsed.data.into);
      } catch (err) {
        if (err instanceof AppError && Object.keys(err.fieldErrors).length) return renderChoose(kind, req, res, id, err.status, err.fieldErrors, String(parsed.data.into));
        throw err;
      }
      const both = await sides(kind, req, id, parsed.data.into);
      res.render('merges/confirm', { title: t('merges.confirm.title'), kind, base: base(kind), plan, moves: presentMoves(plan), ...both });
    });

    router.post(`${base(kind)}/:id/merge`, async (req, res) => {
      authorize(req.currentUser, `${kind}.merge`);
      const id = idOf(kind, req);
      const parsed = checkForm(form, req.body);
      if (!parsed.ok) return renderChoose(kind, req, res, id, 422, parsed.errors, String(req.body?.into ?? ''));
      try {
        if (kind === 'person') await mergePeople(ds, actorOf(req), req.currentUser, id, parsed.data.into);
        else await mergeInstitutions(ds, actorOf(req), req.currentUser, id, parsed.data.into);
      } catch (err) {
        if (err instanceof AppError && Object.keys(err.fieldErrors).length) return renderChoose(kind, req, res, id, err.status, err.fieldErrors, String(parsed.data.into));
        throw err;
      }
      await flash(ds, req, t(`merges.flash.${kind}`));
      res.redirect(303, `${base(kind)}/${parsed.data.into}`);
    });
  }

  return router;
}
