import { Request, Response, Router } from 'express';
import { addAnother } from '../records/add-another';
import { redactorFor } from '../people/redaction';
import { AppContext } from '../http/context';
import { authorize } from '../auth/policy';
import { actorOf } from '../http/actor';
import { checkForm } from '../http/validate';
import { recordIdOf } from './event-params';
import { flash } from '../http/flash';
import { caseIdOf, onFormError } from '../cases/case.routes';
import { requireCase } from '../cases/case-access';
import { eventInput, eventSchema, timelineMoveSchema, timelineQuery } from './event.schema';
import { createEvent, deleteEvent, eventOfCase, updateEvent } from './event.service';
import { eventCaption, eventFormValues } from './event.presenter';
import { compactEventBody, eventFormLocals, eventValuesFromBody } from './event-form';
import { TIMELINE_WIDTHS, renderTimelineSvg } from './timeline-svg';
import { caseTimeline, moveTimelineEntry } from './timeline.service';
import { choiceQuery, timelineChoice } from './timeline-choice';
import { toPictureEntry } from './events.section';
import { AppError } from '../http/errors';
import { draftBodyFor } from '../drafts/form-draft';
import { vocabLabeler } from '../vocab/vocab.service';
import { t } from '../i18n/i18n';

export { eventsApiRoutes } from './events.api';

const eventIdOf = (req: Request) => recordIdOf(req);

const bodyOf = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

/** Pages for the events of a case: add, edit, delete, and the timeline picture. */
export function eventsPageRoutes(ctx: AppContext): Router {
  const router = Router();
  const { ds } = ctx;

  /** Shows the form again: after "add another" (200), or with the messages of a failed save. */
  async function showForm(req: Request, res: Response, caseId: number, eventId: number | null, status: number, errors: Record<string, string>) {
    const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
    const body = bodyOf(req);
    const locals = await eventFormLocals(ds, req.currentUser!, { caseRecord: record, eventId, values: eventValuesFromBody(body), errors, body });
    res.status(status).render('events/form', locals);
  }

  /** Validates and saves a posted event form; `save` is the create or the update. */
  async function submit(req: Request, res: Response, caseId: number, eventId: number | null, save: (input: ReturnType<typeof eventInput>) => Promise<{ id: number }>) {
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const body = bodyOf(req);
    if (typeof body._more === 'string') return showForm(req, res, caseId, eventId, 200, {});
    const form = checkForm(eventSchema, compactEventBody(body));
    if (!form.ok) return showForm(req, res, caseId, eventId, 422, form.errors);
    try {
      const saved = await save(eventInput(form.data));
      await flash(ds, req, eventId ? t('events.flash.saved') : t('events.flash.added'));
      res.redirect(303, !eventId && addAnother(req) ? `/cases/${caseId}/events/new` : `/cases/${caseId}#event-${saved.id}`);
    } catch (err) {
      await onFormError(err, (status, errors) => showForm(req, res, caseId, eventId, status, errors));
    }
  }

  router.get('/cases/:caseId/events/new', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req, 'caseId'), 'case.update');
    // Back from "New person…" or "New institution…" (drafts/form-draft.ts): the form as it was left.
    const draft = draftBodyFor(req);
    const values = draft ? eventValuesFromBody(draft) : eventFormValues();
    res.render('events/form', await eventFormLocals(ds, req.currentUser, { caseRecord: record, eventId: null, values, errors: {}, body: draft }));
  });

  router.post('/cases/:caseId/events', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await submit(req, res, caseId, null, (input) => createEvent(ds, actorOf(req), req.currentUser!, caseId, input));
  });

  router.get('/cases/:caseId/timeline.svg', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const { record } = await requireCase(ds, req.currentUser, caseIdOf(req, 'caseId'));
    const { layout } = timelineQuery.parse(req.query);
    // Sent as it is (not rendered): the titles are text written by people (people/redaction.ts).
    const redactor = redactorFor(ds, req.currentUser).forCases([record.id]);
    const timeline = await caseTimeline(ds, req.currentUser, record.id, timelineChoice(req.query as Record<string, unknown>));
    const events = redactor.deep(timeline.entries.map((e, i) => toPictureEntry(e, timeline.families, i)));
    const svg = renderTimelineSvg(events, { width: TIMELINE_WIDTHS[layout], title: t('timeline.svg.title', { code: record.code, title: redactor.text(record.title) }) });
    res.type('image/svg+xml; charset=utf-8').set('Content-Disposition', `inline; filename="${record.code}-timeline.svg"`).send(svg);
  });

  /** "Move up" / "move down" beside entries of the timeline list that share a date (a form, no script needed). */
  router.post('/cases/:caseId/timeline/order', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const form = checkForm(timelineMoveSchema, bodyOf(req));
    const back = (anchor: string) => {
      const query = choiceQuery(timelineChoice(req.query as Record<string, unknown>));
      return `/cases/${caseId}${query ? `?${query}` : ''}#${anchor}`;
    };
    if (!form.ok) {
      await flash(ds, req, Object.values(form.errors)[0] ?? t('timeline.order.chooseEntry'));
      return res.redirect(303, back('events'));
    }
    try {
      await moveTimelineEntry(ds, actorOf(req), req.currentUser!, caseId, form.data.key, form.data.direction);
      await flash(ds, req, t('timeline.order.saved'));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      await flash(ds, req, Object.values(err.fieldErrors)[0] ?? err.message);
    }
    res.redirect(303, back(form.data.key.startsWith('event-') ? form.data.key : `tl-${form.data.key}`));
  });

  /** An event has no page of its own: its place on the case page. */
  router.get('/cases/:caseId/events/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId);
    const { event } = await eventOfCase(ds, caseId, eventIdOf(req));
    res.redirect(303, `/cases/${caseId}#event-${event.id}`);
  });

  router.get('/cases/:caseId/events/:id/edit', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
    const event = await eventOfCase(ds, caseId, eventIdOf(req));
    const draft = draftBodyFor(req);
    const values = draft ? eventValuesFromBody(draft) : eventFormValues(event);
    res.render('events/form', await eventFormLocals(ds, req.currentUser, { caseRecord: record, eventId: event.event.id, values, errors: {}, body: draft }));
  });

  router.post('/cases/:caseId/events/:id', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await requireCase(ds, req.currentUser, caseId, 'case.update');
    const eventId = (await eventOfCase(ds, caseId, eventIdOf(req))).event.id;
    await submit(req, res, caseId, eventId, (input) => updateEvent(ds, actorOf(req), req.currentUser!, caseId, eventId, input));
  });

  router.get('/cases/:caseId/events/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    const { record } = await requireCase(ds, req.currentUser, caseId, 'case.update');
    const event = await eventOfCase(ds, caseId, eventIdOf(req));
    res.render('events/delete', {
      title: t('events.delete.title', { code: record.code }),
      caseRecord: { id: record.id, code: record.code, title: record.title },
      event: { id: event.event.id, caption: eventCaption(event, await vocabLabeler(ds)), links: event.causes.length + event.followsFrom.length },
    });
  });

  router.post('/cases/:caseId/events/:id/delete', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const caseId = caseIdOf(req, 'caseId');
    await deleteEvent(ds, actorOf(req), req.currentUser!, caseId, eventIdOf(req));
    await flash(ds, req, t('events.flash.trashed'));
    res.redirect(303, `/cases/${caseId}#events`);
  });

  return router;
}
