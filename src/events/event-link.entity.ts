import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CaseEvent } from './event.entity';

/**
 * "The beating caused the confession": the `from` event causes the `to` event, which follows
 * from it. Read in one direction the page shows "causes", in the other "follows from".
 */
@Entity('event_link')
@Unique(['fromEventId', 'toEventId'])
@Check(`from_event_id <> to_event_id`)
export class EventLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  fromEventId: number;

  @ManyToOne(() => CaseEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'from_event_id' })
  fromEvent?: Relation<CaseEvent>;

  @Index()
  @Column({ type: 'integer' })
  toEventId: number;

  @ManyToOne(() => CaseEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'to_event_id' })
  toEvent?: Relation<CaseEvent>;
}
