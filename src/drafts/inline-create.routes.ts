import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { AppError, notFound } from '../http/errors';
import { verbatim, verbatimKeys } from '../people/redaction';
import { personSchema } from '../people/person.schema';
import { createPerson } from '../people/person.service';
import { personPickerLabels } from '../people/person-picker';
import { genderOptions } from '../people/person.presenter';
import { institutionSchema } from '../institutions/institution.schema';
import { createInstitution } from '../institutions/institution.service';
import { institutionLabels } from '../records/record-refs';
import { vocabOptions } from '../vocab/vocab.service';
import { FormDraft, InlineKind, chooseInDraft, draftOf, returnAddress, safeFieldName, safeReturnPath, saveDraft } from './form-draft';
import { t } from '../i18n/i18n';

const KINDS: readonly InlineKind[] = ['person', 'institution'];
const OTHER_NAME_ROWS = 2;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const bodyOf = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

function kindOf(req: Request): InlineKind {
  const kind = req.params.kind as InlineKind;
  if (!KINDS.includes(kind)) throw notFound();
  authorize(req.currentUser, `${kind}.create`);
  return kind;
}

/** What the small form shows again: only strings from the body, as typed. */
function valuesOf(kind: InlineKind, body: Record<string, unknown>) {
  if (kind === 'person') {
    const rows = Array.isArray(body.names) ? body.names : [];
    const names = Array.from({ length: 1 + OTHER_NAME_ROWS }, (_, i) => str((rows[i] as Record<string, unknown> | undefined)?.name));
    return verbatim({ names, gender: str(body.gender) });
  }
  return verbatim({ name: str(body.name), type: str(body.type), region: str(body.region), locality: str(body.locality) });
}

/** The posted small form as the person or institution schema reads it. */
function inputOf(kind: InlineKind, body: Record<string, unknown>) {
  if (kind === 'person') {
    const rows = Array.isArray(body.names) ? body.names : [];
    const names = rows.map((r, i) => ({ name: str((r as Record<string, unknown>)?.name), kind: i === 0 ? 'primary' : 'spelling' }));
    return { names, birth: {}, deathDate: {}, gender: body.gender, createAnyway: body.createAnyway };
  }
  return { name: body.name, type: body.type, region: body.region, locality: body.locality, createAnyway: body.createAnyway };
}

/**
 * "New person…" and "New institution…" beside a picker. Without script the picker's button posts
 * the whole half-filled form here: it is kept as a draft (drafts/form-draft.ts), the small form
 * opens as a page of its own, and saving it (or choosing one of the possible duplicates it warns
 * about) goes back to the form with the record chosen. With script the same small form opens in a
 * dialog on the form's page (public/js/pickers.js) and answers with the record as JSON.
 */
export function inlineCreateRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  async function render(req: Request, res: Response, kind: InlineKind, status: number, s: { draft: FormDraft | null; field: string; values: ReturnType<typeof valuesOf>; errors: Record<string, string>; duplicates: { id: number; label: string; matchedNames: string[] }[]; dialog: boolean }) {
    const locals = {
      title: t(kind === 'person' ? 'inline.person.title' : 'inline.institution.title'),
      kind,
      draftId: s.draft?.id ?? '',
      field: s.field,
      cancelHref: s.draft ? returnAddress(s.draft) : '',
      values: s.values,
      errors: s.errors,
      duplicates: s.duplicates,
      dialog: s.dialog,
      types: kind === 'institution' ? await vocabOptions(ds, 'institution_type', [str((s.values as { type?: string }).type)]) : [],
      regions: kind === 'institution' ? await vocabOptions(ds, 'region', [str((s.values as { region?: string }).region)]) : [],
      genders: genderOptions(),
    };
    // The dialog's script reads the answer, not its status: a refused form comes back as 200, so that the
    // browser does not log a failed request for a message the user is shown beside the field.
    res.status(s.dialog ? 200 : status).render(s.dialog ? 'inline/_form' : 'inline/form', verbatimKeys(locals, ['title']));
  }

  /** The picker's button without script: keep the form, open the small form. */
  router.post('/inline/:kind/start', (req, res) => {
    const kind = kindOf(req);
    const returnTo = safeReturnPath(req.query.returnTo);
    const field = safeFieldName(req.query.field);
    if (!returnTo || !field) throw notFound();
    const id = saveDraft(req, { returnTo, field, kind }, bodyOf(req));
    res.redirect(303, `/inline/${kind}?draft=${id}`);
  });

  router.get('/inline/:kind', async (req, res) => {
    const kind = kindOf(req);
    const dialog = req.query.dialog === '1';
    const draft = dialog ? null : draftOf(req, req.query.draft);
    if (!dialog && (!draft || draft.kind !== kind)) throw notFound(t('inline.errors.expired'));
    const field = draft?.field ?? safeFieldName(req.query.field) ?? '';
    await render(req, res, kind, 200, { draft, field, values: valuesOf(kind, {}), errors: {}, duplicates: [], dialog });
  });

  router.post('/inline/:kind', async (req, res) => {
    const kind = kindOf(req);
    const body = bodyOf(req);
    const dialog = body.dialog === '1';
    const draft = dialog ? null : draftOf(req, body.draft);
    if (!dialog && (!draft || draft.kind !== kind)) throw notFound(t('inline.errors.expired'));
    const field = draft?.field ?? safeFieldName(body.field) ?? '';
    const values = valuesOf(kind, body);
    const again = (status: number, errors: Record<string, string>, duplicates: { id: number; label: string; matchedNames: string[] }[] = []) =>
      render(req, res, kind, status, { draft, field, values, errors, duplicates, dialog });
    const chosen = (id: number, label: string) => {
      if (dialog) return void res.json(verbatimKeys({ id, label }, ['label']));
      chooseInDraft(draft!, id);
      res.redirect(303, returnAddress(draft!));
    };

    // One of the possible duplicates the warning offered: only someone the user may choose.
    const existing = /^[1-9][0-9]{0,14}$/.test(str(body.useExisting)) ? Number(body.useExisting) : null;
    if (existing !== null) {
      const label = kind === 'person' ? (await personPickerLabels(ds, req.currentUser!, [existing])).get(existing) : (await institutionLabels(ds, [existing])).get(existing)?.label;
      if (!label) return again(422, { useExisting: t('inline.errors.chooseListed') });
      return chosen(existing, label);
    }

    try {
      if (kind === 'person') {
        const form = checkForm(personSchema, inputOf(kind, body));
        if (!form.ok) return await again(422, form.errors);
        const result = await createPerson(ds, actorOf(req), req.currentUser!, form.data);
        if ('duplicates' in result) return await again(409, {}, result.duplicates);
        return chosen(result.created.id, result.created.primaryName);
      }
      const form = checkForm(institutionSchema, inputOf(kind, body));
      if (!form.ok) return await again(422, form.errors);
      const result = await createInstitution(ds, actorOf(req), req.currentUser!, form.data);
      if ('duplicates' in result) return await again(409, {}, result.duplicates.map((d) => ({ id: d.id, label: d.name, matchedNames: d.matchedNames })));
      return chosen(result.created.id, result.created.name);
    } catch (err) {
      if (err instanceof AppError && Object.keys(err.fieldErrors).length) return again(err.status, err.fieldErrors);
      throw err;
    }
  });

  return router;
}
