import { MergePlan } from './merge.service';
import { t } from '../i18n/i18n';

/** What a row of each linking table is, for "what will move" (tables other concepts add later show their own name): merges.links.* in the catalogues. */
const LINK_TABLES = new Set(['person_name', 'person_profile', 'case_participant', 'event_person', 'allegation', 'perpetrator', 'statement', 'statement_incriminates', 'complaint', 'proceeding_defendant', 'evidence_link', 'person_merge', 'institution_merge', 'institution_alias', 'institution', 'event_institution', 'allegation_institution', 'complaint_response']);

export interface MergeMoveView {
  table: string;
  label: string;
  rows: number;
}

export function presentMoves(plan: MergePlan): MergeMoveView[] {
  return plan.moves.map((m) => ({ table: m.table, label: LINK_TABLES.has(m.table) ? t(`merges.links.${m.table}`) : m.table.replace(/_/g, ' '), rows: m.rows }));
}

/** The JSON of a merge plan or a merge (API). */
export function mergeJson(plan: MergePlan) {
  return { kind: plan.kind, from: plan.fromId, into: plan.intoId, becomesProtected: plan.becomesProtected, moves: plan.moves };
}
