import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Allegation } from './allegation.entity';

/** A method used (beating, electric shock, ...). */
@Entity('allegation_method')
@Unique(['allegationId', 'code'])
export class AllegationMethod {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  allegationId: number;

  @ManyToOne(() => Allegation, (allegation) => allegation.methods, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation>;

  /** vocabulary: torture_method */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  code: string;
}
