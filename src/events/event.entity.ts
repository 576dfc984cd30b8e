import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, TITLE_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { EventInstitution } from './event-institution.entity';
import { EventPerson } from './event-person.entity';

export const EVENT_LIMITS = { title: TITLE_MAX, place: TITLE_MAX, description: LONG_TEXT_MAX } as const;

/** A dated step on a case's timeline: arrest, interrogation, torture, complaint, verdict, ... */
@Entity('case_event')
@Index(['caseId', 'date.start'])
// Covers a case's first incident (cases/first-incident.ts): its events in date order with their types, no row read.
@Index(['caseId', 'date.start', 'type'])
@Index(['date.start'])
@Check(partialDateCheck('date', { required: true }))
export class CaseEvent extends RecordBase {
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  /** vocabulary: event_type */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  type: string;

  /** A short label for the timeline; the type's label stands in when it is empty. */
  @Column({ type: 'varchar', length: EVENT_LIMITS.title, nullable: true })
  title: string | null;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  /** Where, in words ("Nalchik", "a forest near Magas"); institutions are linked separately. */
  @Column({ type: 'varchar', length: EVENT_LIMITS.place, nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** vocabulary: region. Where it happened; the form proposes its institutions' region. A case's regions are its own and its events' (cases/case-regions.ts). */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  region: string | null;

  @OneToMany(() => EventInstitution, (link) => link.event)
  institutions?: Relation<EventInstitution>[];

  @OneToMany(() => EventPerson, (link) => link.event)
  people?: Relation<EventPerson>[];
}
