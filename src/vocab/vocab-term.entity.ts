import { Check, Column, Entity, Unique } from 'typeorm';
import { RecordBase } from '../db/record-base';

/** Every controlled list. Records store a term's `code`; the column implies the vocabulary (see vocab-usage.ts). */
export const VOCABULARIES = [
  'case_status',
  'region',
  'participant_role',
  'case_link_kind',
  'person_profile',
  'name_script',
  'institution_type',
  'event_type',
  'torture_method',
  'purpose',
  'involvement',
  'attribution',
  'allegation_status',
  'statement_kind',
  'statement_condition',
  'retraction_forum',
  'complaint_request',
  'response_outcome',
  'investigation_trigger',
  'investigation_decision',
  'proceeding_stage_kind',
  'verdict_outcome',
  'criminal_code_article',
  'sentence_kind',
  'colony_regime',
  'source_relation',
  'reliability',
  'citation_attribution',
  'examination_kind',
] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

export const VOCAB_CODE_MAX = 60;
export const VOCAB_LABEL_MAX = 200;
/** Stable snake_case: lower-case ASCII letters, digits and underscores, starting with a letter. */
export const VOCAB_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * One term of one vocabulary. Terms are never deleted once used: retiring one hides it from
 * pickers for new writes while older records keep showing its label.
 */
@Entity('vocab_term')
@Unique(['vocabulary', 'code'])
@Check(`retired IN (true, false)`)
// At least one label: a term may be named in English, in Russian or both (vocab.service.ts, termLabel, shows the other when one is missing).
@Check(`length(code) > 0 AND (length(coalesce(label_en, '')) > 0 OR length(coalesce(label_ru, '')) > 0)`)
export class VocabTerm extends RecordBase {
  @Column({ type: 'varchar', length: 40 })
  vocabulary: Vocabulary;

  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  code: string;

  @Column({ type: 'varchar', length: VOCAB_LABEL_MAX, nullable: true })
  labelEn: string | null;

  @Column({ type: 'varchar', length: VOCAB_LABEL_MAX, nullable: true })
  labelRu: string | null;

  @Column({ type: 'boolean', default: false })
  retired: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}
