import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { DATETIME, isoTimestamp } from '../db/columns';
import { ALERT_KINDS, AlertKind, inList } from './evidence-constants';
import { StoredObject } from './stored-object.entity';

/** A stored original that no longer matches its hash, or is gone: raised by a download or `casebook evidence verify`. */
@Entity('integrity_alert')
@Check(inList('kind', ALERT_KINDS))
@Check(inList('detected_by', ['download', 'verify']))
export class IntegrityAlert {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  storedObjectId: number;

  @ManyToOne(() => StoredObject, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'stored_object_id' })
  storedObject?: Relation<StoredObject>;

  @Column({ type: 'varchar', length: 10 })
  kind: AlertKind;

  @Column({ type: 'varchar', length: 64 })
  expectedSha256: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actualSha256: string | null;

  @Column({ type: 'varchar', length: 10 })
  detectedBy: 'download' | 'verify';

  @CreateDateColumn({ type: DATETIME })
  detectedAt: Date;

  @Index()
  @Column({ type: 'varchar', length: 30, nullable: true, transformer: isoTimestamp })
  resolvedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  resolvedById: number | null;
}
