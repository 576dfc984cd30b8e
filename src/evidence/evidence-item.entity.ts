import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX, TITLE_MAX } from '../db/text-limits';
import { CONFIDENTIALITY, Confidentiality, EVIDENCE_TYPES, EvidenceType, RECEIVED_HOW, ReceivedHow, inList } from './evidence-constants';

export const EVIDENCE_LIMITS = {
  title: TITLE_MAX,
  description: LONG_TEXT_MAX,
  receivedFrom: NAME_MAX,
  paperLocation: SHORT_TEXT_MAX,
} as const;

/**
 * A piece of evidence in a case: typed, dated, with its provenance (from whom, how, when, entered
 * by whom) and a confidentiality level. It holds one or more files; its custody log is the
 * audit trail (record type `evidence_item`).
 */
@Entity('evidence_item')
@Check(inList('type', EVIDENCE_TYPES))
@Check(inList('confidentiality', CONFIDENTIALITY))
@Check(`received_how IS NULL OR ${inList('received_how', RECEIVED_HOW)}`)
@Check(`length(title) > 0`)
@Check(partialDateCheck('content_date'))
@Check(partialDateCheck('received_date'))
@Index(['caseId', 'type'])
export class EvidenceItem extends RecordBase {
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Column({ type: 'varchar', length: 30 })
  type: EvidenceType;

  @Column({ type: 'varchar', length: EVIDENCE_LIMITS.title })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** When the content was made (the photo taken, the report written). */
  @Column(() => PartialDate, { prefix: 'contentDate' })
  contentDate: PartialDate;

  /** Provenance: who handed it over, in words ("the victim's mother", "lawyer A. N."). */
  @Column({ type: 'varchar', length: EVIDENCE_LIMITS.receivedFrom, nullable: true })
  receivedFrom: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  receivedHow: ReceivedHow | null;

  @Column(() => PartialDate, { prefix: 'receivedDate' })
  receivedDate: PartialDate;

  /** The user who entered the item into Casebook. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  enteredById: number | null;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'normal' })
  confidentiality: Confidentiality;

  /** Where the paper or physical original is kept, if there is one. */
  @Column({ type: 'text', nullable: true })
  paperLocation: string | null;

  /**
   * Its pictures or videos show injuries or violence: previews are shown blurred and in
   * greyscale until a viewer chooses to see this item, videos start muted after a warning.
   * Downloads and bundles stay the unaltered originals.
   */
  @Column({ type: 'boolean', default: false })
  graphic: boolean;
}
