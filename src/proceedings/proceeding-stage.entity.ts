import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Proceeding } from './proceeding.entity';

export const PROCEEDING_STAGE_LIMITS = { sentence: SHORT_TEXT_MAX, note: LONG_TEXT_MAX } as const;

/** One step of a proceeding: a hearing, a verdict, an appeal, ...; what it decided for each defendant is a StageVerdict. */
@Entity('proceeding_stage')
@Index(['proceedingId', 'date.start'])
@Check(partialDateCheck('date'))
export class ProceedingStage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  proceedingId: number;

  @ManyToOne(() => Proceeding, (proceeding) => proceeding.stages, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'proceeding_id' })
  proceeding?: Relation<Proceeding>;

  /** vocabulary: proceeding_stage_kind */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  kind: string;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  /** The court at this stage when it is not the proceeding's (an appeal court). */
  @Index()
  @Column({ type: 'integer', nullable: true })
  courtInstitutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'court_institution_id' })
  courtInstitution?: Relation<Institution> | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
