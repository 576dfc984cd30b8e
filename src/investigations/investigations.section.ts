import { SectionContext } from '../cases/case-section';
import { listInvestigations } from './investigation.service';
import { InvestigationView, loadInvestigationRefs, presentInvestigation } from './investigation.presenter';
import { unrecordedDecisionEvents } from './legacy-events';

export interface InvestigationsSection {
  items: InvestigationView[];
  /** Old timeline events stating a decision, not yet recorded as one (they count nothing). */
  decisionEvents: Awaited<ReturnType<typeof unrecordedDecisionEvents>>;
}

/** The investigations part of the case page: each investigation with its decisions in order. */
export async function investigationsSection(ctx: SectionContext): Promise<InvestigationsSection> {
  const rows = await listInvestigations(ctx.ds, ctx.record.id);
  const refs = await loadInvestigationRefs(ctx.ds, ctx.user, ctx.access, ctx.label, ctx.record.id, rows);
  const decisionEvents = (await unrecordedDecisionEvents(ctx.ds, ctx.record.id)).map((e) => ({ ...e, kindLabel: ctx.label('investigation_decision', e.kind), typeLabel: ctx.label('event_type', e.type) }));
  return { items: rows.map((r) => presentInvestigation(r, refs)), decisionEvents };
}
