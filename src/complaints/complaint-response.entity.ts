import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { LONG_TEXT_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Complaint } from './complaint.entity';
import { InvestigationDecision } from '../investigations/investigation-decision.entity';

export const COMPLAINT_RESPONSE_LIMITS = { note: LONG_TEXT_MAX } as const;

/**
 * One answer to a complaint: refused to open a case, opened, suspended, ... Repeated refusals
 * are separate rows so they can be counted ("3 refusals, last on 12 May 2006").
 */
@Entity('complaint_response')
@Index(['complaintId', 'date.start'])
@Check(partialDateCheck('date'))
export class ComplaintResponse {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  complaintId: number;

  @ManyToOne(() => Complaint, (complaint) => complaint.responses, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: Relation<Complaint>;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  @Index()
  @Column({ type: 'integer', nullable: true })
  respondingInstitutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'responding_institution_id' })
  respondingInstitution?: Relation<Institution> | null;

  /** vocabulary: response_outcome */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The investigation decision this response reports: then that decision is what counts (process-counts.ts). */
  @Index()
  @Column({ type: 'integer', nullable: true })
  decisionId: number | null;

  @ManyToOne(() => InvestigationDecision, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<InvestigationDecision> | null;
}
