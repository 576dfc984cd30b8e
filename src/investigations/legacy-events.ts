import { DataSource } from 'typeorm';
import { dateInput, presentDate } from '../records/record-dates';
import { DecisionFormValues } from './investigation.presenter';

/**
 * Timeline events that state a decision ("investigation refused", "investigation opened") were
 * the only way to record one before investigations existed. They are not converted (a refusal
 * also entered as a complaint's response would then count twice); the case page lists each one
 * not yet recorded as a decision, with a one-click "record as an investigation decision".
 */
export const EVENT_DECISION_KIND: Record<string, string> = {
  investigation_refused: 'refused_to_open',
  investigation_opened: 'case_opened',
};

interface EventRow {
  id: number;
  type: string;
  title: string | null;
  description: string | null;
  date_precision: string | null;
  date_start: string | null;
  date_end: string | null;
  institution_id: number | null;
}

const TYPES = Object.keys(EVENT_DECISION_KIND).map((t) => `'${t}'`).join(', ');

async function eventRows(ds: DataSource, caseId: number, eventId?: number): Promise<EventRow[]> {
  return ds.query(
    `SELECT e.id, e.type, e.title, e.description, e.date_precision, e.date_start, e.date_end,
            (SELECT ei.institution_id FROM event_institution ei WHERE ei.event_id = e.id ORDER BY ei.id LIMIT 1) AS institution_id
       FROM case_event e
      WHERE e.case_id = ? AND e.type IN (${TYPES}) ${eventId ? 'AND e.id = ?' : ''}
        AND NOT EXISTS (SELECT 1 FROM investigation_decision d JOIN investigation i ON i.id = d.investigation_id WHERE i.case_id = e.case_id AND d.source_event_id = e.id)
      ORDER BY e.date_start, e.id`,
    eventId ? [caseId, eventId] : [caseId],
  );
}

/** The case's decision-like events not yet recorded as a decision. */
export async function unrecordedDecisionEvents(ds: DataSource, caseId: number) {
  return (await eventRows(ds, caseId)).map((e) => ({ id: e.id, type: e.type, kind: EVENT_DECISION_KIND[e.type], title: e.title, date: presentDate({ precision: e.date_precision, start: e.date_start, end: e.date_end }), anchor: `event-${e.id}` }));
}

/** The decision form filled from such an event: kind, date, body, the event's text as reasons. */
export async function decisionValuesFromEvent(ds: DataSource, caseId: number, eventId: number, base: DecisionFormValues): Promise<DecisionFormValues | null> {
  const [e] = await eventRows(ds, caseId, eventId);
  if (!e) return null;
  return {
    ...base,
    kind: EVENT_DECISION_KIND[e.type],
    date: dateInput({ precision: e.date_precision, start: e.date_start, end: e.date_end }),
    institutionId: e.institution_id ? String(e.institution_id) : base.institutionId,
    reasons: [e.title, e.description].filter(Boolean).join('\n\n'),
    sourceEventId: String(e.id),
  };
}
