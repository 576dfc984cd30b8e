import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique, UpdateDateColumn } from 'typeorm';
import { DATETIME, jsonText } from '../db/columns';
import { User } from '../users/user.entity';
import type { ImportKind } from './import-fields';

export const BATCH_STATUSES = ['mapping', 'checked', 'has-problems', 'committed', 'undone', 'discarded'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const ROW_ACTIONS = ['create', 'update', 'unchanged', 'skip', 'error'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];
export type RowCounts = Record<RowAction, number>;
export const emptyCounts = (): RowCounts => ({ create: 0, update: 0, unchanged: 0, skip: 0, error: 0 });

export interface StoredSheet {
  name: string;
  header: string[];
  rowCount: number | null;
  /** The kind guessed from the sheet's name and headers when the file was opened. */
  guessedKind: ImportKind | null;
}

/**
 * What the user decided: per sheet the kind and per column the field (null: ignored); values of
 * term columns mapped to terms; names matched to existing records (or 'new').
 */
export interface StoredMapping {
  source: string;
  sheets: { name: string; kind: ImportKind | null; columns: (string | null)[]; header?: string[] }[];
  values: { sheet: string; column: number; value: string; term: string }[];
  matches: { kind: 'person' | 'institution'; value: string; recordId: number | 'new' }[];
}

/** One uploaded file on its way in: mapped, checked, committed (all or nothing), perhaps undone. */
@Entity('import_batch')
@Check(`status IN (${BATCH_STATUSES.map((s) => `'${s}'`).join(',')})`)
@Check(`format IN ('csv','xlsx','json')`)
export class ImportBatch {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  bytes: number;

  @Column({ type: 'varchar', length: 10 })
  format: 'csv' | 'xlsx' | 'json';

  @Column({ type: 'varchar', length: 20 })
  status: BatchStatus;

  @Column({ type: 'text', transformer: jsonText })
  sheets: StoredSheet[];

  @Column({ type: 'text', transformer: jsonText })
  notices: unknown[];

  @Column({ type: 'text', transformer: jsonText })
  mapping: StoredMapping;

  @Column({ type: 'text', transformer: jsonText })
  counts: RowCounts;

  /** The seq of the batch's commit entry in the audit trail: edits after it are "edited since". */
  @Column({ type: 'integer', nullable: true })
  commitAuditSeq: number | null;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;

  @UpdateDateColumn({ type: DATETIME })
  updatedAt: Date;

  @Column({ type: DATETIME, nullable: true })
  checkedAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  committedAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  undoneAt: Date | null;
}

export interface RowProblem {
  /** The column's header text ('' for a problem of the whole row). */
  column: string;
  /** The field code the column is mapped to. */
  field: string;
  code: string;
  params: Record<string, string | number | (string | number)[]>;
}

/** The result of checking one row: what it would do, the values as they will be recorded, its problems. */
@Entity('import_row')
@Unique(['batchId', 'sheet', 'line'])
@Index(['batchId', 'kind', 'externalId'])
@Index(['batchId', 'action'])
@Check(`action IN (${ROW_ACTIONS.map((a) => `'${a}'`).join(',')})`)
export class ImportRowCheck {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  batchId: number;

  @ManyToOne(() => ImportBatch, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'batch_id' })
  batch?: Relation<ImportBatch>;

  @Column({ type: 'varchar', length: 255 })
  sheet: string;

  /** The order sheets are written in: cases, institutions, people, events. */
  @Column({ type: 'integer' })
  sheetOrder: number;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 20 })
  action: RowAction;

  @Column({ type: 'varchar', length: 255 })
  externalId: string;

  @Column({ type: 'varchar', length: 64 })
  rowHash: string;

  /** The existing record the row updates or was matched to. */
  @Column({ type: 'integer', nullable: true })
  recordId: number | null;

  @Column({ type: 'text', transformer: jsonText })
  values: Record<string, unknown>;

  @Column({ type: 'text', transformer: jsonText })
  problems: RowProblem[];

  @Column({ type: 'boolean', default: false })
  skip: boolean;

  /** Cell values the user typed in the preview, by column index. */
  @Column({ type: 'text', transformer: jsonText })
  fixes: Record<string, string>;
}

/**
 * A record an import created or matched, by its source and external id: what makes a second
 * import of the same file change nothing. `created` false: an existing record the row was
 * matched to, which undo leaves alone.
 */
@Entity('import_record')
@Unique(['source', 'kind', 'externalId'])
@Index(['kind', 'recordId'])
export class ImportRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  batchId: number;

  @ManyToOne(() => ImportBatch, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'batch_id' })
  batch?: Relation<ImportBatch>;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportKind;

  @Column({ type: 'integer' })
  recordId: number;

  @Column({ type: 'varchar', length: 255 })
  externalId: string;

  @Column({ type: 'varchar', length: 64 })
  rowHash: string;

  @Column({ type: 'varchar', length: 255 })
  source: string;

  @Column({ type: 'boolean', default: true })
  created: boolean;
}

/** A mapping saved under a name, to apply to the next file of the same layout. */
@Entity('import_mapping')
@Unique(['userId', 'name'])
export class ImportMapping {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', transformer: jsonText })
  mapping: StoredMapping;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
