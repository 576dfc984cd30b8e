import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { SHORT_TEXT_MAX } from '../db/text-limits';
import { Person } from '../people/person.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { CaseRecord } from './case.entity';

export const CASE_PARTICIPANT_LIMITS = { note: SHORT_TEXT_MAX } as const;

/** A person's role in a case; one person may hold several roles (victim and defendant). */
@Entity('case_participant')
@Unique(['caseId', 'personId', 'role'])
export class CaseParticipant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, (c) => c.participants, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  /** A person still named in a case cannot be deleted. */
  @Index()
  @Column({ type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  /** vocabulary: participant_role */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  role: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
