import { SectionContext } from '../cases/case-section';
import { listComplaints } from './complaint.service';
import { loadComplaintRefs } from './complaint-refs';
import { ComplaintView, presentComplaint, presentComplaintOverview } from './complaint.presenter';

export { complaintSummary } from './complaint-summary';

export interface ComplaintsSection {
  overview: ReturnType<typeof presentComplaintOverview>;
  items: ComplaintView[];
}

/** The complaints part of the case page: each complaint with the authorities' answers over time. */
export async function complaintsSection(ctx: SectionContext): Promise<ComplaintsSection> {
  const rows = await listComplaints(ctx.ds, ctx.record.id);
  const refs = await loadComplaintRefs(ctx.ds, ctx.user, ctx.label, ctx.record.id, rows);
  return { overview: presentComplaintOverview(rows, ctx.label), items: rows.map((c) => presentComplaint(c, refs)) };
}
