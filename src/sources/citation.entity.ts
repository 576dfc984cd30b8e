import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { SHORT_TEXT_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Source } from './source.entity';

export const CITATION_LIMITS = { note: SHORT_TEXT_MAX } as const;

/** The records that can cite a source; the names are the tables'. */
export const CITABLE_RECORD_TYPES = [
  'case_record',
  'person',
  'institution',
  'case_event',
  'allegation',
  'statement',
  'complaint',
  'complaint_response',
  'proceeding',
  'proceeding_stage',
] as const;
export type CitableRecordType = (typeof CITABLE_RECORD_TYPES)[number];

/**
 * "This record rests on that source" for any record. `recordId` cannot carry a foreign key, so
 * services delete a record's citations with it; `caseId`, set whenever the cited record belongs
 * to a case, lists a case's sources in one query and lets case deletion cascade here.
 */
@Entity('citation')
@Unique(['sourceId', 'recordType', 'recordId'])
@Index(['recordType', 'recordId'])
@Check(`record_type IN (${CITABLE_RECORD_TYPES.map((t) => `'${t}'`).join(',')})`)
export class Citation {
  @PrimaryGeneratedColumn()
  id: number;

  /** A source still cited cannot be deleted. */
  @Column({ type: 'integer' })
  sourceId: number;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'source_id' })
  source?: Relation<Source>;

  @Column({ type: 'varchar', length: 30 })
  recordType: CitableRecordType;

  @Column({ type: 'integer' })
  recordId: number;

  @Index()
  @Column({ type: 'integer', nullable: true })
  caseId: number | null;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord> | null;

  /** vocabulary: citation_attribution. What the source does with the fact: reports it, alleges it, found it as an official inquiry... */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  attribution: string | null;

  /** Page, paragraph or quotation. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
