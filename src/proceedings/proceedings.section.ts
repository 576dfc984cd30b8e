import { SectionContext } from '../cases/case-section';
import { listProceedings } from './proceeding.service';
import { loadProceedingRefs } from './proceeding-refs';
import { presentProceeding, ProceedingView } from './proceeding.presenter';

/** The proceedings part of the case page: each trial with its stages in order. */
export async function proceedingsSection(ctx: SectionContext): Promise<{ items: ProceedingView[] }> {
  const rows = await listProceedings(ctx.ds, ctx.record.id);
  const refs = await loadProceedingRefs(ctx.ds, ctx.user, ctx.label, ctx.record.id, rows);
  return { items: rows.map((p) => presentProceeding(p, refs)) };
}
