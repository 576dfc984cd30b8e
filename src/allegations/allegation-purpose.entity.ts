import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Allegation } from './allegation.entity';

/** A stated or apparent purpose of the act (extract a confession, punish, ...). */
@Entity('allegation_purpose')
@Unique(['allegationId', 'code'])
export class AllegationPurpose {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  allegationId: number;

  @ManyToOne(() => Allegation, (allegation) => allegation.purposes, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation>;

  /** vocabulary: purpose */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  code: string;
}
