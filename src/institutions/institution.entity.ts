import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { RecordBase } from '../db/record-base';
import { LATIN_FORM_MAX, LONG_TEXT_MAX, NAME_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { InstitutionAlias } from './institution-alias.entity';

export const INSTITUTION_LIMITS = { name: NAME_MAX, locality: 200, notes: LONG_TEXT_MAX } as const;

/**
 * A police department, FSB directorate, court, SIZO, penal colony or "a government building in
 * Argun". Sub-units point at their parent; a parent with sub-units cannot be deleted.
 */
@Entity('institution')
@Check(`length(name) > 0`)
@Check(`parent_id IS NULL OR parent_id <> id`)
@Check(
  `(latitude IS NULL AND longitude IS NULL) OR (latitude IS NOT NULL AND longitude IS NOT NULL AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)`,
)
export class Institution extends RecordBase {
  @Index()
  @Column({ type: 'varchar', length: INSTITUTION_LIMITS.name })
  name: string;

  /** latinize(name) and matchKey(name), derived on every write, as on aliases and person names. */
  @Index()
  @Column({ type: 'varchar', length: LATIN_FORM_MAX })
  nameLatin: string;

  @Index()
  @Column({ type: 'varchar', length: LATIN_FORM_MAX })
  matchKey: string;

  /** vocabulary: institution_type */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  type: string;

  @Index()
  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Institution, (institution) => institution.children, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Institution> | null;

  @OneToMany(() => Institution, (institution) => institution.parent)
  children?: Relation<Institution>[];

  /** vocabulary: region */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  region: string | null;

  @Column({ type: 'varchar', length: INSTITUTION_LIMITS.locality, nullable: true })
  locality: string | null;

  @Column({ type: 'real', nullable: true })
  latitude: number | null;

  @Column({ type: 'real', nullable: true })
  longitude: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @OneToMany(() => InstitutionAlias, (alias) => alias.institution)
  aliases?: Relation<InstitutionAlias>[];
}
