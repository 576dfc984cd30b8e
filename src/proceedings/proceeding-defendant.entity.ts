import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Person } from '../people/person.entity';
import { Proceeding } from './proceeding.entity';

@Entity('proceeding_defendant')
@Unique(['proceedingId', 'personId'])
export class ProceedingDefendant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  proceedingId: number;

  @ManyToOne(() => Proceeding, (proceeding) => proceeding.defendants, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'proceeding_id' })
  proceeding?: Relation<Proceeding>;

  @Index()
  @Column({ type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;
}
