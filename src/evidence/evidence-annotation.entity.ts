import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { DATETIME } from '../db/columns';
import { EvidenceItem } from './evidence-item.entity';

/** A privileged (lawyer–client) note on an evidence item: only lawyers and admins ever see it. */
@Entity('evidence_annotation')
@Check(`length(body) > 0`)
export class EvidenceAnnotation {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  itemId: number;

  @ManyToOne(() => EvidenceItem, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<EvidenceItem>;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
