import { TimelineSource } from './timeline-entry';
import { eventTimeline } from './timeline-events';
import { complaintTimeline } from './timeline-complaints';
import { statementTimeline } from './timeline-statements';
import { proceedingTimeline } from './timeline-proceedings';
import { investigationTimeline } from './timeline-investigations';

/**
 * Every family the case timeline shows, in legend order. A new family is one module returning a
 * TimelineSource (see timeline-entry.ts) and one line here; the picture, the list, the family
 * checkboxes, the researchers' order and the dossier follow.
 */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [eventTimeline, complaintTimeline, statementTimeline, proceedingTimeline, investigationTimeline];

export const TIMELINE_FAMILIES = () => TIMELINE_SOURCES.map((s) => s.family);
