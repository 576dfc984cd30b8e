import { categoryOf } from './event-category';
import { eventsOfCase } from './event.service';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';
import { t } from '../i18n/i18n';

/** The events of the case: the family whose marks are chosen by the event's category. */
export const eventTimeline: TimelineSource = {
  family: {
    id: 'event',
    get label() {
      return t('timeline.families.event');
    },
    shape: 'circle',
    colour: '#1f4e8c',
    rank: 0,
  },
  async entries(ctx) {
    const records = await eventsOfCase(ctx.ds, ctx.caseId);
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

