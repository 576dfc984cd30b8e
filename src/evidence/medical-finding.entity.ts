import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { IP_GRADES, IpGrade, inList } from './evidence-constants';
import { MedicalEvaluation } from './medical-evaluation.entity';

/** One finding of an evaluation: where on the body, what, and how consistent with an allegation or method. */
@Entity('medical_finding')
@Check(`grade IS NULL OR ${inList('grade', IP_GRADES)}`)
@Check(`allegation_id IS NOT NULL OR method IS NOT NULL`)
@Check(`length(body_location) > 0`)
export class MedicalFinding {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  evaluationId: number;

  @ManyToOne(() => MedicalEvaluation, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<MedicalEvaluation>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  allegationId: number | null;

  @ManyToOne(() => Allegation, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation> | null;

  /** vocabulary: torture_method */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  method: string | null;

  @Column({ type: 'varchar', length: 300 })
  bodyLocation: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Required in an Istanbul Protocol evaluation; optional in other examinations (medical.service.ts). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  grade: IpGrade | null;
}
