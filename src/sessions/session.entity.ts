import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../db/columns';
import { User } from '../users/user.entity';

/**
 * Server-side session. The cookie carries a random token; only its HMAC is stored, so a copy
 * of the database does not hand out live sessions.
 */
@Entity('user_session')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  idHash: string;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 64 })
  csrfToken: string;

  @Column({ type: DATETIME })
  createdAt: Date;

  @Column({ type: DATETIME })
  lastSeenAt: Date;

  /** Absolute end of life, whatever the activity. */
  @Index()
  @Column({ type: DATETIME })
  expiresAt: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  /**
   * When the password (and second factor, if any) were last checked in this session: at sign-in,
   * and again on the re-authentication page. Null for sessions older than the column: createdAt.
   */
  @Column({ type: DATETIME, nullable: true })
  authenticatedAt: Date | null;

  /** A one-time message for the next page ("User added"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  flash: string | null;
}
