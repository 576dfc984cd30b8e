import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { notFound } from '../http/errors';
import { flash } from '../http/flash';
import { onFormError } from '../cases/case.routes';
import { VocabTerm, Vocabulary } from './vocab-term.entity';
import { editTermSchema, newTermSchema } from './vocab.schema';
import { addTerm, editTerm, isVocabulary, setRetired, termsOf, usageCounts, vocabularySummaries } from './vocab-admin.service';
import { markedLabel, termLabel, vocabOptions } from './vocab.service';
import { addPaths, errorResponses } from '../api/openapi';
import { historyOf } from '../audit/audit.service';
import { presentAuditEntry } from '../audit/audit.presenter';
import { t } from '../i18n/i18n';

/** A list's name as a heading: "Torture method", "Методы пыток". */
const title = (v: Vocabulary) => t(`vocab.lists.${v}`).replace(/^./, (c) => c.toLocaleUpperCase());
/** A term's label in the admin's language (the other one, marked, when it has none). */
const labelOf = (term: VocabTerm) => markedLabel(termLabel(term));

function vocabularyOf(req: Request): Vocabulary {
  const name = String(req.params.vocabulary);
  if (!isVocabulary(name)) throw notFound(t('vocab.errors.noSuchList'));
  return name;
}

/** Admin pages for the controlled vocabularies: add terms, relabel them, retire and restore. */
export function vocabPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  router.get('/admin/vocabularies', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    res.render('vocab/index', { title: t('vocab.index.title'), lists: (await vocabularySummaries(ds)).map((l) => ({ ...l, title: title(l.vocabulary) })) });
  });

  const renderList = async (res: Response, vocabulary: Vocabulary, status: number, extra: Record<string, unknown> = {}) => {
    const usage = await usageCounts(ds, vocabulary);
    const terms = (await termsOf(ds, vocabulary)).map((term) => ({ code: term.code, labelEn: term.labelEn, labelRu: term.labelRu, label: termLabel(term), name: labelOf(term), retired: term.retired, sortOrder: term.sortOrder, uses: usage.get(term.code) ?? 0 }));
    res.status(status).render('vocab/list', { title: title(vocabulary), vocabulary, terms, errors: {}, values: { code: '', labelEn: '', labelRu: '', sortOrder: '' }, editErrors: {}, editing: null, editValues: null, ...extra });
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
      await flash(ds, req, t('vocab.flash.added', { label: labelOf(term), code: term.code }));
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
    if (!form.ok) return renderList(res, vocabulary, 422, { editErrors: form.errors, editing: code, editValues: { labelEn: String(req.body?.labelEn ?? ''), labelRu: String(req.body?.labelRu ?? ''), sortOrder: String(req.body?.sortOrder ?? '') } });
    const term = await editTerm(ds, actorOf(req), vocabulary, code, form.data);
    await flash(ds, req, t('vocab.flash.saved', { label: labelOf(term) }));
    res.redirect(303, `/admin/vocabularies/${vocabulary}#term-${term.code}`);
  });

  for (const [path, retired] of [['retire', true], ['restore', false]] as const) {
    router.post(`/admin/vocabularies/:vocabulary/terms/:code/${path}`, async (req, res) => {
      authorize(req.currentUser, 'vocab.manage');
      const vocabulary = vocabularyOf(req);
      const term = await setRetired(ds, actorOf(req), vocabulary, String(req.params.code), retired);
      await flash(ds, req, t(retired ? 'vocab.flash.retired' : 'vocab.flash.restored', { label: labelOf(term) }));
      res.redirect(303, `/admin/vocabularies/${vocabulary}#term-${term.code}`);
    });
  }

  router.get('/admin/vocabularies/:vocabulary/terms/:code/history', async (req, res) => {
    authorize(req.currentUser, 'vocab.manage');
    const vocabulary = vocabularyOf(req);
    const term = (await termsOf(ds, vocabulary)).find((x) => x.code === req.params.code);
    if (!term) throw notFound(t('vocab.errors.noSuchTerm'));
    res.render('vocab/history', { title: t('vocab.history.title', { label: labelOf(term) }), vocabulary, listTitle: title(vocabulary), term: { code: term.code, label: termLabel(term) }, history: (await historyOf(ds, 'vocab_term', term.id)).map(presentAuditEntry) });
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
    // `label` in the request's language (Accept-Language), the other one marked when the term has none; both labels as stored.
    const terms = includeRetired ? (await termsOf(ctx.ds, vocabulary)).map((x) => ({ code: x.code, label: labelOf(x), term: termLabel(x), labelEn: x.labelEn, labelRu: x.labelRu, retired: x.retired })) : await vocabOptions(ctx.ds, vocabulary);
    res.json({ data: terms.map((x) => ({ code: x.code, label: x.label, labelLang: x.term.lang, fallback: x.term.fallback, labelEn: x.labelEn, labelRu: x.labelRu, retired: x.retired })) });
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
