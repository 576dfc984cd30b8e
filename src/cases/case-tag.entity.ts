import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CaseRecord } from './case.entity';

export const CASE_TAG_LIMITS = { tag: 100 } as const;

/** A free tag; the service lower-cases and trims it so "Nalchik" and "nalchik " are one tag. */
@Entity('case_tag')
@Unique(['caseId', 'tag'])
@Check(`length(tag) > 0`)
export class CaseTag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, (c) => c.tags, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Index()
  @Column({ type: 'varchar', length: CASE_TAG_LIMITS.tag })
  tag: string;
}
