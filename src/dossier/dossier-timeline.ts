import { DataSource } from 'typeorm';
import { formatPartialDate } from '../db/partial-date';
import { CurrentUser } from '../http/context';
import { caseTimeline } from '../events/timeline.service';
import { DossierItem } from './dossier.model';
import { t } from '../i18n/i18n';
import { precisionFlags } from './dossier-precision';


/**
 * The dossier's timeline: every family of the case timeline (events, complaints and responses,
 * statements and retractions, proceeding stages, ...) in the order of the case page
 * (events/timeline-order.ts, with the researchers' order of same-date entries). Events keep the
 * details the dossier reads for them (`eventItems`, by anchor "event-<id>"); other records are
 * one line each, and their full text is in their own section of the dossier.
 */
export async function timelineItems(ds: DataSource, user: CurrentUser, caseId: number, eventItems: DossierItem[]): Promise<DossierItem[]> {
  const { entries, families } = await caseTimeline(ds, user, caseId);
  const byAnchor = new Map(eventItems.map((i) => [i.anchor, i]));
  const familyLabel = new Map(families.map((f) => [f.id, f.label]));
  return entries.map((e) => {
    const own = e.eventId !== undefined ? byAnchor.get(`event-${e.eventId}`) : undefined;
    if (own) return own;
    return {
      anchor: `timeline-${e.key}`,
      heading: [e.kindLabel, e.title].filter(Boolean).join(': '),
      date: formatPartialDate(e.date) || null,
      facts: [[t('dossier.facts.record'), familyLabel.get(e.family) ?? e.family]],
      text: null,
      flags: precisionFlags(e.date.precision),
    };
  });
}
