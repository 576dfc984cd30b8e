import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, TITLE_MAX } from '../db/text-limits';
import { Institution } from '../institutions/institution.entity';
import { ProceedingDefendant } from './proceeding-defendant.entity';
import { ProceedingStage } from './proceeding-stage.entity';

export const PROCEEDING_LIMITS = { title: TITLE_MAX, caseNumber: 100, note: LONG_TEXT_MAX } as const;

/**
 * A criminal case in court, from indictment through verdict, appeal, annulment and retrial
 * (Gumarov and Ishmuratov: jury acquittal, annulled, convicted). Stages carry the dates.
 */
@Entity('proceeding')
export class Proceeding extends RecordBase {
  @Index()
  @Column({ type: 'integer' })
  caseId: number;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<CaseRecord>;

  /** "The Nalchik trial"; the court and number stand in when it is empty. */
  @Column({ type: 'varchar', length: PROCEEDING_LIMITS.title, nullable: true })
  title: string | null;

  /** The court of first instance; each stage may name a different court. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  courtInstitutionId: number | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'court_institution_id' })
  courtInstitution?: Relation<Institution> | null;

  @Index()
  @Column({ type: 'varchar', length: PROCEEDING_LIMITS.caseNumber, nullable: true })
  caseNumber: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @OneToMany(() => ProceedingDefendant, (defendant) => defendant.proceeding)
  defendants?: Relation<ProceedingDefendant>[];

  @OneToMany(() => ProceedingStage, (stage) => stage.proceeding)
  stages?: Relation<ProceedingStage>[];
}
