import { Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { parseInput } from '../http/validate';
import { notFound } from '../http/errors';
import { vocabLabeler, vocabLookup } from '../vocab/vocab.service';
import { institutionApiListQuery, institutionSchema } from './institution.schema';
import { aliasesOf, createInstitution, institutionNames, loadInstitution, updateInstitution } from './institution.service';
import { listInstitutions } from './institution-list';
import { loadInstitutionPage } from './institution-page';
import { institutionIdOf } from './institution-id';
import { presentInstitutionSummary } from './institution.presenter';
import { CurrentUser } from '../http/context';
import './institutions.openapi';
import { t } from '../i18n/i18n';

/** /api/v1/institutions: everyone who reads cases reads institutions; researchers and admins write. */
export function institutionsApiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  const present = async (user: CurrentUser, id: number) => {
    const page = await loadInstitutionPage(ds, user, id);
    return {
      ...page.institution,
      ancestors: page.ancestors,
      children: page.children.map((c) => ({ id: c.id, name: c.name })),
      involvement: {
        cases: page.cases.map((c) => ({ id: c.id, code: c.code, title: c.title })),
        events: page.events.map((e) => ({ id: e.id, caseId: e.caseId, type: e.typeLabel, title: e.title, date: e.date.text, viaInstitutionId: e.via?.id ?? null })),
        allegations: page.allegations.map((a) => ({ id: a.id, caseId: a.caseId, summary: a.summary, victim: a.victim ? { id: a.victim.id, label: a.victim.label, pseudonymised: a.victim.hidden } : null, roles: a.roles, viaInstitutionIds: a.via.map((v) => v.id) })),
        complaints: page.complaints.map((c) => ({ id: c.id, caseId: c.caseId, request: c.requestLabel, relation: c.relation, date: c.date.text, viaInstitutionId: c.via?.id ?? null })),
        statements: page.statements.map((s) => ({ id: s.id, caseId: s.caseId, kind: s.kindLabel, date: s.date.text, retracted: s.retracted, viaInstitutionId: s.via?.id ?? null })),
        proceedings: page.proceedings.map((p) => ({ id: p.id, caseId: p.caseId, title: p.title, caseNumber: p.caseNumber, viaInstitutionId: p.via?.id ?? null })),
      },
    };
  };

  router.get('/institutions', async (req, res) => {
    authorize(req.currentUser, 'institution.list');
    const f = parseInput(institutionApiListQuery(await vocabLookup(ds)), req.query);
    const { rows, total } = await listInstitutions(ds, { ...f, pageSize: f.limit });
    const [aliases, parents, label] = await Promise.all([aliasesOf(ds, rows.map((r) => r.id)), institutionNames(ds, rows.map((r) => r.parentId).filter((x): x is number => x !== null)), vocabLabeler(ds)]);
    res.json({
      data: rows.map((i) => presentInstitutionSummary(i, aliases.get(i.id) ?? [], label, i.parentId ? (parents.get(i.parentId) ?? null) : null)),
      page: f.page,
      pageSize: f.limit,
      total,
    });
  });

  router.post('/institutions', async (req, res) => {
    authorize(req.currentUser, 'institution.create');
    const input = parseInput(institutionSchema, req.body);
    const result = await createInstitution(ds, actorOf(req), req.currentUser, input);
    if ('duplicates' in result) {
      res.status(409).json({
        error: { code: 'possible_duplicate', message: t('institutions.errors.possibleDuplicate'), id: req.correlationId },
        duplicates: result.duplicates,
      });
      return;
    }
    res.status(201).json({ data: await present(req.currentUser, result.created.id) });
  });

  router.get('/institutions/:id', async (req, res) => {
    authorize(req.currentUser, 'institution.list');
    res.json({ data: await present(req.currentUser, institutionIdOf(req)) });
  });

  router.patch('/institutions/:id', async (req, res) => {
    authorize(req.currentUser, 'institution.update');
    const id = institutionIdOf(req);
    const record = await loadInstitution(ds, id);
    if (!record) throw notFound(t('institutions.errors.noSuchInstitution'));
    const i = record.institution;
    const current = { name: i.name, aliases: record.aliases, type: i.type, parentId: i.parentId, region: i.region, locality: i.locality, latitude: i.latitude, longitude: i.longitude, notes: i.notes };
    const input = parseInput(institutionSchema, { ...current, ...(req.body ?? {}) });
    await updateInstitution(ds, actorOf(req), req.currentUser, id, input);
    res.json({ data: await present(req.currentUser, id) });
  });

  return router;
}
