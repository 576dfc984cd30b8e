import { Check, Column, Entity, Index, OneToMany, Relation } from 'typeorm';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX, TITLE_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { CaseMember } from './case-member.entity';
import { CaseParticipant } from './case-participant.entity';
import { CaseTag } from './case-tag.entity';

export const CASE_LIMITS = { code: 20, title: TITLE_MAX, summary: LONG_TEXT_MAX, groupDescription: SHORT_TEXT_MAX } as const;
/** RU-2005-0001: country, year the case began, sequence within that year. */
export const CASE_CODE_PATTERN = /^[A-Z]{2}-\d{4}-\d{4,}$/;

/** How a count is known; `unknown` is a group of unknown size (no number), apart from a count not entered (both NULL). */
export const COUNT_PRECISIONS = ['exact', 'approximately', 'at_least', 'at_most', 'unknown'] as const;
export type CountPrecision = (typeof COUNT_PRECISIONS)[number];
/** The precisions that come with a number. */
export const NUMBERED_PRECISIONS = COUNT_PRECISIONS.filter((p) => p !== 'unknown');
const countPrecisionList = NUMBERED_PRECISIONS.map((p) => `'${p}'`).join(',');
const countCheck = (count: string) =>
  `(${count} IS NULL AND (${count}_precision IS NULL OR ${count}_precision = 'unknown')) OR (${count} IS NOT NULL AND ${count} >= 0 AND ${count}_precision IS NOT NULL AND ${count}_precision IN (${countPrecisionList}))`;

/**
 * One person's or one group's matter over time. Identified victims are participants with the
 * role "victim"; a group case also (or instead) describes the group with counts whose precision
 * says how they are known ("around 40 detained", "at least 2 dead").
 * A restricted case, and everything in it, exists only for its members and admins.
 */
@Entity('case_record')
@Check(`restricted IN (true, false)`)
@Check(`length(code) > 0 AND length(title) > 0`)
@Check(countCheck('group_count'))
@Check(countCheck('group_death_count'))
export class CaseRecord extends RecordBase {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: CASE_LIMITS.code })
  code: string;

  @Column({ type: 'varchar', length: CASE_LIMITS.title })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** vocabulary: case_status */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  status: string;

  /** vocabulary: region. The primary region; the case's regions also include its events' (case-regions.ts). */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX, nullable: true })
  region: string | null;

  @Index()
  @Column({ type: 'boolean', default: false })
  restricted: boolean;

  @Column({ type: 'text', nullable: true })
  groupDescription: string | null;

  @Column({ type: 'integer', nullable: true })
  groupCount: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  groupCountPrecision: CountPrecision | null;

  @Column({ type: 'integer', nullable: true })
  groupDeathCount: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  groupDeathCountPrecision: CountPrecision | null;

  @OneToMany(() => CaseParticipant, (participant) => participant.case)
  participants?: Relation<CaseParticipant>[];

  @OneToMany(() => CaseMember, (member) => member.case)
  members?: Relation<CaseMember>[];

  @OneToMany(() => CaseTag, (tag) => tag.case)
  tags?: Relation<CaseTag>[];
}
