import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { Person } from '../people/person.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { ComplaintResponse } from './complaint-response.entity';

export const COMPLAINT_LIMITS = { filedByText: NAME_MAX, description: LONG_TEXT_MAX } as const;

/**
 * A demand to an authority or an international body (investigate, appeal a refusal, ...) and,
 * in its responses, everything the authority answered over time.
 */
@Entity('complaint')
@Index(['caseId', 'date.start'])
@Check(partialDateCheck('date'))
export class Complaint extends RecordBase {
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  filedByPersonId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'filed_by_person_id' })
  filedByPerson?: Relation<Person> | null;

  /** The filer when not a recorded person ("Memorial Human Rights Centre"), or a qualifier. */
  @Column({ type: 'varchar', length: COMPLAINT_LIMITS.filedByText, nullable: true })
  filedByText: string | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  toInstitutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'to_institution_id' })
  toInstitution?: Relation<Institution> | null;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  /** vocabulary: complaint_request */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  request: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @OneToMany(() => ComplaintResponse, (response) => response.complaint)
  responses?: Relation<ComplaintResponse>[];
}
