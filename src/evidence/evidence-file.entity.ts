import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { DATETIME, isoTimestamp, jsonText } from '../db/columns';
import { FILE_CATEGORY_VALUES, PREVIEW_STATES, PreviewState, inList } from './evidence-constants';
import { EvidenceItem } from './evidence-item.entity';
import { StoredObject, bigintNumber } from './stored-object.entity';

export const ORIGINAL_NAME_MAX = 255;

/**
 * One file of an evidence item: the stored original (by SHA-256), the type its bytes showed,
 * and what was made of it after upload (preview, thumbnail, EXIF/XMP, text). The GPS position is
 * kept in its own columns, apart from the metadata JSON, so it can be withheld from roles not
 * cleared for it.
 */
@Entity('evidence_file')
@Unique(['itemId', 'position'])
@Check(inList('category', FILE_CATEGORY_VALUES))
@Check(inList('preview_state', PREVIEW_STATES))
@Check(`kept_as_other IN (true, false)`)
@Check(`size >= 0 AND position >= 1`)
export class EvidenceFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  itemId: number;

  @ManyToOne(() => EvidenceItem, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<EvidenceItem>;

  /** 1, 2, 3 ...: page order of a scanned record, order of a photo series. */
  @Column({ type: 'integer' })
  position: number;

  @Index()
  @Column({ type: 'integer' })
  storedObjectId: number;

  @ManyToOne(() => StoredObject, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'stored_object_id' })
  storedObject?: Relation<StoredObject>;

  /** The uploader's file name, sanitised (no path, no control characters); shown and used for downloads. */
  @Column({ type: 'varchar', length: ORIGINAL_NAME_MAX })
  originalName: string;

  /** Detected from the bytes, never from the name or the client's Content-Type. */
  @Column({ type: 'varchar', length: 100 })
  mime: string;

  @Column({ type: 'varchar', length: 10 })
  category: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size: number;

  /** A lawyer or admin kept a file of a type outside the allow-list as "other binary": never shown inline. */
  @Column({ type: 'boolean', default: false })
  keptAsOther: boolean;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  previewState: PreviewState;

  /** Why there is no preview ("no preview: the image could not be decoded ..."). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  previewNote: string | null;

  /** Relative to CASEBOOK_DATA_DIR/derived. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  previewPath: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbnailPath: string | null;

  @Column({ type: 'integer', nullable: true })
  width: number | null;

  @Column({ type: 'integer', nullable: true })
  height: number | null;

  /** EXIF/XMP facts (capture time, camera, software, orientation, warnings); never the GPS position. */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  metadata: Record<string, unknown> | null;

  @Column({ type: 'double precision', nullable: true })
  gpsLatitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  gpsLongitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  gpsAltitude: number | null;

  @Column({ type: 'text', nullable: true })
  extractedText: string | null;

  @Column({ type: 'integer', nullable: true })
  pageCount: number | null;

  /** Set when the post-upload job finished; null while it is pending (re-run at start-up). */
  @Column({ type: 'varchar', length: 30, nullable: true, transformer: isoTimestamp })
  processedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  uploadedById: number | null;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
