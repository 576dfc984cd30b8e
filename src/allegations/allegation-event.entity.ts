import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CaseEvent } from '../events/event.entity';
import { Allegation } from './allegation.entity';

/** An event in which the alleged act took place (the same case's timeline). */
@Entity('allegation_event')
@Unique(['allegationId', 'eventId'])
export class AllegationEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  allegationId: number;

  @ManyToOne(() => Allegation, (allegation) => allegation.events, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation>;

  @Index()
  @Column({ type: 'integer' })
  eventId: number;

  @ManyToOne(() => CaseEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<CaseEvent>;
}
