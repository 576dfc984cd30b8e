import { can } from '../auth/policy';
import '../evidence/evidence.policy';
import { dateCells, dateColumns, storedDate } from '../exports/export-columns';
import type { BatchReader } from '../exports/export.service';
import { DECISION_KINDS, RESPONSE_OUTCOMES } from './process-counts';
import { decisionsInOrder } from './investigation.service';

const BATCH = 500;
const inList = (ids: number[]) => ids.map(() => '?').join(',');
const quoted = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/** What a decision counts as under the one definition (process-counts.ts). */
const countsAs = (kind: string) => (DECISION_KINDS.refusal.includes(kind) ? 'refusal' : DECISION_KINDS.opened.includes(kind) ? 'opened' : null);

/** The export columns of the two kinds; a date is its text as entered, its precision, and its earliest and latest day. */
export const INVESTIGATION_COLUMNS = {
  investigations: ['caseCode', 'investigationId', 'body', 'trigger', 'triggerComplaintId', ...dateColumns('began'), 'officialNumber', 'decisions', 'refusals', 'annulments', 'opened', 'lastDecision', ...dateColumns('lastDecisionDate'), 'note', 'bodyId'],
  decisions: ['caseCode', 'investigationId', 'decisionId', 'position', 'kind', 'countsAs', ...dateColumns('date'), 'sequence', 'official', 'body', 'transferredTo', 'reasons', 'documentId', 'reportedByResponses', 'bodyId', 'transferredToId'],
};

/**
 * Refusals per complaint for the complaints export: its refusal responses that report no
 * decision, and its responses that report a refusal decision (that refusal, counted once).
 */
export const complaintRefusalsSql = (complaintIds: number[]) =>
  `SELECT r.complaint_id AS key, count(*) AS n FROM complaint_response r LEFT JOIN investigation_decision d ON d.id = r.decision_id
    WHERE r.complaint_id IN (${inList(complaintIds)})
      AND ((r.decision_id IS NULL AND r.outcome IN (${quoted(RESPONSE_OUTCOMES.refusal)})) OR d.kind IN (${quoted(DECISION_KINDS.refusal)}))
    GROUP BY r.complaint_id`;

interface DecisionRow {
  id: number;
  investigation_id: number;
  kind: string;
  date_precision: string | null;
  date_start: string | null;
  date_end: string | null;
  sequence: number;
  official: string | null;
  body: string | null;
  body_id: number | null;
  transferred_to: string | null;
  transferred_to_id: number | null;
  reasons: string | null;
  evidence_item_id: number | null;
  confidentiality: string | null;
  responses: string | null;
}

const decisionRows = async (ctx: Parameters<BatchReader>[0], investigationIds: number[]): Promise<DecisionRow[]> =>
  investigationIds.length
    ? ctx.ds.query(
        `SELECT d.id, d.investigation_id, d.kind, d.date_precision, d.date_start, d.date_end, d.sequence, d.official, bi.name AS body, d.institution_id AS body_id, ti.name AS transferred_to, d.transferred_to_id, d.reasons,
                d.evidence_item_id, ev.confidentiality,
                (SELECT group_concat(r.id, '; ') FROM complaint_response r WHERE r.decision_id = d.id) AS responses
           FROM investigation_decision d LEFT JOIN institution bi ON bi.id = d.institution_id LEFT JOIN institution ti ON ti.id = d.transferred_to_id
           LEFT JOIN evidence_item ev ON ev.id = d.evidence_item_id
          WHERE d.investigation_id IN (${inList(investigationIds)})`,
        investigationIds,
      )
    : Promise.resolve([]);

/** A document's id only for readers who may know the evidence item exists (privileged: lawyers, admins). */
const documentId = (ctx: Parameters<BatchReader>[0], d: DecisionRow) =>
  d.evidence_item_id !== null && can(ctx.user, 'evidence.read', { restricted: false, isMember: false, confidentiality: d.confidentiality as never }) ? d.evidence_item_id : null;

const inOrder = (rows: DecisionRow[]) => decisionsInOrder(rows.map((r) => ({ ...r, date: { precision: r.date_precision, start: r.date_start, end: r.date_end } })));

export const readInvestigations: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const rows: { id: number; code: string; body: string | null; body_id: number | null; trigger: string; trigger_complaint_id: number | null; began_precision: string | null; began_start: string | null; began_end: string | null; official_number: string | null; note: string | null }[] = await ds.query(
    `SELECT inv.id, c.code, i.name AS body, inv.institution_id AS body_id, inv.trigger, inv.trigger_complaint_id, inv.began_precision, inv.began_start, inv.began_end, inv.official_number, inv.note
       FROM investigation inv CROSS JOIN case_record c ON c.id = inv.case_id LEFT JOIN institution i ON i.id = inv.institution_id
      WHERE ${scope.where} ORDER BY inv.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (rows.length === 0) return { rows: [], lastId: null };
  const decisions = await decisionRows(ctx, rows.map((r) => Number(r.id)));
  return {
    lastId: Number(rows[rows.length - 1].id),
    rows: rows.map((r) => {
      const own = inOrder(decisions.filter((d) => d.investigation_id === r.id));
      const last = own[own.length - 1];
      return {
        caseCode: r.code,
        investigationId: Number(r.id),
        body: r.body,
        trigger: label('investigation_trigger', r.trigger),
        triggerComplaintId: r.trigger_complaint_id,
        ...dateCells('began', storedDate(r as unknown as Record<string, unknown>, 'began')),
        officialNumber: r.official_number,
        decisions: own.length,
        refusals: own.filter((d) => countsAs(d.kind) === 'refusal').length,
        annulments: own.filter((d) => d.kind.startsWith('refusal_annulled')).length,
        opened: own.filter((d) => countsAs(d.kind) === 'opened').length,
        lastDecision: last ? label('investigation_decision', last.kind) : null,
        ...dateCells('lastDecisionDate', last ? storedDate(last as unknown as Record<string, unknown>) : null),
        note: r.note,
        bodyId: r.body_id ?? null,
      };
    }),
  };
};

/** Decisions, batched by investigation (each investigation's decisions whole and in order). */
export const readDecisions: BatchReader = async (ctx, scope) => {
  const { ds, label } = ctx;
  const invs: { id: number; code: string }[] = await ds.query(
    `SELECT inv.id, c.code FROM investigation inv CROSS JOIN case_record c ON c.id = inv.case_id WHERE ${scope.where} ORDER BY inv.id LIMIT ${BATCH}`,
    scope.params,
  );
  if (invs.length === 0) return { rows: [], lastId: null };
  const decisions = await decisionRows(ctx, invs.map((r) => Number(r.id)));
  return {
    lastId: Number(invs[invs.length - 1].id),
    rows: invs.flatMap((inv) =>
      inOrder(decisions.filter((d) => d.investigation_id === inv.id)).map((d, i) => ({
        caseCode: inv.code,
        investigationId: Number(inv.id),
        decisionId: Number(d.id),
        position: i + 1,
        kind: label('investigation_decision', d.kind),
        countsAs: countsAs(d.kind),
        ...dateCells('date', storedDate(d as unknown as Record<string, unknown>)),
        sequence: Number(d.sequence),
        official: d.official,
        body: d.body,
        transferredTo: d.transferred_to,
        reasons: d.reasons,
        documentId: documentId(ctx, d),
        reportedByResponses: d.responses,
        bodyId: d.body_id ?? null,
        transferredToId: d.transferred_to_id ?? null,
      })),
    ),
  };
};
