import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { forbidden, notFound } from '../http/errors';
import { partialDateToInput } from '../db/partial-date';
import { vocabLabeler, vocabLookup } from '../vocab/vocab.service';
import { personApiListQuery, personSchema } from './person.schema';
import { createPerson, deletePerson, isCleared, loadPerson, namesOf, profilesOf, updatePerson } from './person.service';
import { listPeople } from './person-list';
import { loadPersonPage } from './person-page';
import { personLabels } from './identity';
import { presentPersonSummary } from './person.presenter';
import { personIdOf } from './person-id';
import './people.openapi';
import { PersonDeath } from './person-death.entity';
import { t } from '../i18n/i18n';

/** A recorded death as the flat input fields PATCH merges with what is sent. */
const deathInputOf = (d: PersonDeath | null) =>
  d ? { died: true, deathDate: partialDateToInput(d.date), deathPlace: d.place, deathInstitutionId: d.institutionId, deathInCustody: d.inCustody, deathCauseOfficial: d.causeOfficial, deathCauseAlleged: d.causeAlleged } : { died: false };

/**
 * /api/v1/people. Protected people the caller is not cleared for appear as
 * `{id, label: "Person P-0042", pseudonymised: true}` and are never found by name.
 */
export function peopleApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const present = async (user: Parameters<typeof loadPersonPage>[1], id: number) => {
    const page = await loadPersonPage(ds, user, id);
    return page.hidden ? page.person : { ...page.person, cases: page.cases.map((c) => ({ id: c.id, code: c.code, title: c.title, roles: c.roles.map((r) => r.code) })) };
  };

  router.get('/people', async (req, res) => {
    authorize(req.currentUser, 'person.list');
    const f = parseInput(personApiListQuery(await vocabLookup(ds)), req.query);
    const { rows, total } = await listPeople(ds, req.currentUser, { ...f, pageSize: f.limit });
    const ids = rows.map((p) => p.id);
    const [labels, names, profiles, label] = await Promise.all([personLabels(ds, req.currentUser, ids), namesOf(ds, ids), profilesOf(ds, ids), vocabLabeler(ds)]);
    res.json({
      data: rows.map((p) => presentPersonSummary(p, labels.get(p.id)!, names.get(p.id) ?? [], profiles.get(p.id) ?? [], label)),
      page: f.page,
      pageSize: f.limit,
      total,
    });
  });

  router.post('/people', async (req, res) => {
    authorize(req.currentUser, 'person.create');
    const input = parseInput(personSchema, req.body);
    const result = await createPerson(ds, actorOf(req), req.currentUser, input);
    if ('duplicates' in result) {
      res.status(409).json({
        error: { code: 'possible_duplicate', message: t('people.errors.possibleDuplicate'), id: req.correlationId },
        duplicates: result.duplicates,
      });
      return;
    }
    res.status(201).json({ data: await present(req.currentUser, result.created.id) });
  });

  router.get('/people/:id', async (req, res) => {
    authorize(req.currentUser, 'person.list');
    res.json({ data: await present(req.currentUser, personIdOf(req)) });
  });

  router.patch('/people/:id', async (req, res) => {
    authorize(req.currentUser, 'person.update');
    const id = personIdOf(req);
    const record = await loadPerson(ds, id);
    if (!record) throw notFound(t('people.errors.noSuchPerson'));
    if (!(await isCleared(ds, req.currentUser, record.person))) throw forbidden(t('people.errors.protected'));
    const { person } = record;
    const current = {
      names: record.names.map((n) => ({ name: n.name, script: n.script, language: n.language, kind: n.kind })),
      birth: partialDateToInput(person.birth),
      gender: person.gender,
      region: person.region,
      profiles: record.profiles,
      notes: person.notes,
      protectedIdentity: person.protectedIdentity,
      // `died: false` sent alone removes a recorded death.
      ...((req.body as Record<string, unknown> | undefined)?.died === false ? {} : deathInputOf(await ds.manager.findOneBy(PersonDeath, { personId: id }))),
    };
    const input = parseInput(personSchema, { ...current, ...(req.body ?? {}) });
    await updatePerson(ds, actorOf(req), req.currentUser, id, input);
    res.json({ data: await present(req.currentUser, id) });
  });

  router.delete('/people/:id', async (req, res) => {
    authorize(req.currentUser, 'person.delete');
    await deletePerson(ds, actorOf(req), req.currentUser, personIdOf(req));
    res.status(204).end();
  });

  return router;
}
