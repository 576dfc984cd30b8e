import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../db/columns';
import { inList } from '../evidence/evidence-constants';
import { bigintNumber } from '../evidence/stored-object.entity';

export const BACKUP_ORIGINS = ['schedule', 'page', 'cli'] as const;
export type BackupOrigin = (typeof BACKUP_ORIGINS)[number];
export const BACKUP_STATUSES = ['ok', 'failed'] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

/**
 * One attempt at an encrypted backup (issue 14), made by the schedule, the admin page or the
 * command line: what the admin page reports, and which earlier file in a directory holds which
 * evidence object (backup_object), so the next backup there copies only what is new. Per instance:
 * not in a full export, and emptied in an instance restored from a backup.
 */
@Entity('backup_run')
@Check(inList('origin', BACKUP_ORIGINS))
@Check(inList('status', BACKUP_STATUSES))
@Index(['dir', 'status'])
export class BackupRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: DATETIME })
  startedAt: Date;

  @Column({ type: DATETIME })
  finishedAt: Date;

  @Column({ type: 'varchar', length: 20 })
  origin: BackupOrigin;

  @Column({ type: 'varchar', length: 10 })
  status: BackupStatus;

  /** The directory written to, absolute. */
  @Column({ type: 'varchar', length: 4000 })
  dir: string;

  /** The backup file's name inside dir (null when the attempt failed before one was written). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  fileName: string | null;

  /** The manifest's random id: an earlier file is only relied on when its manifest has this id. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  backupId: string | null;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  bytes: number | null;

  /** SHA-256 of the encrypted file as written. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'integer', default: 0 })
  objectsTotal: number;

  /** Evidence objects copied into this file (the others are in earlier files of the same dir). */
  @Column({ type: 'integer', default: 0 })
  objectsCopied: number;

  /** The earlier files this one needs, as a JSON array of file names. */
  @Column({ type: 'text', default: '[]' })
  needs: string;

  /** Why it failed: an error code and its facts as JSON (words are in the catalogues). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** When the schedule's retention removed the file. */
  @Column({ type: DATETIME, nullable: true })
  prunedAt: Date | null;
}

/** An evidence object held in a backup file. */
@Entity('backup_object')
export class BackupObject {
  @PrimaryColumn({ type: 'integer' })
  runId: number;

  @ManyToOne(() => BackupRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: BackupRun;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;
}
