import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { SHORT_TEXT_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { Person } from '../people/person.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { Allegation } from './allegation.entity';

export const PERPETRATOR_LIMITS = { description: SHORT_TEXT_MAX } as const;

/**
 * Who is said to be responsible: an institution, an identified individual (who may serve in
 * that institution), or only a description ("men claiming to be from the security services").
 * `attribution` records how far the identification is established.
 */
@Entity('perpetrator')
@Check(`institution_id IS NOT NULL OR person_id IS NOT NULL OR description IS NOT NULL`)
export class Perpetrator {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  allegationId: number;

  @ManyToOne(() => Allegation, (allegation) => allegation.perpetrators, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  institutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution> | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person> | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** vocabulary: involvement */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  involvement: string;

  /** vocabulary: attribution */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  attribution: string;
}
