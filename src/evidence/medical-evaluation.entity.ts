import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX } from '../db/text-limits';
import { IP_GRADES, IpGrade, TRI_STATE, TriState, inList } from './evidence-constants';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { EvidenceItem } from './evidence-item.entity';

export const MEDICAL_LIMITS = {
  examiner: NAME_MAX,
  place: NAME_MAX,
  present: SHORT_TEXT_MAX,
  restrictions: SHORT_TEXT_MAX,
  opinion: LONG_TEXT_MAX,
  bodyLocation: NAME_MAX,
  finding: SHORT_TEXT_MAX,
} as const;

const triCheck = (column: string) => `${column} IN (${TRI_STATE.map((v) => `'${v}'`).join(',')})`;

/**
 * A medical evaluation after the Istanbul Protocol: who examined, when, where and under what
 * conditions, its findings (medical-finding.entity.ts) and an overall opinion on the protocol's
 * five-level scale. The report itself may be an evidence item.
 */
@Entity('medical_evaluation')
@Check(`length(kind) > 0`)
@Check(partialDateCheck('exam_date', { required: true }))
@Check(`overall_grade IS NULL OR ${inList('overall_grade', IP_GRADES)}`)
@Check(triCheck('police_present'))
@Check(triCheck('restrained'))
@Check(triCheck('interpreter'))
@Check(triCheck('consent'))
@Check(`length(examiner) > 0`)
export class MedicalEvaluation extends RecordBase {
  @Index()
  @Column({ type: 'integer' })
  caseId: number;

  /**
   * vocabulary: examination_kind. An Istanbul Protocol evaluation grades every finding; a forensic
   * medical examination (судебно-медицинская экспертиза), a post-mortem or another examination
   * records its findings with grades only where given.
   */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, default: 'istanbul_protocol' })
  kind: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  /** The evaluation report, when it is on file as evidence. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  evidenceItemId: number | null;

  @ManyToOne(() => EvidenceItem, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'evidence_item_id' })
  evidenceItem?: Relation<EvidenceItem> | null;

  /** Name and qualification, as written in the report. */
  @Column({ type: 'varchar', length: MEDICAL_LIMITS.examiner })
  examiner: string;

  @Column(() => PartialDate, { prefix: 'examDate' })
  examDate: PartialDate;

  @Column({ type: 'varchar', length: MEDICAL_LIMITS.place, nullable: true })
  place: string | null;

  /** Who was in the room besides the examiner and the person examined. */
  @Column({ type: 'text', nullable: true })
  present: string | null;

  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  policePresent: TriState;

  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  restrained: TriState;

  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  interpreter: TriState;

  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  consent: TriState;

  /** Limits put on the examination (time, no undressing, no photographs, ...). */
  @Column({ type: 'text', nullable: true })
  restrictions: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  overallGrade: IpGrade | null;

  @Column({ type: 'text', nullable: true })
  overallOpinion: string | null;
}
