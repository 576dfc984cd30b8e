import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Statement } from './statement.entity';

/** A condition under which the statement was made ("forced to sign", "without counsel"). */
@Entity('statement_condition')
@Unique(['statementId', 'code'])
export class StatementCondition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  statementId: number;

  @ManyToOne(() => Statement, (statement) => statement.conditions, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<Statement>;

  /** vocabulary: statement_condition */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  code: string;
}
