import { Complaint } from '../complaints/complaint.entity';
import { ComplaintResponse } from '../complaints/complaint-response.entity';
import { institutionNames } from './event.presenter';
import { TimelineEntry, TimelineSource, entryDate } from './timeline-entry';
import { t } from '../i18n/i18n';
import { caseRows, rowsIn } from '../db/read-memo';

/** Complaints as filed, and every answer of the authorities, each answer following its complaint. */
export const complaintTimeline: TimelineSource = {
  family: {
    id: 'complaint',
    get label() {
      return t('timeline.families.complaint');
    },
    shape: 'pentagon',
    colour: '#b0470f',
    rank: 1,
  },
  async entries(ctx) {
    const complaints = await caseRows(ctx.ds, Complaint, ctx.caseId);
    const responses = await rowsIn(ctx.ds, ComplaintResponse, 'complaintId', complaints.map((c) => c.id));
    const names = await institutionNames(ctx.ds, [...complaints.map((c) => c.toInstitutionId), ...responses.map((r) => r.respondingInstitutionId)].filter((id): id is number => id !== null));
    const name = (id: number | null) => (id === null ? null : (names.get(id)?.name ?? null));
    const entries: TimelineEntry[] = [];
    let undated = 0;
    for (const c of complaints) {
      const date = entryDate(c.date);
      if (!date) undated++;
      else {
        const to = name(c.toInstitutionId);
        entries.push({ key: `complaint-${c.id}`, family: 'complaint', kind: c.request, kindLabel: ctx.label('complaint_request', c.request), date, title: to ? t('timeline.entries.complaintTo', { to }) : t('timeline.entries.complaint'), href: `#complaint-${c.id}` });
      }
    }
    for (const r of responses) {
      const date = entryDate(r.date);
      if (!date) {
        undated++;
        continue;
      }
      const by = name(r.respondingInstitutionId);
      entries.push({
        key: `response-${r.id}`,
        family: 'complaint',
        kind: r.outcome,
        kindLabel: ctx.label('response_outcome', r.outcome),
        date,
        title: by ? t('timeline.entries.responseFrom', { by }) : t('timeline.entries.response'),
        href: `#response-${r.id}`,
        follows: [`complaint-${r.complaintId}`],
      });
    }
    return { entries, undated };
  },
};
