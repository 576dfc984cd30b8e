import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { CaseEvent } from './event.entity';

/** An institution where an event took place or that carried it out. */
@Entity('event_institution')
@Unique(['eventId', 'institutionId'])
export class EventInstitution {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @ManyToOne(() => CaseEvent, (event) => event.institutions, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<CaseEvent>;

  @Index()
  @Column({ type: 'integer' })
  institutionId: number;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution>;
}
