import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { Allegation } from '../allegations/allegation.entity';
import { CaseRecord } from '../cases/case.entity';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { Person } from '../people/person.entity';
import { Proceeding } from '../proceedings/proceeding.entity';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { StatementCondition } from './statement-condition.entity';
import { StatementIncrimination } from './statement-incriminates.entity';

export const STATEMENT_LIMITS = {
  makerDescription: NAME_MAX,
  beforeOfficial: NAME_MAX,
  content: LONG_TEXT_MAX,
} as const;

/**
 * How a court has treated the statement, furthest step known: not submitted (or not known),
 * submitted to the court (the court is considering it), admitted as evidence, relied on in the
 * verdict, or excluded. "Relied on" is what "convictions relying on retracted statements" counts.
 */
export const COURT_STATUSES = ['not_submitted', 'submitted', 'admitted', 'relied_on', 'excluded'] as const;
export type CourtStatus = (typeof COURT_STATUSES)[number];

/**
 * A confession or testimony: who made it, when, before whom, under what conditions, whom it
 * incriminates, how a court treated it (court_status, with the proceeding) and, in
 * statement_retraction, its retractions and reaffirmations (the one record of them: "retracted"
 * means retracted at least once, see statement-retraction.ts).
 * The maker is a recorded person or, for "other detainees", a description.
 */
@Entity('statement')
@Check(`maker_person_id IS NOT NULL OR maker_description IS NOT NULL`)
@Check(`court_status IN (${COURT_STATUSES.map((c) => `'${c}'`).join(',')})`)
@Check(`court_status <> 'not_submitted' OR proceeding_id IS NULL`)
@Check(partialDateCheck('date'))
@Index(['caseId', 'date.start'])
export class Statement extends RecordBase {
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  @Index()
  @Column({ type: 'integer', nullable: true })
  makerPersonId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'maker_person_id' })
  makerPerson?: Relation<Person> | null;

  @Column({ type: 'varchar', length: STATEMENT_LIMITS.makerDescription, nullable: true })
  makerDescription: string | null;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  @Index()
  @Column({ type: 'integer', nullable: true })
  beforeInstitutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'before_institution_id' })
  beforeInstitution?: Relation<Institution> | null;

  /** The official it was made to, in words ("investigator Ivanov"). */
  @Column({ type: 'varchar', length: STATEMENT_LIMITS.beforeOfficial, nullable: true })
  beforeOfficial: string | null;

  /** vocabulary: statement_kind */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  kind: string;

  /** What the statement says, in summary or quoted. */
  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'not_submitted' })
  courtStatus: CourtStatus;

  /** The proceeding before whose court it was (submitted, admitted, relied on, excluded); kept empty (not cascaded) if that proceeding goes. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  proceedingId: number | null;

  @ManyToOne(() => Proceeding, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'proceeding_id' })
  proceeding?: Relation<Proceeding> | null;

  /** The allegation of ill-treatment behind the statement. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  allegationId: number | null;

  @ManyToOne(() => Allegation, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'allegation_id' })
  allegation?: Relation<Allegation> | null;

  @OneToMany(() => StatementCondition, (condition) => condition.statement)
  conditions?: Relation<StatementCondition>[];

  @OneToMany(() => StatementIncrimination, (link) => link.statement)
  incriminates?: Relation<StatementIncrimination>[];
}
