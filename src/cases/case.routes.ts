import { Router, Request, Response } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, formValues, idParam } from '../http/validate';
import { AppError, notFound } from '../http/errors';
import { flash } from '../http/flash';
import { caseListQuery, caseLinkSchema, createCaseSchema, memberSchema, participantSchema } from './case.schema';
import { addMember, addParticipant, caseTags, createCase, deleteCase, linkCases, listCases, removeMember, removeParticipant, unlinkCases, updateCase, victimsOf } from './case.service';
import { caseFormValues, groupPhrases, presentCaseSummary } from './case.presenter';
import { regionsOfCases } from './case-regions';
import { requireCase } from './case-access';
import { loadCasePage } from './case-page';
import { CASE_LIST_FILTERS, caseFilterChips, caseListQueryString, caseSortLinks } from './case-list-view';
import { firstIncidents } from './first-incident';
import { vocabLabeler, vocabOptions } from '../vocab/vocab.service';
import { personLabels } from '../people/identity';
import { listUsers } from '../users/user.service';
import { t } from '../i18n/i18n';

const PAGE_SIZE = 25;

export function caseIdOf(req: Request, name = 'id'): number {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw notFound(t('cases.errors.noSuchCase'));
  return parsed.data;
}

/** Re-renders a form with the field errors of a failed save, or rethrows what is not a form problem. */
export async function onFormError(err: unknown, render: (status: number, errors: Record<string, string>) => Promise<void> | void): Promise<void> {
  if (err instanceof AppError && Object.keys(err.fieldErrors).length) return render(err.status, err.fieldErrors);
  throw err;
}

