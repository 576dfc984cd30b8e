import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { Allegation } from './allegation.entity';

/** Where the act took place (a SIZO, a police station); who did it is a Perpetrator. */
@Entity('allegation_institution')
@Unique(['allegationId', 'institutionId'])
export class AllegationInstitution {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  allegationId: number;

  @ManyToOne(() => Allegation, (allegation) => allegation.institutions, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation>;

  @Index()
  @Column({ type: 'integer' })
  institutionId: number;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<Institution>;
}
