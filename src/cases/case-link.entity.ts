import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { SHORT_TEXT_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { CaseRecord } from './case.entity';

export const CASE_LINK_LIMITS = { note: SHORT_TEXT_MAX } as const;

/**
 * Two cases that belong together (co-defendants, same operation). Every link kind is symmetric,
 * so a link is stored once with the lower id first; the CHECK makes A-B and B-A the same row.
 * Use orderCaseLink() before writing.
 */
@Entity('case_link')
@Unique(['fromCaseId', 'toCaseId', 'kind'])
@Check(`from_case_id < to_case_id`)
export class CaseLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  fromCaseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'from_case_id' })
  fromCase?: Relation<CaseRecord>;

  @Index()
  @Column({ type: 'integer' })
  toCaseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'to_case_id' })
  toCase?: Relation<CaseRecord>;

  /** vocabulary: case_link_kind */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  kind: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** The stored orientation of a link between two different cases. */
export function orderCaseLink(a: number, b: number): { fromCaseId: number; toCaseId: number } {
  return a < b ? { fromCaseId: a, toCaseId: b } : { fromCaseId: b, toCaseId: a };
}
