import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { Complaint } from '../complaints/complaint.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { InvestigationDecision } from './investigation-decision.entity';

export const INVESTIGATION_LIMITS = { officialNumber: NAME_MAX, note: LONG_TEXT_MAX } as const;

/**
 * An official investigation of the case's facts (a pre-investigation check and the criminal case
 * that may follow), conducted by one body, and its decisions over time: refusal, annulment, new
 * check, refusal again... each decision is its own dated row.
 */
@Entity('investigation')
@Index(['caseId', 'began.start'])
@Check(partialDateCheck('began'))
export class Investigation extends RecordBase {
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  /** The conducting body (an Investigative Committee department, a prosecutor's office, ...). */
  @Index()
  @Column({ type: 'integer', nullable: true })
  institutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution> | null;

  /** vocabulary: investigation_trigger */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  trigger: string;

  /** The complaint of the same case that started it, when it started on a complaint. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  triggerComplaintId: number | null;

  @ManyToOne(() => Complaint, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'trigger_complaint_id' })
  triggerComplaint?: Relation<Complaint> | null;

  @Column(() => PartialDate, { prefix: 'began' })
  began: PartialDate;

  /** The official case or check number ("материал проверки № 123пр-06"). */
  @Column({ type: 'varchar', length: INVESTIGATION_LIMITS.officialNumber, nullable: true })
  officialNumber: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @OneToMany(() => InvestigationDecision, (d) => d.investigation)
  decisions?: Relation<InvestigationDecision>[];
}
