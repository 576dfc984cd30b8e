import { SectionContext } from '../cases/case-section';
import { EventView, toTimelineEvent } from './event.presenter';
import { eventViewsOfCase } from './event-views';
import { describeTimeline } from './timeline-svg';

export interface EventsSection {
  items: EventView[];
  /** The timeline picture in three widths (chosen by the browser), or null when there are no events. */
  picture: { wide: string; medium: string; narrow: string; alt: string } | null;
  newHref: string;
}

/** The timeline part of the case page: the picture and the same events as a list. */
export async function eventsSection(ctx: SectionContext): Promise<EventsSection> {
  const caseId = ctx.record.id;
  const items = await eventViewsOfCase(ctx.ds, ctx.user, caseId);
  const base = `/cases/${caseId}/timeline.svg`;
  return {
    items,
    picture: items.length
      ? {
          wide: base,
          medium: `${base}?layout=medium`,
          narrow: `${base}?layout=narrow`,
          alt: `Timeline picture: ${describeTimeline(items.map(toTimelineEvent))} The list below gives the same events in words.`,
        }
      : null,
    newHref: `/cases/${caseId}/events/new`,
  };
}
