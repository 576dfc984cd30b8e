import { Statement } from '../statements/statement.entity';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';

/**
 * Statements as made, and their retractions (a retraction follows its statement). The history of
 * retractions and reaffirmations, when it is recorded apart, is a family of its own.
 */
export const statementTimeline: TimelineSource = {
  family: { id: 'statement', label: 'Statements and retractions', shape: 'star', colour: '#b0186a', rank: 2 },
  async entries(ctx) {
    const rows = await ctx.ds.getRepository(Statement).find({ where: { caseId: ctx.caseId }, order: { id: 'ASC' } });
    const people = await ctx.people(rows.map((s) => s.makerPersonId).filter((id): id is number => id !== null));
    const entries: TimelineEntry[] = [];
    let undated = 0;
    for (const s of rows) {
      const maker = (s.makerPersonId !== null ? people.get(s.makerPersonId)?.label : null) ?? s.makerDescription;
      const kindLabel = ctx.label('statement_kind', s.kind);
      const date = entryDate(s.date);
      if (date) entries.push({ key: `statement-${s.id}`, family: 'statement', kind: s.kind, kindLabel, date, title: maker ? `${kindLabel} by ${maker}` : kindLabel, href: `#statement-${s.id}` });
      else undated++;
      if (!s.retracted) continue;
      const retracted = entryDate(s.retractionDate);
      if (!retracted) {
        undated++;
        continue;
      }
      entries.push({
        key: `retraction-${s.id}`,
        family: 'statement',
        kind: 'retraction',
        kindLabel: 'Retraction',
        date: retracted,
        title: `${kindLabel}${maker ? ` by ${maker}` : ''} retracted${s.retractionForum ? ` (${ctx.label('retraction_forum', s.retractionForum)})` : ''}`,
        href: `#statement-${s.id}`,
        follows: [`statement-${s.id}`],
      });
    }
    return { entries, undated };
  },
};
