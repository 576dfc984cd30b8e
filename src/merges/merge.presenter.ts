import { MergePlan } from './merge.service';

/** What a row of each linking table is, for "what will move" (tables other concepts add later show their own name). */
const LINK_LABELS: Record<string, string> = {
  person_name: 'names and spellings',
  person_profile: 'profiles',
  case_participant: 'case participations',
  event_person: 'people in events',
  allegation: 'allegations (as the victim)',
  perpetrator: 'perpetrators of allegations',
  statement: 'statements (as the maker)',
  statement_incriminates: 'statements incriminating them',
  complaint: 'complaints (as the filer)',
  proceeding_defendant: 'defendants in proceedings',
  evidence_link: 'evidence items concerning them',
  person_merge: 'earlier merges redirecting here',
  institution_merge: 'earlier merges redirecting here',
  institution_alias: 'aliases',
  institution: 'sub-units',
  event_institution: 'events',
  allegation_institution: 'allegations',
  complaint_response: 'complaint responses',
};

export interface MergeMoveView {
  table: string;
  label: string;
  rows: number;
}

export function presentMoves(plan: MergePlan): MergeMoveView[] {
  return plan.moves.map((m) => ({ table: m.table, label: LINK_LABELS[m.table] ?? m.table.replace(/_/g, ' '), rows: m.rows }));
}

/** The JSON of a merge plan or a merge (API). */
export function mergeJson(plan: MergePlan) {
  return { kind: plan.kind, from: plan.fromId, into: plan.intoId, becomesProtected: plan.becomesProtected, moves: plan.moves };
}
