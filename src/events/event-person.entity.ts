import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Person } from '../people/person.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { CaseEvent } from './event.entity';

/** A person involved in an event, in a role (victim, witness, investigator, ...). */
@Entity('event_person')
@Unique(['eventId', 'personId', 'role'])
export class EventPerson {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @ManyToOne(() => CaseEvent, (event) => event.people, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<CaseEvent>;

  @Index()
  @Column({ type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  /** vocabulary: participant_role */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  role: string;
}
