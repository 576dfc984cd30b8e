import { categoryOf } from './event-category';
import { eventsOfCase } from './event.service';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';

/** The events of the case: the family whose marks are chosen by the event's category. */
export const eventTimeline: TimelineSource = {
  family: { id: 'event', label: 'Events', shape: 'circle', colour: '#1f4e8c', rank: 0 },
  async entries(ctx) {
    // An old "investigation refused / opened" event recorded since as a decision is drawn once, as the decision.
    const recorded = new Set<number>(
      (await ctx.ds.query(`SELECT d.source_event_id AS id FROM investigation_decision d JOIN investigation i ON i.id = d.investigation_id WHERE i.case_id = ? AND d.source_event_id IS NOT NULL`, [ctx.caseId])).map((r: { id: number }) => Number(r.id)),
    );
    const records = (await eventsOfCase(ctx.ds, ctx.caseId)).filter(({ event }) => !recorded.has(event.id));
    const entries = records.map(({ event, followsFrom }): TimelineEntry => ({
      key: `event-${event.id}`,
      family: 'event',
      kind: event.type,
      kindLabel: ctx.label('event_type', event.type),
      date: entryDate(event.date)!,
      title: event.title,
      href: `#event-${event.id}`,
      follows: followsFrom.map((id) => `event-${id}`),
      category: categoryOf(event.type),
      eventId: event.id,
    }));
    return { entries, undated: 0 };
  },
};

