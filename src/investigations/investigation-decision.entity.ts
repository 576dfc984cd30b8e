import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX } from '../db/text-limits';
import { CaseEvent } from '../events/event.entity';
import { EvidenceItem } from '../evidence/evidence-item.entity';
import { Institution } from '../institutions/institution.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Investigation } from './investigation.entity';

export const DECISION_LIMITS = { official: NAME_MAX, reasons: LONG_TEXT_MAX } as const;

/**
 * One decision in an investigation: check started, refused to open a criminal case, case opened,
 * suspended, closed, reopened, refusal annulled (by a supervisor or a court), transferred. The
 * count of refusals is the count of these rows (process-counts.ts).
 */
@Entity('investigation_decision')
@Index(['investigationId', 'date.start'])
@Check(partialDateCheck('date'))
@Check(`sequence >= 0`)
export class InvestigationDecision extends RecordBase {
  @Column({ type: 'integer' })
  investigationId: number;

  @ManyToOne(() => Investigation, (i) => i.decisions, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'investigation_id' })
  investigation?: Relation<Investigation>;

  /** vocabulary: investigation_decision */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  kind: string;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  /** Who signed it ("investigator Major I. I. Ivanov"), as written. */
  @Column({ type: 'varchar', length: DECISION_LIMITS.official, nullable: true })
  official: string | null;

  /** The deciding body (for a transfer: the body it went to is named in `transferredTo`). */
  @Index()
  @Column({ type: 'integer', nullable: true })
  institutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution> | null;

  @Column({ type: 'integer', nullable: true })
  transferredToId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'transferred_to_id' })
  transferredTo?: Relation<Institution> | null;

  @Column({ type: 'text', nullable: true })
  reasons: string | null;

  /** The decision document: an evidence item of the same case. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  evidenceItemId: number | null;

  @ManyToOne(() => EvidenceItem, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'evidence_item_id' })
  evidenceItem?: Relation<EvidenceItem> | null;

  /** The timeline event this decision was recorded from (an old "investigation refused" event), if any. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  sourceEventId: number | null;

  @ManyToOne(() => CaseEvent, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'source_event_id' })
  sourceEvent?: Relation<CaseEvent> | null;

  /** Orders decisions that share a date (lower first); 0 when nobody set it. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;
}
