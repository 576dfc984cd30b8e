import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { LATIN_FORM_MAX, NAME_MAX } from '../db/text-limits';
import { Institution } from './institution.entity';

export const INSTITUTION_ALIAS_LIMITS = { name: NAME_MAX } as const;

/**
 * Another name for an institution ("ИК-1", "IK-1 Yaroslavl", "Colony No. 1"), with the same
 * derived search forms as person names so pickers find it by any spelling.
 */
@Entity('institution_alias')
@Unique(['institutionId', 'name'])
@Check(`length(name) > 0`)
export class InstitutionAlias {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  institutionId: number;

  @ManyToOne(() => Institution, (institution) => institution.aliases, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution>;

  @Column({ type: 'varchar', length: NAME_MAX })
  name: string;

  @Index()
  @Column({ type: 'varchar', length: LATIN_FORM_MAX })
  nameLatin: string;

  @Index()
  @Column({ type: 'varchar', length: LATIN_FORM_MAX })
  matchKey: string;
}
