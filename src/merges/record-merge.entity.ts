import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { DATETIME } from '../db/columns';
import { Person } from '../people/person.entity';
import { Institution } from '../institutions/institution.entity';

/**
 * Where a merged person went: the old number (`fromId`, a record that no longer exists) and the
 * person it was merged into. The old address redirects there. `intoId` is a foreign key to
 * person like any other link, so merging the kept person again moves these rows along too: an
 * old address always leads to the surviving record in one step.
 */
@Entity('person_merge')
export class PersonMerge {
  @PrimaryColumn({ type: 'integer' })
  fromId: number;

  @Index()
  @Column({ type: 'integer' })
  intoId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'into_id' })
  into?: Relation<Person>;

  @Column({ type: 'integer', nullable: true })
  mergedById: number | null;

  @Column({ type: DATETIME })
  mergedAt: Date;
}

/** The same for institutions (institution-merge in merge.service.ts). */
@Entity('institution_merge')
export class InstitutionMerge {
  @PrimaryColumn({ type: 'integer' })
  fromId: number;

  @Index()
  @Column({ type: 'integer' })
  intoId: number;

  @ManyToOne(() => Institution, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'into_id' })
  into?: Relation<Institution>;

  @Column({ type: 'integer', nullable: true })
  mergedById: number | null;

  @Column({ type: DATETIME })
  mergedAt: Date;
}
