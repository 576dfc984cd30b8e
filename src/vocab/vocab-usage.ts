import type { Vocabulary } from './vocab-term.entity';

/**
 * Which column holds codes of which vocabulary: what services validate against on write, and
 * where to look when an admin asks whether a term is in use before retiring it.
 */
export const VOCAB_COLUMNS: readonly { table: string; column: string; vocabulary: Vocabulary }[] = [
  { table: 'case_record', column: 'status', vocabulary: 'case_status' },
  { table: 'case_record', column: 'region', vocabulary: 'region' },
  { table: 'case_participant', column: 'role', vocabulary: 'participant_role' },
  { table: 'case_link', column: 'kind', vocabulary: 'case_link_kind' },
  { table: 'person', column: 'region', vocabulary: 'region' },
  { table: 'person_name', column: 'script', vocabulary: 'name_script' },
  { table: 'person_profile', column: 'code', vocabulary: 'person_profile' },
  { table: 'institution', column: 'type', vocabulary: 'institution_type' },
  { table: 'institution', column: 'region', vocabulary: 'region' },
  { table: 'case_event', column: 'type', vocabulary: 'event_type' },
  { table: 'case_event', column: 'region', vocabulary: 'region' },
  { table: 'event_person', column: 'role', vocabulary: 'participant_role' },
  { table: 'allegation', column: 'status', vocabulary: 'allegation_status' },
  { table: 'allegation_method', column: 'code', vocabulary: 'torture_method' },
  { table: 'allegation_purpose', column: 'code', vocabulary: 'purpose' },
  { table: 'perpetrator', column: 'involvement', vocabulary: 'involvement' },
  { table: 'perpetrator', column: 'attribution', vocabulary: 'attribution' },
  { table: 'statement', column: 'kind', vocabulary: 'statement_kind' },
  { table: 'statement_retraction', column: 'forum', vocabulary: 'retraction_forum' },
  { table: 'statement_condition', column: 'code', vocabulary: 'statement_condition' },
  { table: 'complaint', column: 'request', vocabulary: 'complaint_request' },
  { table: 'complaint_response', column: 'outcome', vocabulary: 'response_outcome' },
  { table: 'investigation', column: 'trigger', vocabulary: 'investigation_trigger' },
  { table: 'investigation_decision', column: 'kind', vocabulary: 'investigation_decision' },
  { table: 'proceeding_stage', column: 'kind', vocabulary: 'proceeding_stage_kind' },
  { table: 'stage_verdict', column: 'outcome', vocabulary: 'verdict_outcome' },
  { table: 'stage_verdict', column: 'sentence_kind', vocabulary: 'sentence_kind' },
  { table: 'stage_verdict', column: 'regime', vocabulary: 'colony_regime' },
  { table: 'proceeding_charge', column: 'article_code', vocabulary: 'criminal_code_article' },
  { table: 'source', column: 'reliability', vocabulary: 'reliability' },
  { table: 'source', column: 'relation', vocabulary: 'source_relation' },
  { table: 'citation', column: 'attribution', vocabulary: 'citation_attribution' },
  { table: 'medical_evaluation', column: 'kind', vocabulary: 'examination_kind' },
];
