import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';

/**
 * The order a researcher set for timeline entries that share a date ("the refusal was handed over
 * at the same hearing, after the verdict"). An entry is named by its key ("event-12",
 * "response-7"), since it may be any family's record; a key whose record is gone is ignored.
 */
@Entity('timeline_order')
@Unique(['caseId', 'entryKey'])
@Check(`position >= 1`)
export class TimelineOrder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Column({ type: 'varchar', length: 60 })
  entryKey: string;

  @Column({ type: 'integer' })
  position: number;
}
