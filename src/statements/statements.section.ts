import { SectionContext } from '../cases/case-section';
import { listStatements } from './statement.service';
import { loadStatementRefs } from './statement-refs';
import { presentStatement, StatementView } from './statement.presenter';

export interface StatementsSection {
  items: StatementView[];
  retractedCount: number;
  reliedOnRetractedCount: number;
}

/** The statements part of the case page: confessions and testimony, their conditions and retractions. */
export async function statementsSection(ctx: SectionContext): Promise<StatementsSection> {
  const rows = await listStatements(ctx.ds, ctx.record.id);
  const refs = await loadStatementRefs(ctx.ds, ctx.user, ctx.label, ctx.record.id, rows);
  const items = rows.map((s) => presentStatement(s, refs));
  return {
    items,
    retractedCount: items.filter((s) => s.retracted).length,
    reliedOnRetractedCount: items.filter((s) => s.retracted && s.reliedOnByCourt).length,
  };
}
