import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { DATETIME, jsonText } from '../db/columns';
import { StoredObject } from '../evidence/stored-object.entity';
import type { TrashSnapshot } from './trash-snapshot';

export const TRASH_LIMITS = { label: 300, reason: 2000 } as const;

/**
 * A case or record that a user deleted, kept whole until an admin restores or purges it: the
 * row and every row the database removed or unlinked with it (ON DELETE CASCADE / SET NULL),
 * as they were, in `snapshot`. Ids are never reused (AUTOINCREMENT), so a restore puts them back
 * as they were. `caseId` carries no foreign key: the case may be in the trash itself.
 */
@Entity('trash_item')
@Index(['recordType', 'recordId'])
export class TrashItem {
  @PrimaryGeneratedColumn()
  id: number;

  /** case, event, person, ... (trash-kinds.ts); the table's name for kinds added later. */
  @Index()
  @Column({ type: 'varchar', length: 60 })
  kind: string;

  /** The table of the deleted row. */
  @Column({ type: 'varchar', length: 60 })
  recordType: string;

  @Column({ type: 'integer' })
  recordId: number;

  @Index()
  @Column({ type: 'integer', nullable: true })
  caseId: number | null;

  /** The case's code when the record belonged to one, for the list (the case may be gone). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  caseCode: string | null;

  /** What the list shows: the record's title or name at deletion. */
  @Column({ type: 'varchar', length: TRASH_LIMITS.label })
  label: string;

  /** Whether the record was in a restricted case (the label is shown only to admins anyway). */
  @Column({ type: 'boolean', default: false })
  restricted: boolean;

  @Column({ type: 'integer', nullable: true })
  deletedById: number | null;

  @Column({ type: 'varchar', length: 200 })
  deletedByLabel: string;

  @Index()
  @Column({ type: DATETIME })
  deletedAt: Date;

  /** How many rows the snapshot holds (the record and what went with it). */
  @Column({ type: 'integer' })
  rowCount: number;

  @Column({ type: 'text', transformer: jsonText })
  snapshot: TrashSnapshot;
}

/**
 * An evidence original that a trashed record's files point at: the database keeps the object
 * (RESTRICT) and the start-up sweep keeps its file until the item is purged.
 */
@Entity('trash_stored_object')
export class TrashStoredObject {
  @PrimaryColumn({ type: 'integer' })
  trashItemId: number;

  @PrimaryColumn({ type: 'integer' })
  storedObjectId: number;

  @ManyToOne(() => TrashItem, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'trash_item_id' })
  trashItem?: Relation<TrashItem>;

  @Index()
  @ManyToOne(() => StoredObject, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'stored_object_id' })
  storedObject?: Relation<StoredObject>;
}
