import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from './columns';

/**
 * Columns every domain record carries: who created and last changed it and when.
 * The per-change history itself lives in the audit trail.
 */
export abstract class RecordBase {
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;

  @UpdateDateColumn({ type: DATETIME })
  updatedAt: Date;

  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @Column({ type: 'integer', nullable: true })
  updatedById: number | null;
}
