import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../db/columns';
import { User } from '../users/user.entity';

/** A bearer token for /api/v1. Only the SHA-256 of the token is kept; the token is shown once. */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The first characters, so people can tell their tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;

  @Column({ type: DATETIME, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  revokedAt: Date | null;
}
