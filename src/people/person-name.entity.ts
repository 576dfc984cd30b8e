import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { LATIN_FORM_MAX, NAME_MAX } from '../db/text-limits';
import { Person } from './person.entity';

export const NAME_KINDS = ['primary', 'alias', 'spelling', 'transliteration'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export const PERSON_NAME_LIMITS = { name: NAME_MAX, language: 20 } as const;

/**
 * One spelling of a person's name. `nameLatin` (latinize) serves search; `matchKey` (matchKey)
 * finds the same name under another spelling. Both are derived in the service on every write.
 */
@Entity('person_name')
@Unique(['personId', 'name'])
@Index('uq_person_name_one_primary', ['personId'], { unique: true, where: `kind = 'primary'` })
@Check(`kind IN (${NAME_KINDS.map((k) => `'${k}'`).join(',')})`)
@Check(`length(name) > 0`)
export class PersonName {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, (person) => person.names, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @Column({ type: 'varchar', length: NAME_MAX })
  name: string;

  /** vocabulary: name_script */
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  script: string | null;

  /** BCP 47 language tag when known: ru, ce, tt, en. */
  @Column({ type: 'varchar', length: PERSON_NAME_LIMITS.language, nullable: true })
  language: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: NameKind;

  @Index()
  @Column({ type: 'varchar', length: LATIN_FORM_MAX })
  nameLatin: string;

  @Index()
  @Column({ type: 'varchar', length: LATIN_FORM_MAX })
  matchKey: string;
}