export function casePageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const formOptions = async (values: ReturnType<typeof caseFormValues>) => ({
    statuses: await vocabOptions(ds, 'case_status', [values.status]),
    regions: await vocabOptions(ds, 'region', [values.region]),
  });

  router.get('/cases', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const parsed = checkForm(caseListQuery, req.query);
    // A filter that cannot be read lists nothing (never every case), with the message beside it.
    const errors = parsed.ok ? {} : parsed.errors;
    const f = parsed.ok ? parsed.data : { ...formValues(req.query, [...CASE_LIST_FILTERS]), page: 1, sort: 'updated' as const, dir: undefined };
    const { rows, total } = parsed.ok ? await listCases(ds, req.currentUser, { ...f, pageSize: PAGE_SIZE }) : { rows: [], total: 0 };
    const label = await vocabLabeler(ds);
    const victims = await victimsOf(ds, rows.map((r) => r.id));
    const names = await personLabels(ds, req.currentUser, [...victims.values()].flat());
    const tags = await caseTags(ds, rows.map((r) => r.id));
    const regions = await regionsOfCases(ds, rows.map((r) => r.id));
    const incidents = await firstIncidents(ds, rows.map((r) => r.id));
    const chipLabel = (filter: string, value: string) => (filter === 'status' ? label('case_status', value) : filter === 'region' ? label('region', value) : value);
    res.status(parsed.ok ? 200 : 422).render('cases/list', {
      title: t('cases.list.heading'),
      errors,
      cases: rows.map((c) => ({ ...presentCaseSummary(c, label, (victims.get(c.id) ?? []).map((id) => names.get(id)!).filter(Boolean), tags.filter((tag) => tag.caseId === c.id).map((tag) => tag.tag), regions.get(c.id)), groupText: groupPhrases(c), firstIncident: incidents.get(c.id) ?? null })),
      filters: f,
      total,
      page: f.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      baseQuery: caseListQueryString(f),
      sortLinks: caseSortLinks(f),
      chips: caseFilterChips(f, chipLabel),
      statuses: await vocabOptions(ds, 'case_status'),
      regions: await vocabOptions(ds, 'region'),
    });
  });

  router.get('/cases/new', async (req, res) => {
    authorize(req.currentUser, 'case.create');
    const values = caseFormValues();
    res.render('cases/form', { title: t('cases.form.newHeading'), values, errors: {}, caseRecord: null, ...(await formOptions(values)) });
  });

  router.post('/cases', async (req, res) => {
    authorize(req.currentUser, 'case.create');
    const values = { ...caseFormValues(), ...(req.body ?? {}), restricted: Boolean(req.body?.restricted) };
    const render = async (status: number, errors: Record<string, string>) =>
      void res.status(status).render('cases/form', { title: t('cases.form.newHeading'), values, errors, caseRecord: null, ...(await formOptions(values)) });
    const form = checkForm(createCaseSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const record = await createCase(ds, actorOf(req), req.currentUser, form.data);
      await flash(ds, req, t('cases.flash.created', { code: record.code }));
      res.redirect(303, `/cases/${record.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const page = await loadCasePage(ds, req.currentUser, caseIdOf(req), req.query as Record<string, unknown>);
    const users = page.canManageMembers ? (await listUsers(ds)).filter((u) => !u.disabled && !page.members.some((m) => m.id === u.id)).map((u) => ({ id: u.id, name: u.name, role: u.role })) : [];
    res.render('cases/show', {
      title: `${page.caseRecord.code} · ${page.caseRecord.title}`,
      ...page,
      groupText: groupPhrases(page.caseRecord),
      candidateMembers: users,
      participantRoles: await vocabOptions(ds, 'participant_role'),
      linkKinds: await vocabOptions(ds, 'case_link_kind'),
    });
  });

  router.get('/cases/:id/edit', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req), 'case.update');
    const values = caseFormValues(record, (await caseTags(ds, [record.id])).map((tag) => tag.tag));
    res.render('cases/form', { title: t('cases.form.editTitle', { code: record.code }), values, errors: {}, caseRecord: { id: record.id, code: record.code }, ...(await formOptions(values)) });
  });

  router.post('/cases/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const id = caseIdOf(req);
    const { record } = await requireCase(ds, req.currentUser, id, 'case.update');
    const values = { ...caseFormValues(record), ...(req.body ?? {}), restricted: Boolean(req.body?.restricted) };
    const render = async (status: number, errors: Record<string, string>) =>
      void res.status(status).render('cases/form', { title: t('cases.form.editTitle', { code: record.code }), values, errors, caseRecord: { id, code: record.code }, ...(await formOptions(values)) });
    const form = checkForm(createCaseSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updateCase(ds, actorOf(req), req.currentUser, id, form.data);
      await flash(ds, req, t('cases.flash.saved'));
      res.redirect(303, `/cases/${id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/cases/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req), 'case.delete');
    res.render('trash/confirm', {
      title: t('cases.trash.title', { code: record.code }),
      kind: 'case',
      label: `${record.code} · ${record.title}`,
      consequence: t('cases.trash.consequence'),
      action: `/cases/${record.id}/delete`,
      back: `/cases/${record.id}`,
      breadcrumb: { href: `/cases/${record.id}`, label: record.code },
    });
  });

  router.post('/cases/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const id = caseIdOf(req);
    const { record } = await requireCase(ds, req.currentUser, id, 'case.delete');
    await deleteCase(ds, actorOf(req), req.currentUser, id);
    await flash(ds, req, t('cases.flash.trashed', { code: record.code }));
    res.redirect(303, '/cases');
  });

  /** Small forms on the case page post here and come back to the same place on the page. */
  const backTo = (res: Response, id: number, anchor: string) => res.redirect(303, `/cases/${id}#${anchor}`);
  const problem = async (req: Request, res: Response, id: number, anchor: string, errors: Record<string, string>) => {
    await flash(ds, req, t('cases.flash.notSaved', { errors: Object.values(errors).join(' ') }));
    backTo(res, id, anchor);
  };

  router.post('/cases/:id/participants', async (req, res) => {
    const id = caseIdOf(req);
    await requireCase(ds, req.currentUser, id, 'case.update');
    const form = checkForm(participantSchema, req.body);
    if (!form.ok) return problem(req, res, id, 'people', form.errors);
    try {
      await addParticipant(ds, actorOf(req), req.currentUser!, id, form.data);
      await flash(ds, req, t('cases.flash.participantAdded'));
      backTo(res, id, 'people');
    } catch (err) {
      await onFormError(err, (_s, errors) => problem(req, res, id, 'people', errors));
    }
  });

  router.post('/cases/:id/participants/:pid/delete', async (req, res) => {
    const id = caseIdOf(req);
    await removeParticipant(ds, actorOf(req), req.currentUser!, id, caseIdOf(req, 'pid'));
    await flash(ds, req, t('cases.flash.participantRemoved'));
    backTo(res, id, 'people');
  });

  router.post('/cases/:id/links', async (req, res) => {
    const id = caseIdOf(req);
    await requireCase(ds, req.currentUser, id, 'case.update');
    const form = checkForm(caseLinkSchema, req.body);
    if (!form.ok) return problem(req, res, id, 'links', form.errors);
    try {
      await linkCases(ds, actorOf(req), req.currentUser!, id, form.data);
      await flash(ds, req, t('cases.flash.linked'));
      backTo(res, id, 'links');
    } catch (err) {
      await onFormError(err, (_s, errors) => problem(req, res, id, 'links', errors));
    }
  });

  router.post('/cases/:id/links/:lid/delete', async (req, res) => {
    const id = caseIdOf(req);
    await unlinkCases(ds, actorOf(req), req.currentUser!, id, caseIdOf(req, 'lid'));
    await flash(ds, req, t('cases.flash.unlinked'));
    backTo(res, id, 'links');
  });

  router.post('/cases/:id/members', async (req, res) => {
    const id = caseIdOf(req);
    await requireCase(ds, req.currentUser, id, 'case.manage_members');
    const form = checkForm(memberSchema, req.body);
    if (!form.ok) return problem(req, res, id, 'access', form.errors);
    try {
      await addMember(ds, actorOf(req), req.currentUser!, id, form.data.userId);
      await flash(ds, req, t('cases.flash.memberAdded'));
      backTo(res, id, 'access');
    } catch (err) {
      await onFormError(err, (_s, errors) => problem(req, res, id, 'access', errors));
    }
  });

  router.post('/cases/:id/members/:uid/delete', async (req, res) => {
    const id = caseIdOf(req);
    try {
      await removeMember(ds, actorOf(req), req.currentUser!, id, caseIdOf(req, 'uid'));
      await flash(ds, req, t('cases.flash.memberRemoved'));
      backTo(res, id, 'access');
    } catch (err) {
      await onFormError(err, (_s, errors) => problem(req, res, id, 'access', errors));
    }
  });

  return router;
}
