import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../db/columns';

/** SQLite returns numbers, PostgreSQL returns bigint as text: both come back as numbers (files stay below 2^53 bytes). */
export const bigintNumber = { to: (v: number | null | undefined) => v, from: (v: string | number | null) => (v == null ? null : Number(v)) };

/**
 * The bytes of one original, stored once under objects/ab/cd/<sha256>, read-only, never modified.
 * The same bytes uploaded twice are one row: inserts rely on the UNIQUE constraint on sha256
 * (INSERT ... ON CONFLICT DO NOTHING), never on a check followed by an insert.
 */
@Entity('stored_object')
export class StoredObject {
  @PrimaryGeneratedColumn()
  id: number;

  /** Lower-case hex SHA-256 of the bytes as received. */
  @Column({ type: 'varchar', length: 64, unique: true })
  sha256: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size: number;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
