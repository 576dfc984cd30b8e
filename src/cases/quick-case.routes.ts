import { Request, Response, Router } from 'express';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { flash } from '../http/flash';
import { verbatim } from '../people/redaction';
import { PossibleDuplicate } from '../people/person-duplicates';
import { personPickerValues, institutionPickerValue } from '../records/picker-values';
import { compactRows, rowList } from '../records/form-rows';
import { vocabOptions } from '../vocab/vocab.service';
import { SOURCE_KINDS, SOURCE_KIND_LABELS } from '../sources/source.entity';
import { draftBodyFor } from '../drafts/form-draft';
import { onFormError } from './case.routes';
import { MAX_QUICK_VICTIMS, VICTIM_KEYS, checkQuickCase } from './quick-case.schema';
import { createQuickCase } from './quick-case.service';
import { t } from '../i18n/i18n';

export const QUICK_CASE_PATH = '/cases/quick';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const dateOf = (v: unknown) => {
  const d = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  return { precision: str(d.precision), value: str(d.value), start: str(d.start), end: str(d.end) };
};

/** The form as posted (only strings reach the view), with the defaults of an empty form. */
function valuesOf(body: Record<string, unknown> | null) {
  const b = body ?? {};
  const victims = (rowList(body ? b.victims : undefined) ?? []).map((r) => {
    const row = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    return { personId: str(row.personId), name: str(row.name), spellings: str(row.spellings), match: str(row.match) };
  });
  return {
    sourceKind: body ? str(b.sourceKind) : 'organisation',
    sourceName: str(b.sourceName),
    sourceTitle: str(b.sourceTitle),
    sourceUrl: str(b.sourceUrl),
    sourceDate: dateOf(b.sourceDate),
    sourceReliability: body ? str(b.sourceReliability) : 'cannot_be_judged',
    sourceRelation: body ? str(b.sourceRelation) : 'ngo',
    sourceText: str(b.sourceText),
    title: str(b.title),
    year: str(b.year),
    status: body ? str(b.status) : 'open',
    region: str(b.region),
    summary: str(b.summary),
    tags: str(b.tags),
    restricted: str(b.restricted),
    victims,
    eventType: body ? str(b.eventType) : 'arrest',
    eventTitle: str(b.eventTitle),
    eventDate: dateOf(b.eventDate),
    eventPlace: str(b.eventPlace),
    eventInstitutionId: str(b.eventInstitutionId),
  };
}
type QuickValues = ReturnType<typeof valuesOf>;

/**
 * The quick case: the source text pasted, then the case, its victims, the first detention event
 * and its institution in one form, saved in one transaction; the rest follows on the case page.
 */
export function quickCaseRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  async function render(req: Request, res: Response, status: number, values: QuickValues, errors: Record<string, string>, more: boolean, duplicates = new Map<number, PossibleDuplicate[]>()) {
    const blank = Math.max(values.victims.length ? 0 : 1, 0) + (more ? 1 : 0);
    const rows = [...values.victims, ...Array.from({ length: blank }, () => ({ personId: '', name: '', spellings: '', match: '' }))].slice(0, MAX_QUICK_VICTIMS);
    const pickers = await personPickerValues(ds, req.currentUser!, rows.map((r) => r.personId));
    res.status(status).render('cases/quick', {
      title: t('cases.quick.title'),
      // What the user typed is shown back as typed (people/redaction.ts).
      values: verbatim(values),
      errors,
      victimRows: verbatim(rows.map((r, i) => ({ ...r, selectedLabel: pickers[i].selectedLabel, duplicates: duplicates.get(i) ?? [] }))),
      institution: await institutionPickerValue(ds, values.eventInstitutionId),
      draftReturn: QUICK_CASE_PATH,
      maxVictims: MAX_QUICK_VICTIMS,
      sourceKinds: SOURCE_KINDS.map((code) => ({ code, label: SOURCE_KIND_LABELS[code] })),
      reliabilities: await vocabOptions(ds, 'reliability', [values.sourceReliability]),
      relations: await vocabOptions(ds, 'source_relation', [values.sourceRelation]),
      statuses: await vocabOptions(ds, 'case_status', [values.status]),
      regions: await vocabOptions(ds, 'region', [values.region]),
      eventTypes: await vocabOptions(ds, 'event_type', [values.eventType]),
    });
  }

  router.get(QUICK_CASE_PATH, async (req, res) => {
    authorize(req.currentUser, 'case.create');
    // Back from "New person…" or "New institution…" (drafts/form-draft.ts): the form as it was left.
    await render(req, res, 200, valuesOf(draftBodyFor(req)), {}, false);
  });

  router.post(QUICK_CASE_PATH, async (req, res) => {
    authorize(req.currentUser, 'case.create');
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const compact = { ...body, victims: compactRows(body.victims, VICTIM_KEYS) };
    const values = valuesOf(compact);
    if (body._more === 'victims') return render(req, res, 200, values, {}, values.victims.length < MAX_QUICK_VICTIMS);
    const form = checkQuickCase(compact);
    if (!form.ok) return render(req, res, 422, values, form.errors, false);
    try {
      const result = await createQuickCase(ds, actorOf(req), req.currentUser!, form.data);
      if ('duplicates' in result) return await render(req, res, 409, values, {}, false, result.duplicates);
      await flash(ds, req, t('cases.flash.created', { code: result.created.code }));
      res.redirect(303, `/cases/${result.created.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => render(req, res, status, values, errors, false));
    }
  });

  return router;
}
