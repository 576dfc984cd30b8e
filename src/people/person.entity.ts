import { Check, Column, Entity, Index, OneToMany, Relation } from 'typeorm';
import { RecordBase } from '../db/record-base';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { LONG_TEXT_MAX, NAME_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { PersonName } from './person-name.entity';
import { PersonProfile } from './person-profile.entity';

export const PERSON_LIMITS = { name: NAME_MAX, notes: LONG_TEXT_MAX } as const;

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * Anyone in a case: victim, co-defendant, witness, relative, lawyer, official. Every spelling of
 * the name, the primary one included, is a PersonName row; `primaryName` repeats the primary
 * spelling so lists can sort and show it without a join.
 */
@Entity('person')
@Check(`gender IN (${GENDERS.map((g) => `'${g}'`).join(',')})`)
@Check(`protected_identity IN (true, false)`)
@Check(`length(primary_name) > 0`)
@Check(partialDateCheck('birth'))
export class Person extends RecordBase {
  @Index()
  @Column({ type: 'varchar', length: PERSON_LIMITS.name })
  primaryName: string;

  @Column(() => PartialDate, { prefix: 'birth' })
  birth: PartialDate;

  @Column({ type: 'varchar', length: 10, default: 'unknown' })
  gender: Gender;

  /** vocabulary: region */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  region: string | null;

  /** Background and risk notes (threats, reprisals). */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Users without clearance see personPseudonym(id) instead of any name. */
  @Column({ type: 'boolean', default: false })
  protectedIdentity: boolean;

  @OneToMany(() => PersonName, (name) => name.person)
  names?: Relation<PersonName>[];

  @OneToMany(() => PersonProfile, (profile) => profile.person)
  profiles?: Relation<PersonProfile>[];
}

/** "P-0142": stable for the life of the record and reveals nothing the id does not. */
export function personPseudonym(id: number): string {
  return `P-${String(id).padStart(4, '0')}`;
}
