import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { ProceedingDefendant } from './proceeding-defendant.entity';

export const CHARGE_LIMITS = { article: 300 } as const;

/** One article a defendant is charged under: as written ("ст. 205 ч. 3 УК РФ"), and the common article when it is one. */
@Entity('proceeding_charge')
@Check(`article IS NOT NULL OR article_code IS NOT NULL`)
export class ProceedingCharge {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  defendantId: number;

  @ManyToOne(() => ProceedingDefendant, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'defendant_id' })
  defendant?: Relation<ProceedingDefendant>;

  @Column({ type: 'varchar', length: CHARGE_LIMITS.article, nullable: true })
  article: string | null;

  /** vocabulary: criminal_code_article */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  articleCode: string | null;
}
