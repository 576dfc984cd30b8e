import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX, TITLE_MAX } from '../db/text-limits';
import { Person } from '../people/person.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { AllegationEvent } from './allegation-event.entity';
import { AllegationInstitution } from './allegation-institution.entity';
import { AllegationMethod } from './allegation-method.entity';
import { AllegationPurpose } from './allegation-purpose.entity';
import { Perpetrator } from './perpetrator.entity';

export const ALLEGATION_LIMITS = {
  summary: TITLE_MAX,
  description: LONG_TEXT_MAX,
  consequences: LONG_TEXT_MAX,
  duration: SHORT_TEXT_MAX,
} as const;

/**
 * An act of torture or ill-treatment (an ESF "act"): who was subjected to what, when (its
 * events), where (its institutions), by whom (its perpetrators), why, and with what result.
 * In a group case the victim may be left empty: the act concerns the case's group.
 */
@Entity('allegation')
export class Allegation extends RecordBase {
  @Index()
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  victimPersonId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'victim_person_id' })
  victimPerson?: Relation<Person> | null;

  /** One line for lists: "Beaten in custody to force a confession". */
  @Column({ type: 'varchar', length: ALLEGATION_LIMITS.summary, nullable: true })
  summary: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  physicalConsequences: string | null;

  @Column({ type: 'text', nullable: true })
  psychologicalConsequences: string | null;

  /** As reported: "about a week", "several hours a day for two months". */
  @Column({ type: 'varchar', length: ALLEGATION_LIMITS.duration, nullable: true })
  duration: string | null;

  /** vocabulary: allegation_status */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  status: string;

  @OneToMany(() => AllegationEvent, (link) => link.allegation)
  events?: Relation<AllegationEvent>[];

  @OneToMany(() => AllegationMethod, (method) => method.allegation)
  methods?: Relation<AllegationMethod>[];

  @OneToMany(() => AllegationPurpose, (purpose) => purpose.allegation)
  purposes?: Relation<AllegationPurpose>[];

  @OneToMany(() => AllegationInstitution, (link) => link.allegation)
  institutions?: Relation<AllegationInstitution>[];

  @OneToMany(() => Perpetrator, (perpetrator) => perpetrator.allegation)
  perpetrators?: Relation<Perpetrator>[];
}
