import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Statement } from './statement.entity';

export const RETRACTION_LIMITS = { reason: LONG_TEXT_MAX } as const;

/** A retraction takes the statement back; a reaffirmation confirms it again (often under pressure). */
export const RETRACTION_KINDS = ['retraction', 'reaffirmation'] as const;
export type RetractionKind = (typeof RETRACTION_KINDS)[number];
export const PRESSURE_ALLEGED = ['yes', 'no', 'unknown'] as const;
export type PressureAlleged = (typeof PRESSURE_ALLEGED)[number];

/**
 * One step of a statement's retraction history: its maker took it back, or stood by it again,
 * on a date, before a forum, for a reason, and whether pressure to reaffirm is alleged. The
 * history is the one record of retractions: a statement is "retracted" when it has at least one
 * retraction row, whatever came after (statement-retraction.ts). `caseId` repeats the
 * statement's case so that filters and the case's history read one indexed table.
 */
@Entity('statement_retraction')
@Index(['statementId', 'date.start'])
@Index(['caseId', 'kind'])
@Check(`kind IN (${RETRACTION_KINDS.map((k) => `'${k}'`).join(',')})`)
@Check(`pressure_alleged IN (${PRESSURE_ALLEGED.map((k) => `'${k}'`).join(',')})`)
@Check(partialDateCheck('date'))
export class StatementRetraction extends RecordBase {
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Column({ type: 'integer' })
  statementId: number;

  @ManyToOne(() => Statement, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<Statement>;

  @Column({ type: 'varchar', length: 20 })
  kind: RetractionKind;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  /** vocabulary: retraction_forum */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  forum: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  pressureAlleged: PressureAlleged;
}
