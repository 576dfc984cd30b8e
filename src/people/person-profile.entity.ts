import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Person } from './person.entity';

/** A group or profile the person belongs to (human-rights defender, LGBTI, ...). */
@Entity('person_profile')
@Unique(['personId', 'code'])
export class PersonProfile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, (person) => person.profiles, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  /** vocabulary: person_profile */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  code: string;
}
