import { listCaseDecisions } from '../investigations/investigation.service';
import { institutionNames } from './event.presenter';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';
import { t } from '../i18n/i18n';

/**
 * The decisions of the case's official investigations (check started, refusal, annulment, ...),
 * each following the decision before it in the same investigation, so the usual sequence
 * (refusal, annulment, new check, refusal again) reads in its true order.
 */
export const investigationTimeline: TimelineSource = {
  family: {
    id: 'investigation',
    get label() {
      return t('timeline.families.investigation');
    },
    shape: 'bowtie',
    colour: '#5b3f8c',
    rank: 4,
  },
  async entries(ctx) {
    const decisions = await listCaseDecisions(ctx.ds, ctx.caseId);
    const names = await institutionNames(ctx.ds, decisions.map((d) => d.institutionId).filter((id): id is number => id !== null));
    const entries: TimelineEntry[] = [];
    let undated = 0;
    const previous = new Map<number, number>();
    for (const d of decisions) {
      const before = previous.get(d.investigationId);
      previous.set(d.investigationId, d.id);
      const date = entryDate(d.date);
      if (!date) {
        undated++;
        continue;
      }
      const body = d.institutionId !== null ? (names.get(d.institutionId)?.name ?? null) : null;
      entries.push({
        key: `decision-${d.id}`,
        family: 'investigation',
        kind: d.kind,
        kindLabel: ctx.label('investigation_decision', d.kind),
        date,
        title: body,
        href: `#${d.anchor}`,
        follows: before !== undefined ? [`decision-${before}`] : [],
      });
    }
    return { entries, undated };
  },
};
