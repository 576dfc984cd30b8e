import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit.service';
import { requireCase } from '../cases/case-access';
import { withTransaction } from '../db/transaction';
import { CurrentUser } from '../http/context';
import { validationFailed } from '../http/errors';
import { personLabels } from '../people/identity';
import { auditRecord } from '../records/record-audit';
import { vocabLabeler } from '../vocab/vocab.service';
import { TimelineEntry, TimelineFamily, TimelineSourceContext } from './timeline-entry';
import { Ordered, moveWithin, orderTimeline, sameWindow } from './timeline-order';
import { TimelineOrder } from './timeline-order.entity';
import { TIMELINE_SOURCES } from './timeline-sources';
import { t } from '../i18n/i18n';

export type PlacedEntry = Ordered<TimelineEntry & { position: number | null }> & {
  /** Can move up or down among the entries sharing its date (not above what it follows). */
  canMoveUp: boolean;
  canMoveDown: boolean;
};

export interface CaseTimeline {
  families: (TimelineFamily & { shown: boolean; count: number })[];
  /** The shown entries in timeline order. */
  entries: PlacedEntry[];
  /** Records of shown families that have no date, so are not on the timeline. */
  undated: number;
  /** Entries of hidden families. */
  hidden: number;
}

/** Which families to show: all when `show` is null (nothing chosen), else those named. */
export interface TimelineChoice {
  show: string[] | null;
}

/**
 * Every family's entries of a case in honest order (timeline-order.ts), with the researchers' order
 * for entries sharing a date. The order is computed over all families and then the hidden ones
 * are left out, so hiding a family never reorders the rest. The caller has checked access.
 */
export async function caseTimeline(ds: DataSource, user: CurrentUser, caseId: number, choice: TimelineChoice = { show: null }): Promise<CaseTimeline> {
  const label = await vocabLabeler(ds);
  const ctx: TimelineSourceContext = { ds, user, caseId, label, people: (ids) => personLabels(ds, user, ids) };
  const loaded = await Promise.all(TIMELINE_SOURCES.map(async (s) => ({ family: s.family, ...(await s.entries(ctx)) })));
  const positions = new Map((await ds.getRepository(TimelineOrder).find({ where: { caseId } })).map((p) => [p.entryKey, p.position]));
  const rank = new Map(TIMELINE_SOURCES.map((s) => [s.family.id, s.family.rank]));
  let seq = 0;
  const all = orderTimeline(loaded.flatMap((l) => l.entries).map((e) => ({ ...e, position: positions.get(e.key) ?? null, rank: rank.get(e.family) ?? 99, seq: seq++ })));
  const shown = (family: string) => choice.show === null || choice.show.includes(family);
  const visible = all.filter((e) => shown(e.family));
  const entries = visible.map((e, i): PlacedEntry => {
    const prev = visible[i - 1];
    const next = visible[i + 1];
    return {
      ...e,
      canMoveUp: Boolean(prev && sameWindow(prev.date, e.date) && !(e.follows ?? []).includes(prev.key)),
      canMoveDown: Boolean(next && sameWindow(next.date, e.date) && !(next.follows ?? []).includes(e.key)),
    };
  });
  return {
    families: loaded.map((l) => ({ ...l.family, shown: shown(l.family.id), count: l.entries.length })),
    entries,
    undated: loaded.filter((l) => shown(l.family.id)).reduce((n, l) => n + l.undated, 0),
    hidden: all.length - visible.length,
  };
}

/**
 * Moves one entry a place up or down among the entries that share its date, and stores the order
 * of that whole group. Refused (422) when the entry has no neighbour with the same date that way,
 * or when it would go above an entry it follows from.
 */
export async function moveTimelineEntry(ds: DataSource, actor: Actor, user: CurrentUser, caseId: number, key: string, direction: 'up' | 'down'): Promise<void> {
  await requireCase(ds, user, caseId, 'case.update');
  const { entries } = await caseTimeline(ds, user, caseId);
  const entry = entries.find((e) => e.key === key);
  if (!entry) throw validationFailed({ key: t('timeline.order.noSuchEntry') });
  if (!(direction === 'up' ? entry.canMoveUp : entry.canMoveDown)) {
    throw validationFailed({ key: t(direction === 'up' ? 'timeline.order.cannotMoveUp' : 'timeline.order.cannotMoveDown') });
  }
  const group = entries.filter((e) => sameWindow(e.date, entry.date)).map((e) => e.key);
  const next = moveWithin(group, key, direction)!;
  await withTransaction(ds, async (em) => {
    await requireCase(em, user, caseId, 'case.update');
    const repo = em.getRepository(TimelineOrder);
    for (const [i, entryKey] of next.entries()) {
      const row = await repo.findOneBy({ caseId, entryKey });
      if (row) await repo.update({ id: row.id }, { position: i + 1 });
      else await repo.insert({ caseId, entryKey, position: i + 1 });
    }
    await auditRecord(em, actor, 'case', caseId, 'timeline_order', ['timelineOrder'], caseId);
  });
}
