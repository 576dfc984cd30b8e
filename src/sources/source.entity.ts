import { Check, Column, Entity, Index } from 'typeorm';
import { PartialDate, partialDateCheck } from '../db/partial-date';
import { RecordBase } from '../db/record-base';
import { LONG_TEXT_MAX, NAME_MAX, TITLE_MAX, URL_MAX } from '../db/text-limits';
import { VOCAB_CODE_MAX } from '../vocab/vocab-term.entity';
import { t } from '../i18n/i18n';

export const SOURCE_LIMITS = { name: NAME_MAX, title: TITLE_MAX, url: URL_MAX, note: LONG_TEXT_MAX } as const;

/**
 * Who or what the source is. `official_finding`: a finding by an official body that is neither a
 * court nor a party (a national human-rights council, an ombudsman, the CPT, a UN body, an
 * official inquiry).
 */
export const SOURCE_KINDS = ['organisation', 'person', 'official_finding'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** What each kind is called, in the current language (each read when it is read). */
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = Object.defineProperties({} as Record<SourceKind, string>, Object.fromEntries(SOURCE_KINDS.map((k) => [k, { enumerable: true, get: () => t(`sources.kinds.${k}`) }])));

/**
 * Where information comes from: an NGO report, a lawyer, state media. The reliability grade is
 * the source's, not the claim's: state media may report deliberately false things.
 */
@Entity('source')
@Check(`kind IN (${SOURCE_KINDS.map((k) => `'${k}'`).join(',')})`)
@Check(`length(name) > 0`)
@Check(partialDateCheck('date'))
export class Source extends RecordBase {
  @Column({ type: 'varchar', length: 20 })
  kind: SourceKind;

  /** The organisation or person ("Human Rights Watch", "the victim's lawyer"). */
  @Index()
  @Column({ type: 'varchar', length: SOURCE_LIMITS.name })
  name: string;

  /** The document or report ("The 'Stamp of Guantanamo'"). */
  @Column({ type: 'varchar', length: SOURCE_LIMITS.title, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: SOURCE_LIMITS.url, nullable: true })
  url: string | null;

  @Column(() => PartialDate, { prefix: 'date' })
  date: PartialDate;

  /** vocabulary: reliability */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  reliability: string;

  /** vocabulary: source_relation */
  @Index()
  @Column({ type: 'varchar', length: VOCAB_CODE_MAX })
  relation: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
