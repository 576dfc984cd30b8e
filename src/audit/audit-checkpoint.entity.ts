import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed statement "the trail's entry `seq` had hash `hash` at `at`", made with an Ed25519 key
 * kept outside the database (audit-key.ts). The hash chain proves order; a checkpoint kept off the
 * server proves that nobody rewrote or cut the trail before it. Append-only, like the trail.
 */
@Entity('audit_checkpoint')
export class AuditCheckpoint {
  /** The entry signed; one checkpoint per entry at most. Entries have no gaps, so it is also the count. */
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** ISO-8601 time of signing, kept as signed. */
  @Column({ type: 'varchar', length: 30 })
  at: string;

  /** SHA-256 (hex) of the raw public key. */
  @Column({ type: 'varchar', length: 64 })
  keyFingerprint: string;

  /** The raw 32-byte Ed25519 public key, base64: a checkpoint can be checked on its own. */
  @Column({ type: 'varchar', length: 44 })
  publicKey: string;

  /** Ed25519 signature (base64) of checkpointPayload(). */
  @Column({ type: 'varchar', length: 88 })
  signature: string;
}
