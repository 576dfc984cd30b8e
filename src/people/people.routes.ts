import { Request, Response, Router } from 'express';
import { verbatim, verbatimKeys } from './redaction';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm, formValues } from '../http/validate';
import { AppError, forbidden, notFound } from '../http/errors';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { vocabLabeler, vocabLookup, vocabOptions } from '../vocab/vocab.service';
import { PERSON_LIST_FILTERS, personListQuery, personSchema } from './person.schema';
import { createPerson, deletePerson, isCleared, loadPerson, namesOf, profilesOf, updatePerson } from './person.service';
import { listPeople } from './person-list';
import { loadPersonPage } from './person-page';
import { PossibleDuplicate } from './person-duplicates';
import { personLabels } from './identity';
import { personIdOf } from './person-id';
import { PersonDeath } from './person-death.entity';
import { institutionPickerValue } from '../records/picker-values';
import { PersonFormValues, genderOptions, nameKindOptions, personFormValues, personFormValuesFromBody, presentPersonSummary } from './person.presenter';
import { t } from '../i18n/i18n';

export { peopleApiRoutes } from './people.api';

const PAGE_SIZE = 25;

/** Pages for people: list, record, and the create and edit forms with the duplicate warning. */
export function peoplePageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const formOptions = async (values: PersonFormValues) => ({
    deathInstitution: await institutionPickerValue(ds, values.deathInstitutionId),
    inCustodyOptions: (['unknown', 'yes', 'no'] as const).map((code) => ({ code, label: t(`people.form.inCustodyOptions.${code}`) })),
    regions: await vocabOptions(ds, 'region', [values.region]),
    profileOptions: await vocabOptions(ds, 'person_profile', values.profiles),
    scripts: await vocabOptions(ds, 'name_script', values.names.map((n) => n.script)),
    genders: genderOptions(),
    nameKinds: nameKindOptions(),
  });

  const renderForm = async (res: Response, status: number, locals: { title: string; values: PersonFormValues; errors: Record<string, string>; person: { id: number; label: string } | null; duplicates?: PossibleDuplicate[] }) =>
    // The names on this form are the person's own (someone the user may see) or just typed: shown as they are,
    // and so are the title and any other text the user typed (people/redaction.ts).
    void res.status(status).render('people/form', verbatimKeys({ duplicates: [], ...locals, ...(await formOptions(locals.values)) }, ['title', 'person']));

  router.get('/people', async (req, res) => {
    authorize(req.currentUser, 'person.list');
    const parsed = checkForm(personListQuery(await vocabLookup(ds)), req.query);
    // A filter that cannot be read lists no one (never everyone), with the message beside it.
    const errors = parsed.ok ? {} : parsed.errors;
    const f = parsed.ok ? parsed.data : { ...formValues(req.query, [...PERSON_LIST_FILTERS]), page: 1 };
    const { rows, total } = parsed.ok ? await listPeople(ds, req.currentUser, { ...f, pageSize: PAGE_SIZE }) : { rows: [], total: 0 };
    const ids = rows.map((p) => p.id);
    const [labels, names, profiles, label] = await Promise.all([personLabels(ds, req.currentUser, ids), namesOf(ds, ids), profilesOf(ds, ids), vocabLabeler(ds)]);
    const query = new URLSearchParams();
    for (const k of PERSON_LIST_FILTERS) if (f[k]) query.set(k, f[k] as string);
    res.status(parsed.ok ? 200 : 422).render('people/list', {
      title: t('people.list.title'),
      errors,
      people: rows.map((p) => presentPersonSummary(p, labels.get(p.id)!, names.get(p.id) ?? [], profiles.get(p.id) ?? [], label)),
      filters: f,
      total,
      page: f.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      baseQuery: query.toString(),
      regions: await vocabOptions(ds, 'region', [f.region]),
      profileOptions: await vocabOptions(ds, 'person_profile', [f.profile]),
    });
  });

  router.get('/people/new', async (req, res) => {
    authorize(req.currentUser, 'person.create');
    await renderForm(res, 200, { title: t('people.form.titleNew'), values: personFormValues(), errors: {}, person: null });
  });

  router.post('/people', async (req, res) => {
    authorize(req.currentUser, 'person.create');
    const values = verbatim(personFormValuesFromBody(req.body)); // exactly what was submitted
    const render = (status: number, errors: Record<string, string>, duplicates: PossibleDuplicate[] = []) => renderForm(res, status, { title: t('people.form.titleNew'), values, errors, person: null, duplicates });
    const form = checkForm(personSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      const result = await createPerson(ds, actorOf(req), req.currentUser, form.data);
      if ('duplicates' in result) return render(409, {}, result.duplicates);
      await flash(ds, req, t('people.flash.added'));
      res.redirect(303, `/people/${result.created.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/people/:id', async (req, res) => {
    authorize(req.currentUser, 'person.list');
    const page = await loadPersonPage(ds, req.currentUser, personIdOf(req));
    // The title is the person's name or pseudonym, as identity.ts decided (people/redaction.ts).
    res.render('people/show', verbatimKeys({ title: page.person.label, ...page }, ['title']));
  });

  /** The edit form of a person the user is cleared for (any other answer would show the name). */
  const editable = async (req: Request) => {
    authorize(req.currentUser, 'person.update');
    const record = await loadPerson(ds, personIdOf(req));
    if (!record) throw notFound(t('people.errors.noSuchPerson'));
    if (!(await isCleared(ds, req.currentUser, record.person))) throw forbidden(t('people.errors.protected'));
    return record;
  };

  router.get('/people/:id/edit', async (req, res) => {
    const record = await editable(req);
    const { person } = record;
    await renderForm(res, 200, { title: t('people.form.titleEdit', { name: person.primaryName }), values: verbatimKeys(personFormValues(person, record.names, record.profiles, await ds.manager.findOneBy(PersonDeath, { personId: person.id })), ['names']), errors: {}, person: { id: person.id, label: person.primaryName } });
  });

  router.post('/people/:id', async (req, res) => {
    const { person } = await editable(req);
    const values = verbatim(personFormValuesFromBody(req.body)); // exactly what was submitted
    const render = (status: number, errors: Record<string, string>) => renderForm(res, status, { title: t('people.form.titleEdit', { name: person.primaryName }), values, errors, person: { id: person.id, label: person.primaryName } });
    const form = checkForm(personSchema, req.body);
    if (!form.ok) return render(422, form.errors);
    try {
      await updatePerson(ds, actorOf(req), req.currentUser!, person.id, form.data);
      await flash(ds, req, t('people.flash.saved'));
      res.redirect(303, `/people/${person.id}`);
    } catch (err) {
      await onFormError(err, render);
    }
  });

  router.get('/people/:id/delete', async (req, res) => {
    const { person } = await editable(req);
    res.render('trash/confirm', verbatimKeys({
      title: t('people.trash.title', { name: person.primaryName }),
      kind: t('people.trash.kind'),
      label: person.primaryName,
      consequence: t('people.trash.consequence'),
      action: `/people/${person.id}/delete`,
      back: `/people/${person.id}`,
      breadcrumb: { href: '/people', label: t('people.show.breadcrumb') },
    }, ['title', 'label']));
  });

  router.post('/people/:id/delete', async (req, res) => {
    const { person } = await editable(req);
    try {
      await deletePerson(ds, actorOf(req), req.currentUser!, person.id);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      await flash(ds, req, t('people.flash.notMoved', { reason: err.message }));
      return res.redirect(303, `/people/${person.id}`);
    }
    await flash(ds, req, t('people.flash.trashed'));
    res.redirect(303, '/people');
  });

  return router;
}
