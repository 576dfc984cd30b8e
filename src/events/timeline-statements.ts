import { Statement } from '../statements/statement.entity';
import { caseRetractions } from '../statements/statement-retraction.service';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';
import { t } from '../i18n/i18n';
import { caseRows } from '../db/read-memo';

/**
 * Statements as made, and their history of retractions and reaffirmations (each follows its statement).
 */
export const statementTimeline: TimelineSource = {
  family: {
    id: 'statement',
    get label() {
      return t('timeline.families.statement');
    },
    shape: 'star',
    colour: '#b0186a',
    rank: 2,
  },
  async entries(ctx) {
    const rows = await caseRows(ctx.ds, Statement, ctx.caseId);
    const people = await ctx.people(rows.map((s) => s.makerPersonId).filter((id): id is number => id !== null));
    const entries: TimelineEntry[] = [];
    let undated = 0;
    for (const s of rows) {
      const maker = (s.makerPersonId !== null ? people.get(s.makerPersonId)?.label : null) ?? s.makerDescription;
      const kindLabel = ctx.label('statement_kind', s.kind);
      const date = entryDate(s.date);
      if (date) entries.push({ key: `statement-${s.id}`, family: 'statement', kind: s.kind, kindLabel, date, title: maker ? t('timeline.entries.statementBy', { kind: kindLabel, maker }) : kindLabel, href: `#statement-${s.id}` });
      else undated++;
    }
    // The retraction history (statement_retraction): each retraction and reaffirmation follows its statement.
    const byId = new Map(rows.map((s) => [s.id, s]));
    for (const r of await caseRetractions(ctx.ds, ctx.caseId)) {
      const s = byId.get(r.statementId);
      if (!s) continue;
      const date = r.date ? entryDate(r.date) : null;
      if (!date) {
        undated++;
        continue;
      }
      const maker = (s.makerPersonId !== null ? people.get(s.makerPersonId)?.label : null) ?? s.makerDescription;
      const kindLabel = ctx.label('statement_kind', s.kind);
      const retraction = r.kind === 'retraction';
      const forum = r.forum ? ` (${ctx.label('retraction_forum', r.forum)})` : '';
      const statement = maker ? t('timeline.entries.statementBy', { kind: kindLabel, maker }) : kindLabel;
      entries.push({
        key: `${r.kind}-${r.id}`,
        family: 'statement',
        kind: r.kind,
        kindLabel: retraction ? t('timeline.entries.retraction') : t('timeline.entries.reaffirmation'),
        date,
        title: `${t(retraction ? 'timeline.entries.retracted' : 'timeline.entries.reaffirmed', { statement })}${forum}${r.pressureAlleged === 'yes' ? `, ${t('timeline.entries.pressure')}` : ''}`,
        href: `#statement-${s.id}`,
        follows: [`statement-${s.id}`],
      });
    }
    return { entries, undated };
  },
};
