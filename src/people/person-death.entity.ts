import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { Person } from './person.entity';

export const IN_CUSTODY = ['yes', 'no', 'unknown'] as const;
export type InCustody = (typeof IN_CUSTODY)[number];
export const PERSON_DEATH_LIMITS = { place: SHORT_TEXT_MAX, cause: LONG_TEXT_MAX } as const;

/**
 * A person's death, when it is known that they died: when (a partial date, possibly unknown),
 * where (as text, and the institution when they died in one: a colony, a SIZO, a police station),
 * whether in custody, and the cause as the authorities stated it and as relatives or lawyers allege it.
 */
@Entity('person_death')
@Check(partialDateCheck('date'))
@Check(`in_custody IN (${IN_CUSTODY.map((c) => `'${c}'`).join(',')})`)
export class PersonDeath {
  @PrimaryColumn({ type: 'integer' })
  personId: number;

  @OneToOne(() => Person, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  institutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution> | null;

  @Index()
  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  inCustody: InCustody;

  @Column({ type: 'text', nullable: true })
  causeOfficial: string | null;

  @Column({ type: 'text', nullable: true })
  causeAlleged: string | null;
}
