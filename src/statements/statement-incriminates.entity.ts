import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Person } from '../people/person.entity';
import { Statement } from './statement.entity';

/** A person the statement incriminates (other detainees' confessions naming Kudaev). */
@Entity('statement_incriminates')
@Unique(['statementId', 'personId'])
export class StatementIncrimination {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  statementId: number;

  @ManyToOne(() => Statement, (statement) => statement.incriminates, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<Statement>;

  @Index()
  @Column({ type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;
}
