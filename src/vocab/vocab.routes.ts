import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { notFound } from '../http/errors';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { Vocabulary } from './vocab-term.entity';
import { editTermSchema, newTermSchema } from './vocab.schema';
import { addTerm, editTerm, isVocabulary, setRetired, termsOf, usageCounts, vocabularySummaries } from './vocab-admin.service';
import { vocabOptions } from './vocab.service';
import { addPaths, errorResponses } from '../api/openapi';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';

const title = (v: string) => v.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function vocabularyOf(req: Request): Vocabulary {
  const name = String(req.params.vocabulary);
  if (!isVocabulary(name)) throw notFound('No such list.');
  return name;
}

/** Admin pages for the controlled vocabularies: add terms, relabel them, retire and restore. */
export function vocabPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/admin/vocabularies', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    res.render('vocab/index', { title: 'Vocabularies', lists: (await vocabularySummaries(ds)).map((l) => ({ ...l, title: title(l.vocabulary) })) });
  });

  const renderList = async (res: Response, vocabulary: Vocabulary, status: number, extra: Record<string, unknown> = {}) => {
    const usage = await usageCounts(ds, vocabulary);
    const terms = (await termsOf(ds, vocabulary)).map((t) => ({ code: t.code, labelEn: t.labelEn, labelRu: t.labelRu, retired: t.retired, sortOrder: t.sortOrder, uses: usage.get(t.code) ?? 0 }));
    res.status(status).render('vocab/list', { title: title(vocabulary), vocabulary, terms, errors: {}, values: { code: '', labelEn: '', labelRu: '', sortOrder: '' }, editErrors: {}, editing: null, ...extra });
  };

  router.get('/admin/vocabularies/:vocabulary', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    await renderList(res, vocabularyOf(req), 200);
  });

  router.post('/admin/vocabularies/:vocabulary/terms', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    const vocabulary = vocabularyOf(req);
    const values = { code: String(req.body?.code ?? ''), labelEn: String(req.body?.labelEn ?? ''), labelRu: String(req.body?.labelRu ?? ''), sortOrder: String(req.body?.sortOrder ?? '') };
    const form = checkForm(newTermSchema, req.body);
    if (!form.ok) return renderList(res, vocabulary, 422, { errors: form.errors, values });
    try {
      const term = await addTerm(ds, actorOf(req), vocabulary, form.data);
      await flash(ds, req, `Added “${term.labelEn}” (${term.code}).`);
      res.redirect(303, `/admin/vocabularies/${vocabulary}#term-${term.code}`);
    } catch (err) {
      await onFormError(err, (status, errors) => renderList(res, vocabulary, status, { errors, values }));
    }
  });

  router.post('/admin/vocabularies/:vocabulary/terms/:code', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    const vocabulary = vocabularyOf(req);
    const code = String(req.params.code);
    const form = checkForm(editTermSchema, req.body);
    if (!form.ok) return renderList(res, vocabulary, 422, { editErrors: form.errors, editing: code });
    const term = await editTerm(ds, actorOf(req), vocabulary, code, form.data);
    await flash(ds, req, `Saved “${term.labelEn}”.`);
    res.redirect(303, `/admin/vocabularies/${vocabulary}#term-${term.code}`);
  });

  for (const [path, retired] of [['retire', true], ['restore', false]] as const) {
    router.post(`/admin/vocabularies/:vocabulary/terms/:code/${path}`, async (req, res) => {
      authorize(req.currentUser, 'vocab.manage');
      const vocabulary = vocabularyOf(req);
      const term = await setRetired(ds, actorOf(req), vocabulary, String(req.params.code), retired);
      await flash(ds, req, retired ? `Retired “${term.labelEn}”: records that use it keep it; it can no longer be chosen.` : `Restored “${term.labelEn}”.`);
      res.redirect(303, `/admin/vocabularies/${vocabulary}#term-${term.code}`);
    });
  }

  router.get('/admin/vocabularies/:vocabulary/terms/:code/history', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    const vocabulary = vocabularyOf(req);
    const term = (await termsOf(ds, vocabulary)).find((t) => t.code === req.params.code);
    if (!term) throw notFound('No such term.');
    res.render('vocab/history', { title: `${term.labelEn} · history`, vocabulary, term: { code: term.code, labelEn: term.labelEn }, history: (await historyOf(ds, 'vocab_term', term.id)).map(presentAuditEntry) });
  });

  return router;
}

/** Read-only: what API clients need to fill in coded fields. */
export function vocabApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/vocabularies/:vocabulary', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const vocabulary = vocabularyOf(req);
    const includeRetired = req.query.includeRetired === 'true';
    const terms = includeRetired ? (await termsOf(ctx.ds, vocabulary)).map((t) => ({ code: t.code, label: t.labelEn, labelRu: t.labelRu, retired: t.retired })) : await vocabOptions(ctx.ds, vocabulary);
    res.json({ data: terms.map((t) => ({ code: t.code, label: t.label, labelRu: t.labelRu, retired: t.retired })) });
  });
  return router;
}

addPaths({
  '/vocabularies/{vocabulary}': {
    parameters: [
      { name: 'vocabulary', in: 'path', required: true, schema: { type: 'string' }, description: 'e.g. event_type, torture_method, region' },
      { name: 'includeRetired', in: 'query', schema: { type: 'boolean' } },
    ],
    get: { summary: 'Terms of a controlled vocabulary (codes for coded fields)', responses: { '200': { description: 'Terms' }, ...errorResponses(401, 404) } },
  },
});
