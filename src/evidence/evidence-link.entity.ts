import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity';
import { CaseEvent } from '../events/event.entity';
import { Person } from '../people/person.entity';
import { Statement } from '../statements/statement.entity';
import { EvidenceItem } from './evidence-item.entity';

/**
 * What an evidence item supports: one event, allegation, statement or person of the same case
 * (the service checks the case). Exactly one target column is set; real foreign keys, so a
 * deleted target takes its links with it.
 */
@Entity('evidence_link')
@Unique(['itemId', 'eventId'])
@Unique(['itemId', 'allegationId'])
@Unique(['itemId', 'statementId'])
@Unique(['itemId', 'personId'])
@Check(
  `(CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN allegation_id IS NULL THEN 0 ELSE 1 END) + ` +
    `(CASE WHEN statement_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) = 1`,
)
export class EvidenceLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  itemId: number;

  @ManyToOne(() => EvidenceItem, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<EvidenceItem>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  eventId: number | null;

  @ManyToOne(() => CaseEvent, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<CaseEvent> | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  allegationId: number | null;

  @ManyToOne(() => Allegation, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation> | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  statementId: number | null;

  @ManyToOne(() => Statement, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<Statement> | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person> | null;
}
