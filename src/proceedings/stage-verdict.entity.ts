import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { LONG_TEXT_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { ProceedingDefendant } from './proceeding-defendant.entity';
import { ProceedingStage } from './proceeding-stage.entity';

export const VERDICT_LIMITS = { note: LONG_TEXT_MAX, years: 99 } as const;

/**
 * What one stage decided for one defendant: the outcome and the sentence. `defendantId` is null
 * only for a verdict recorded before the defendants were named (the proceeding's defendants were
 * never entered): it stands for "the defendants" as a whole.
 */
@Entity('stage_verdict')
@Index(['stageId', 'defendantId'], { unique: true })
@Check(`sentence_years IS NULL OR (sentence_years >= 0 AND sentence_years <= ${VERDICT_LIMITS.years})`)
@Check(`sentence_months IS NULL OR (sentence_months >= 0 AND sentence_months <= 11)`)
@Check(`suspended IN (true, false)`)
export class StageVerdict {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  stageId: number;

  @ManyToOne(() => ProceedingStage, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'stage_id' })
  stage?: Relation<ProceedingStage>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  defendantId: number | null;

  @ManyToOne(() => ProceedingDefendant, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'defendant_id' })
  defendant?: Relation<ProceedingDefendant> | null;

  /** vocabulary: verdict_outcome */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  outcome: string | null;

  /** vocabulary: sentence_kind */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  sentenceKind: string | null;

  @Column({ type: 'integer', nullable: true })
  sentenceYears: number | null;

  @Column({ type: 'integer', nullable: true })
  sentenceMonths: number | null;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  /** vocabulary: colony_regime */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  regime: string | null;

  /** The sentence in the court's words, or what the numbers cannot say. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
