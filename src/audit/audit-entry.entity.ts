import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only and hash-chained: `hash` = SHA-256(prevHash + canonical content). Triggers in the
 * migration refuse UPDATE and DELETE; `casebook audit verify` recomputes the chain.
 * Values of sensitive fields are never stored here, only which fields changed.
 */
@Entity('audit_entry')
@Index(['recordType', 'recordId'])
@Index(['actorUserId'])
@Index(['action'])
export class AuditEntry {
  /** 1, 2, 3 ... with no gaps: a gap is a deleted entry. */
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  /** ISO-8601 text, kept as written so the canonical form hashes identically forever. */
  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Column({ type: 'integer', nullable: true })
  actorUserId: number | null;

  /** Who acted, as known at that time: an e-mail, `cli`, or `system`. */
  @Column({ type: 'varchar', length: 254 })
  actorLabel: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  recordType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  recordId: string | null;

  /** JSON array of field names that changed. */
  @Column({ type: 'text', default: '[]' })
  fields: string;

  /** JSON object of non-sensitive facts (a role name, a token label, a reason code). */
  @Column({ type: 'text', default: '{}' })
  detail: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/** One row: the newest entry's seq and hash, so removing entries from the end is detected too. */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
